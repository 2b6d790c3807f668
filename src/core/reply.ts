/**
 * What core answers, independent of any platform. Text a person typed is always an
 * `{ user: ... }` node, never mixed into the product's own strings, so each adapter escapes it
 * for its platform (mrkdwn for Slack, markdown for Discord) and nothing typed becomes a ping, a
 * link or formatting.
 */

/** A piece of a line: product text (a string, may carry **bold** via `strong`) or untrusted text. */
export type Inline = string | { user: string } | { strong: string } | { code: string };

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
  | { type: 'divider' };

export interface FileAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text (ics, csv, json) or bytes (png). */
  content: string | Uint8Array;
  title?: string;
}

export interface Reply {
  blocks: Block[];
  files?: FileAttachment[];
  /** Private (ephemeral) unless a command explicitly says otherwise. */
  visibility?: 'private' | 'public';
}

export const user = (text: string): Inline => ({ user: text });
export const strong = (text: string): Inline => ({ strong: text });
export const code = (text: string): Inline => ({ code: text });
export const textBlock = (...lines: Line[]): Block => ({ type: 'text', lines });
export const reply = (...blocks: Block[]): Reply => ({ blocks });

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
