/**
 * `npm run migrate`: applies the migrations in `migrations/` to the configured database
 * (PostgreSQL when DATABASE_URL is set, else the embedded one) and exits. `npm start` does the
 * same at every start; this is for deployments that migrate as a separate step.
 */

import { openDatabaseForStart, StartupError } from '../bot/databaseStartup.js';
import { createLogger } from '../bot/logger.js';
import { ConfigError, loadConfig } from '../config.js';

async function migrate(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, pretty: config.pretty });
  const database = await openDatabaseForStart(config, logger, { migrate: true });
  await database.close();
  logger.info({ engine: database.kind }, `Migrations applied (${database.kind})`);
}

migrate().then(
  () => process.exit(0),
  (error: unknown) => {
    const sentence =
      error instanceof ConfigError || error instanceof StartupError
        ? error.message
        : `Migrations failed: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${sentence}\n`);
    process.exit(1);
  },
);
