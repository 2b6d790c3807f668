/**
 * Expected failures are values; bugs are exceptions. Every failure a person can cause has one
 * `kind` from ERROR_KINDS, and each kind has one user-facing message shape.
 */

export const ERROR_KINDS = [
  'unknown_command',
  'usage',
  'not_found',
  'ambiguous',
  'invalid_date',
  'past_date',
  'too_long',
  'control_chars',
  'forbidden',
  'invalid_value',
  'conflict',
  'expired',
  'too_many_tries',
  'unavailable',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A failure a person caused, with what to tell them. */
export interface UserError {
  kind: ErrorKind;
  /** One friendly sentence, in the product's words (may quote user text via `detail`). */
  message: string;
  /** The right usage for the command, when there is one. */
  usage?: string;
  /** Extra lines: a pick-list of matching contacts, the closest command, ... */
  detail?: import('./reply.js').Inline[][];
  /** Contacts to pick from when a name matched several: offered as buttons with the same command. */
  choices?: { contactId: string; label: string }[];
}

export type Result<T, E = UserError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (
  kind: ErrorKind,
  message: string,
  extra: Omit<UserError, 'kind' | 'message'> = {},
): Result<never> => ({
  ok: false,
  error: { kind, message, ...extra },
});
