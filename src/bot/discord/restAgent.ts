/**
 * The connection pool every discord.js REST client of Rapport sends through: an Agent of the undici
 * copy that @discordjs/rest itself loads (undici 6).
 *
 * Why not undici's global dispatcher, discord.js's default: every undici copy in a process shares
 * one global dispatcher (kept on globalThis), and the first copy loaded installs its own Agent.
 * Slack's Socket Mode loads undici 7. When it loads first, discord.js's requests with files
 * (a digest's chart, a meeting's .ics: undici 6's FormData) reach undici 7's Agent, which does not
 * recognize that FormData and fails ("action is not a function"). An Agent of its own keeps
 * Discord working whichever platform a process loads first.
 */
import { createRequire } from 'node:module';
import type { RESTOptions } from 'discord.js';

type Agent = NonNullable<RESTOptions['agent']>;

let agent: Agent | undefined;

/** The one Agent of this process's Discord REST clients, made at the first call. */
export function discordRestAgent(): Agent {
  if (!agent) {
    // discord.js -> @discordjs/rest -> undici: resolved along the declared dependencies.
    const discordJs = createRequire(createRequire(import.meta.url).resolve('discord.js'));
    const rest = createRequire(discordJs.resolve('@discordjs/rest'));
    const { Agent: UndiciAgent } = rest('undici') as { Agent: new () => Agent };
    agent = new UndiciAgent();
  }
  return agent;
}
