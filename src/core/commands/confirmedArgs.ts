/**
 * The arguments each confirmable command is run again with, read from a confirmation button's
 * extra fields. Only the commands listed here can be run from a button.
 */
import type { RawArgs } from '../command.js';
import type { ConfirmRequest } from './confirmations.js';

type ArgsOf = (extra: readonly string[]) => RawArgs | null;

const CONFIRMABLE: Record<string, ArgsOf> = {
  /** extra: start (epoch ms), minutes, mode (may be empty). */
  scheduled: ([at, minutes, mode]) => {
    const start = Number(at);
    if (!Number.isFinite(start) || start <= 0) return null;
    return {
      when: new Date(start).toISOString(),
      ...(minutes ? { minutes: Number(minutes) } : {}),
      ...(mode ? { mode } : {}),
    };
  },
  thanked: () => ({}),
  met: () => ({}),
  snooze: ([duration]) => (duration ? { duration } : null),
  draft: ([kind]) => (kind ? { kind } : null),
};

/** The arguments for a confirmed run, or null when the command cannot be confirmed. */
export function confirmedArgs(request: ConfirmRequest): RawArgs | null {
  const build = Object.hasOwn(CONFIRMABLE, request.command) ? CONFIRMABLE[request.command] : undefined;
  return build ? build(request.extra) : null;
}
