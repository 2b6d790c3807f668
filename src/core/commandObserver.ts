/**
 * A port for watching commands from outside core (the bot counts them for /metrics). Core tells
 * it which command ran, for whom by platform only, how it ended and how long it took; never who
 * asked or what they typed, so whatever implements it cannot leak either.
 */
import type { Platform } from './domain.js';

/** How a command ended, from a small fixed set (a metrics label). */
export const COMMAND_OUTCOMES = [
  /** It did what was asked. */
  'ok',
  /** The person's input was refused with a sentence (bad arguments, nothing found, a limit). */
  'invalid',
  /** The person's role does not allow the command. */
  'forbidden',
  /** No such command. */
  'unknown',
  /** A bug or an outage: the person saw the apology. */
  'failed',
] as const;
export type CommandOutcome = (typeof COMMAND_OUTCOMES)[number];

/**
 * What ran: a command's name from the one command list, `button` for a click, `home` for the
 * App Home view, `unknown` when nothing matched (never the word that was typed).
 */
export interface CommandEvent {
  platform: Platform;
  command: string;
  outcome: CommandOutcome;
  /** Milliseconds from dispatch to the reply, on the observer's own monotonic clock. */
  ms: number;
}

export interface CommandObserver {
  /** A monotonic reading in milliseconds (performance.now at the edge): core reads no clock itself. */
  monotonicMs(): number;
  onCommand(event: CommandEvent): void;
}

/** Ends the watch of one command: tells the observer how it ended, and hands `result` on. */
export type CommandWatch = <T>(command: string, outcome: CommandOutcome, result: T) => T;

/**
 * Starts watching one command dispatched on `platform`. Without an observer the watch only hands
 * results on; an observer that throws is reported to `onError`, never to the person.
 */
export function watchCommand(
  observer: CommandObserver | undefined,
  platform: Platform,
  onError: (error: unknown) => void,
): CommandWatch {
  if (!observer) return (_command, _outcome, result) => result;
  const started = observer.monotonicMs();
  return (command, outcome, result) => {
    try {
      observer.onCommand({ platform, command, outcome, ms: observer.monotonicMs() - started });
    } catch (error) {
      onError(error);
    }
    return result;
  };
}
