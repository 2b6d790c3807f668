/**
 * The part of the configuration for Discord's bot (DISCORD_TOKEN and DISCORD_APP_ID, which go
 * together): parsed with the rest in config.ts, kept here so that file stays about one idea.
 * Interactions over HTTP (DISCORD_PUBLIC_KEY) are configDiscordHttp.ts's.
 */
import { z } from 'zod';
import { isHttpUrl } from './configFields.js';

export interface DiscordConfig {
  token: string;
  appId: string;
  /** Base URL of the REST API without a trailing `/` (discord.js appends `/v10/...`). */
  apiUrl?: string;
  /** Commands are registered in this guild when set, globally otherwise. */
  guildId?: string;
  /**
   * Set (DISCORD_PUBLIC_KEY, 64 hex characters): interactions arrive over HTTP at
   * `/discord/interactions`, verified with this Ed25519 key, and no gateway connection is opened.
   */
  publicKey?: string;
}

export const DISCORD_VARIABLES = [
  'DISCORD_TOKEN',
  'DISCORD_APP_ID',
  'DISCORD_API_URL',
  'DISCORD_GUILD_ID',
] as const;

const SNOWFLAKE = /^\d{1,20}$/;

export const discordFields = {
  DISCORD_TOKEN: z.string().optional(),
  DISCORD_APP_ID: z
    .string()
    .regex(SNOWFLAKE, {
      error: "DISCORD_APP_ID must be the application's numeric id from the Discord developer portal.",
    })
    .optional(),
  DISCORD_API_URL: z
    .string()
    .refine(isHttpUrl, {
      error: 'DISCORD_API_URL must be an http or https URL such as https://discord.com/api.',
    })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  DISCORD_GUILD_ID: z
    .string()
    .regex(SNOWFLAKE, {
      error: "DISCORD_GUILD_ID must be the server's numeric id (Discord's developer mode shows it).",
    })
    .optional(),
};

type DiscordValues = {
  [K in (typeof DISCORD_VARIABLES)[number] | 'DISCORD_PUBLIC_KEY']?: string | undefined;
};

/** The combination problem of the bot's two variables, as the variable and one sentence. */
export function discordProblem(env: DiscordValues): { variable: string; message: string } | null {
  if (env.DISCORD_TOKEN && !env.DISCORD_APP_ID) {
    return { variable: 'DISCORD_APP_ID', message: 'DISCORD_APP_ID is required when DISCORD_TOKEN is set.' };
  }
  if (env.DISCORD_APP_ID && !env.DISCORD_TOKEN) {
    return { variable: 'DISCORD_TOKEN', message: 'DISCORD_TOKEN is required when DISCORD_APP_ID is set.' };
  }
  return null;
}

/** The bot's setup, or null when it is not configured. */
export function discordConfig(values: DiscordValues): DiscordConfig | null {
  return values.DISCORD_TOKEN && values.DISCORD_APP_ID
    ? {
        token: values.DISCORD_TOKEN,
        appId: values.DISCORD_APP_ID,
        ...(values.DISCORD_API_URL ? { apiUrl: values.DISCORD_API_URL } : {}),
        ...(values.DISCORD_GUILD_ID ? { guildId: values.DISCORD_GUILD_ID } : {}),
        ...(values.DISCORD_PUBLIC_KEY ? { publicKey: values.DISCORD_PUBLIC_KEY } : {}),
      }
    : null;
}
