/**
 * `npm run rotate-key`: after putting a new key first in RAPPORT_ENCRYPTION_KEY (the old one
 * after a comma), re-seals every stored Slack installation under the new key. Once it reports
 * nothing skipped, the old key can be removed from the variable.
 */
import { openDatabaseForStart, StartupError } from '../bot/databaseStartup.js';
import { createLogger } from '../bot/logger.js';
import { ConfigError, loadConfig } from '../config.js';
import { slackInstallationRepository } from './repos/slackInstallationRepository.js';
import { rotateKeys } from './rotateKeys.js';
import { SecretBox } from './secretBox.js';

async function rotate(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, pretty: config.pretty });
  if (!config.slackOAuth) {
    throw new ConfigError(
      'RAPPORT_ENCRYPTION_KEY and the Add to Slack variables must be set to rotate the key.',
      'RAPPORT_ENCRYPTION_KEY',
    );
  }
  const database = await openDatabaseForStart(config, logger, { migrate: true });
  try {
    const box = new SecretBox(config.slackOAuth.encryptionKeys);
    const result = await rotateKeys(slackInstallationRepository(database.db), box);
    logger.info(
      { ...result, keyId: box.currentKeyId },
      'Slack installations re-sealed under the current key',
    );
  } finally {
    await database.close();
  }
}

rotate().then(
  () => process.exit(0),
  (error: unknown) => {
    const sentence =
      error instanceof ConfigError || error instanceof StartupError
        ? error.message
        : `Key rotation failed: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${sentence}\n`);
    process.exit(1);
  },
);
