/**
 * The part of the configuration for Discord interactions over HTTP (DISCORD_PUBLIC_KEY): parsed
 * with the rest in config.ts, kept here so that file stays about one idea. With the key set,
 * Discord posts interactions to `/discord/interactions` and no gateway connection is opened; the
 * bot token still sends nudges and digests over REST, so it stays required.
 */
import { z } from 'zod';

export const DISCORD_HTTP_VARIABLES = ['DISCORD_PUBLIC_KEY'] as const;

/** An Ed25519 public key as the developer portal shows it: 32 bytes in hexadecimal. */
const PUBLIC_KEY = /^[0-9a-fA-F]{64}$/;

export const discordHttpFields = {
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(PUBLIC_KEY, {
      error:
        "DISCORD_PUBLIC_KEY must be the application's public key from the Discord developer portal (General Information): 64 hexadecimal characters.",
    })
    .transform((key) => key.toLowerCase())
    .optional(),
};

interface DiscordHttpValues {
  DISCORD_PUBLIC_KEY?: string | undefined;
  DISCORD_TOKEN?: string | undefined;
  DISCORD_APP_ID?: string | undefined;
}

/** The combination problem of HTTP interactions mode, as the variable and one sentence. */
export function discordHttpProblem(env: DiscordHttpValues): { variable: string; message: string } | null {
  if (!env.DISCORD_PUBLIC_KEY) return null;
  for (const name of ['DISCORD_TOKEN', 'DISCORD_APP_ID'] as const) {
    if (!env[name]) {
      return {
        variable: name,
        message: `${name} is required when DISCORD_PUBLIC_KEY is set: nudges and digests still go out with the bot.`,
      };
    }
  }
  return null;
}
