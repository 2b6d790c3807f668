/**
 * The part of the configuration for Slack's Add to Slack install (many workspaces): parsed with
 * the rest in config.ts, kept here so that file stays about one idea. With SLACK_CLIENT_ID,
 * SLACK_CLIENT_SECRET and SLACK_STATE_SECRET set, tokens come from the database (one per
 * installed workspace, sealed under RAPPORT_ENCRYPTION_KEY) instead of SLACK_BOT_TOKEN.
 */
import { z } from 'zod';
import { type EncryptionKey, parseEncryptionKey } from './db/secretBox.js';

export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  signingSecret: string;
  /** Base URL of the Web API, ending with `/` (tests point it at the fake Slack). */
  apiUrl?: string;
  /** The current key first, then older keys still accepted while `npm run rotate-key` runs. */
  encryptionKeys: EncryptionKey[];
}

export const SLACK_OAUTH_VARIABLES = [
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'RAPPORT_ENCRYPTION_KEY',
  'RAPPORT_RETENTION_DAYS',
] as const;

const KEY_SENTENCE =
  'RAPPORT_ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32), the current key first and any older ones after a comma';

const encryptionKeys = z.string().transform((value, ctx): EncryptionKey[] => {
  const keys: EncryptionKey[] = [];
  for (const [index, part] of value.split(',').entries()) {
    const parsed = parseEncryptionKey(part);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: `${KEY_SENTENCE}; key ${index + 1} ${parsed}.` });
      return z.NEVER;
    }
    keys.push(parsed);
  }
  return keys;
});

export const slackOAuthFields = {
  SLACK_CLIENT_ID: z.string().optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  SLACK_STATE_SECRET: z
    .string()
    .min(16, { error: 'SLACK_STATE_SECRET must be at least 16 characters (openssl rand -hex 32).' })
    .optional(),
  RAPPORT_ENCRYPTION_KEY: encryptionKeys.optional(),
  RAPPORT_RETENTION_DAYS: z
    .string()
    .regex(/^\d{1,4}$/, {
      error: 'RAPPORT_RETENTION_DAYS must be a whole number of days from 1 to 3650, such as 30.',
    })
    .transform(Number)
    // Zero would delete a workspace's data in the pass after an uninstall, with no time to come back.
    .refine((days) => days >= 1 && days <= 3650, {
      error: 'RAPPORT_RETENTION_DAYS must be a whole number of days from 1 to 3650, such as 30.',
    })
    .optional(),
};

interface OAuthValues {
  SLACK_CLIENT_ID?: string | undefined;
  SLACK_CLIENT_SECRET?: string | undefined;
  SLACK_STATE_SECRET?: string | undefined;
  RAPPORT_ENCRYPTION_KEY?: EncryptionKey[] | undefined;
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_APP_TOKEN?: string | undefined;
  SLACK_SIGNING_SECRET?: string | undefined;
  SLACK_API_URL?: string | undefined;
}

const OAUTH_TRIO = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** Whether any of the OAuth trio is set: the other Slack checks then follow OAuth's rules. */
export const wantsSlackOAuth = (env: OAuthValues): boolean => OAUTH_TRIO.some((name) => env[name]);

/** The first combination problem of OAuth mode, as the variable and one sentence. */
export function slackOAuthProblem(env: OAuthValues): { variable: string; message: string } | null {
  if (!wantsSlackOAuth(env)) return null;
  for (const name of OAUTH_TRIO) {
    if (!env[name]) {
      return {
        variable: name,
        message: `${name} is required for the Add to Slack install (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together).`,
      };
    }
  }
  if (env.SLACK_BOT_TOKEN || env.SLACK_APP_TOKEN) {
    return {
      variable: env.SLACK_BOT_TOKEN ? 'SLACK_BOT_TOKEN' : 'SLACK_APP_TOKEN',
      message: `${env.SLACK_BOT_TOKEN ? 'SLACK_BOT_TOKEN' : 'SLACK_APP_TOKEN'} must be unset for the Add to Slack install: each workspace's token comes from its install.`,
    };
  }
  if (!env.SLACK_SIGNING_SECRET) {
    return {
      variable: 'SLACK_SIGNING_SECRET',
      message: 'SLACK_SIGNING_SECRET is required for the Add to Slack install.',
    };
  }
  if (!env.RAPPORT_ENCRYPTION_KEY) {
    return {
      variable: 'RAPPORT_ENCRYPTION_KEY',
      message: `RAPPORT_ENCRYPTION_KEY is required for the Add to Slack install: ${KEY_SENTENCE}.`,
    };
  }
  return null;
}

/** The OAuth configuration, or null in single-workspace (or no-Slack) mode; call after the check. */
export function slackOAuthConfig(env: OAuthValues): SlackOAuthConfig | null {
  if (!wantsSlackOAuth(env) || slackOAuthProblem(env)) return null;
  return {
    clientId: env.SLACK_CLIENT_ID!,
    clientSecret: env.SLACK_CLIENT_SECRET!,
    stateSecret: env.SLACK_STATE_SECRET!,
    signingSecret: env.SLACK_SIGNING_SECRET!,
    encryptionKeys: env.RAPPORT_ENCRYPTION_KEY!,
    ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
  };
}
