/** What the person reads on Discord when something is not a normal reply. Our own words, one sentence each. */
import { BUSY_SENTENCE } from '../workQueue.js';

export const DISCORD_SENTENCES = {
  notInGuild: "Rapport works inside your community's Discord server: use /rapport in one of its channels.",
  slow: "This is taking longer than usual. I'll update this message as soon as it's done.",
  apology: 'Sorry, something went wrong on our side. Please try again in a moment.',
  staleButton: "That button doesn't work any more. Run the command again to get a fresh one.",
  notYourButton: "That button isn't one of yours, or what it was for is gone, so I did nothing.",
  stopping: 'Rapport is restarting. Please try again in a minute.',
  busy: BUSY_SENTENCE,
  /** Over HTTP: a server the bot was never added to (only its commands were). */
  unknownGuild:
    "Rapport isn't set up for this server yet: ask a server admin to add the Rapport bot to it, then try again.",
} as const;
