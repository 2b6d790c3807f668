/**
 * "Several contacts match": each match becomes a button that runs the same command on that
 * contact, so typing its number in the console (or clicking it) picks it. The button carries the
 * command and its other arguments; one too long for a platform's button is left out.
 */
import type { RawArgs } from '../command.js';
import type { Action } from '../reply.js';

/** Discord's custom_id holds 100 characters, the action id and a colon included. */
const MAX_VALUE_LENGTH = 85;
const SEPARATOR = '|';

/** The buttons for a pick-list; none when the command's arguments are too long to carry. */
export function pickActions(
  command: string,
  args: RawArgs,
  choices: readonly { contactId: string; label: string }[],
): Action[] {
  const { contact: _typed, ...rest } = args;
  const carried = Object.keys(rest).length ? JSON.stringify(rest) : '';
  const actions = choices.map((choice) => ({
    id: 'pick_contact' as const,
    label: choice.label,
    value: [command, choice.contactId, carried].join(SEPARATOR),
  }));
  return actions.every((action) => action.value.length <= MAX_VALUE_LENGTH) ? actions : [];
}

/** A pick button read back: the command, the contact, and the other arguments; null when malformed. */
export function parsePick(value: string): { command: string; contactId: string; args: RawArgs } | null {
  const first = value.indexOf(SEPARATOR);
  const second = value.indexOf(SEPARATOR, first + 1);
  if (first <= 0 || second <= first) return null;
  const carried = value.slice(second + 1);
  let args: RawArgs = {};
  if (carried) {
    try {
      const parsed: unknown = JSON.parse(carried);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
      args = Object.fromEntries(
        Object.entries(parsed).filter(
          (entry): entry is [string, string | number] =>
            typeof entry[1] === 'string' || typeof entry[1] === 'number',
        ),
      );
    } catch {
      return null;
    }
  }
  return { command: value.slice(0, first), contactId: value.slice(first + 1, second), args };
}
