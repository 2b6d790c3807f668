/**
 * `npm run discord:register`: registers the slash commands derived from core's command list, in
 * the server named by DISCORD_GUILD_ID when it is set, else globally. Prints what it registered.
 */
import { DiscordAPIError } from 'discord.js';
import { ConfigError, loadConfig } from '../../config.js';
import { COMMANDS } from '../../core/commands/index.js';
import { describeRegistration, registerCommands } from './commandRegistrar.js';
import { RegistrationError } from './registration.js';

function fail(sentence: string): never {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (!config.discord)
    fail(
      'Set DISCORD_TOKEN and DISCORD_APP_ID to register the Discord commands (see "Connect to Discord" in README.md).',
    );
  try {
    const summary = await registerCommands(config.discord, COMMANDS);
    process.stdout.write(`${describeRegistration(summary)}\n`);
  } catch (error) {
    if (error instanceof RegistrationError) fail(`The command list cannot be registered: ${error.message}`);
    if (error instanceof DiscordAPIError) {
      const hint =
        error.status === 401
          ? ' Check DISCORD_TOKEN (the bot token from the Bot page of the developer portal).'
          : error.status === 403 || error.status === 404
            ? ' Check DISCORD_APP_ID, and that the bot was invited to DISCORD_GUILD_ID with the applications.commands scope.'
            : '';
      fail(`Discord refused the registration (${error.status}): ${error.message}.${hint}`);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  fail(`Could not register the Discord commands: ${error instanceof Error ? error.message : String(error)}`);
});
