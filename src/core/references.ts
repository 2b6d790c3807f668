/**
 * How a platform writes a person or a channel inside a command's text (a Slack mention, a Discord
 * id, a console channel name). Core never reads that syntax itself: the adapters' wiring hands
 * `Rapport` one `ReferenceSyntax` per platform (src/bot/references.ts), and commands ask it.
 */

/** A person as the platform knows them: their user id, and the name when the mention carries one. */
export interface PersonMention {
  id: string;
  name?: string;
}

/** A channel as the platform knows it: its id, and how to show it to people (`#careers`). */
export interface ChannelMention {
  id: string;
  label: string;
}

export interface ReferenceSyntax {
  /** The person a mention or a bare user id names; undefined when the text is neither. */
  person(text: string): PersonMention | undefined;
  /** The channel a channel mention or a bare channel id names; undefined when the text is neither. */
  channel(text: string): ChannelMention | undefined;
}

/** Where no syntax was wired: only names, never ids. */
export const NAMES_ONLY: ReferenceSyntax = {
  person: () => undefined,
  channel: () => undefined,
};
