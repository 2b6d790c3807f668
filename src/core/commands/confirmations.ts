/**
 * One-line checks before acting on something that looks like a slip: a meeting more than six
 * months ahead, thanking someone never met. The question carries a button that runs the command
 * again, confirmed; the button's value names the command, the contact and what else it needs,
 * short enough for Discord's 100-character custom_id.
 */
import type { Contact } from '../pipeline/contactPorts.js';
import type { Action, Line, Reply } from '../reply.js';

/** Set on the arguments of a command run from a confirmation button. */
export const CONFIRMED_ARG = 'confirmed';
/** The value of CONFIRMED_ARG. */
export const CONFIRMED = 'yes';

/** What a confirmation button hands back. */
export interface ConfirmRequest {
  command: string;
  contactId: string;
  extra: string[];
}

const SEPARATOR = '|';

/** The button value for running `command` on `contact` with `extra` fields, confirmed. */
export function confirmValue(
  command: string,
  contact: Pick<Contact, 'id'>,
  extra: readonly string[] = [],
): string {
  return [command, contact.id, ...extra].join(SEPARATOR);
}

/** Reads a button value back; null when it is not one. */
export function parseConfirmValue(value: string): ConfirmRequest | null {
  const [command, contactId, ...extra] = value.split(SEPARATOR);
  if (!command || !contactId) return null;
  return { command, contactId, extra };
}

/** True when the arguments come from a confirmation button. */
export const isConfirmed = (args: Record<string, unknown>): boolean => args[CONFIRMED_ARG] === CONFIRMED;

/** The question, its buttons, and any lines that say how to do otherwise. */
export function askFirst(
  question: Line,
  buttons: readonly Omit<Action, 'id'>[],
  ...otherwise: Line[]
): Reply {
  return {
    blocks: [
      { type: 'text', lines: [question, ...otherwise] },
      { type: 'actions', actions: buttons.map((b) => ({ id: 'confirm_command', ...b })) },
    ],
  };
}
