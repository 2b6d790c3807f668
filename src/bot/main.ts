/**
 * `npm start`: reads the configuration from the environment, owns the process (signals, crashes,
 * exit codes) and hands over to start.ts, which wires database, core and adapters together.
 * A configuration mistake, an unreachable database or a taken port prints one sentence and exits 1.
 */

import { type Config, ConfigError, loadConfig } from '../config.js';
import { StartupError } from './databaseStartup.js';
import { createLogger } from './logger.js';
import { createLifecycle, exitOnSignals } from './shutdown.js';
import { startRapport } from './start.js';

/** Prints one sentence, never a stack trace, and exits 1. */
function failStart(sentence: string): never {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) failStart(error.message);
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel, pretty: config.pretty });
  const lifecycle = createLifecycle({ logger });
  exitOnSignals(lifecycle);
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'Uncaught exception');
    void lifecycle.shutdown('uncaught exception', 1);
  });
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err }, 'Unhandled promise rejection');
    void lifecycle.shutdown('unhandled rejection', 1);
  });
  // `npm start | head` closes stdout early: leave quietly rather than crash on EPIPE.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') void lifecycle.shutdown('stdout closed', 0);
  });

  await startRapport({ config, logger, lifecycle }).catch((error: unknown) => {
    if (error instanceof StartupError) failStart(error.message);
    throw error;
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Rapport could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
