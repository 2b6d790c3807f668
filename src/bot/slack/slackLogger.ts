/**
 * Bolt and the WebClient log through @slack/logger's interface; this routes them to our pino
 * logger. Their debug lines are dropped: they print request and response bodies verbatim, which
 * carry what people typed, and pino's redaction cannot reach inside a message string.
 */
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

/** The parts of pino the Slack adapter uses; a pino Logger fits. */
export type AppLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error' | 'child'>;

const describe = (parts: unknown[]): string =>
  parts.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part))).join(' ');

export function slackLogger(logger: AppLogger, name: string): SlackLogger {
  const log = logger.child({ component: name });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...parts: unknown[]) => log.info(describe(parts)),
    warn: (...parts: unknown[]) => log.warn(describe(parts)),
    error: (...parts: unknown[]) => log.error(describe(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export { safeError } from '../../core/safeError.js';
