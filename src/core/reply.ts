/**
 * What core answers, independent of any platform. Text a person typed is always an
 * `{ user: ... }` node, never mixed into the product's own strings, so each adapter escapes it
 * for its platform (mrkdwn for Slack, markdown for Discord) and nothing typed becomes a ping, a
 * link or formatting.
 */

import type { Audience } from './domain.js';

/**
 * A command as a reply names it (in a usage line or in help). Each platform spells it its own
 * way: the text form after `/rapport` on Slack and the console, the slash command with its
 * options on Discord.
 */
export interface CommandSignature {
  name: string;
  audience: Audience;
  /** The text form, without the `/rapport` prefix. */
  usage: string;
  options: readonly { name: string; required?: boolean }[];
}

/**
 * A piece of a line: product text (a string, may carry **bold** via `strong`), untrusted text, or
 * code. Code that names a command's usage carries the command's signature too, so a platform
 * without the text form (Discord) can spell it its own way.
 */
export type Inline =
  | string
  | { user: string }
  | { strong: string }
  | { code: string; usage?: CommandSignature };

export type Line = Inline[];

/** Buttons: the action ids the adapters route back to core. */
export const ACTION_IDS = [
  'nudge_done',
  'nudge_snooze_2d',
  'nudge_snooze_1w',
  'contact_show',
  'contact_advance',
  'contact_snooze',
  'contact_note',
  'forget_confirm',
  /** Runs a command again after a one-line check (see commands/confirmations.ts). */
  'confirm_command',
  /** Picks one contact from a "several contacts match" list (see commands/contactPicks.ts). */
  'pick_contact',
  /** The debrief reminder's ratings of the conversation (the same as `outcome`). */
  'nudge_outcome_useful',
  'nudge_outcome_somewhat',
  'nudge_outcome_not',
  /** The reflect reminder's decisions (the same as `decide`). */
  'nudge_decide_keep',
  'nudge_decide_focus',
  'nudge_decide_change',
  /** What a rated conversation changed, the step after a rating (the same as `outcome`'s last word). */
  'outcome_confirmed',
  'outcome_new_direction',
  'outcome_ruled_out',
  'outcome_unsure',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export interface Action {
  id: ActionId;
  label: string;
  /** Opaque value handed back with the click (a nudge id, a contact id). */
  value: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'text'; lines: Line[] }
  | { type: 'fields'; fields: { label: string; value: Line }[] }
  | { type: 'list'; title?: string; items: Line[] }
  | { type: 'context'; lines: Line[] }
  | { type: 'actions'; actions: Action[] }
  | { type: 'divider' }
  /** Examples in the text form; platforms without a text form (Discord) leave them out. */
  | { type: 'examples'; items: string[] };

export interface FileAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text (ics, csv, json) or bytes (png). */
  content: string | Uint8Array;
  title?: string;
  /** What an image shows, in a sentence, for screen readers (Slack's `alt_txt`). */
  altText?: string;
}

export interface Reply {
  blocks: Block[];
  files?: FileAttachment[];
  /** Private (ephemeral) unless a command explicitly says otherwise. */
  visibility?: 'private' | 'public';
  /** The person's account is gone (forget-me): adapters drop what they remember of them. */
  accountDeleted?: true;
}

export const user = (text: string): Inline => ({ user: text });
export const strong = (text: string): Inline => ({ strong: text });
export const code = (text: string): Inline => ({ code: text });
/** A command's usage in the text form (`short` leaves out the `/rapport` prefix a list repeats). */
export const usageOf = (command: CommandSignature, short = false): Inline => ({
  code: short ? command.usage : `/rapport ${command.usage}`,
  usage: command,
});
export const textBlock = (...lines: Line[]): Block => ({ type: 'text', lines });
export const reply = (...blocks: Block[]): Reply => ({ blocks });

/** Text-form examples as a titled list, for the platforms that show them. */
export function examplesList(block: Extract<Block, { type: 'examples' }>): Extract<Block, { type: 'list' }> {
  return { type: 'list', title: 'Examples', items: block.items.map((e) => [code(`/rapport ${e}`)]) };
}

/** Plain text of a line, with user text as typed (for the console and notification fallbacks). */
export function lineToPlain(line: Line): string {
  return line
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('user' in part) return part.user;
      if ('strong' in part) return part.strong;
      return part.code;
    })
    .join('');
}
