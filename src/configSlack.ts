/**
 * The part of the configuration for Slack with one bot token (SLACK_BOT_TOKEN): over HTTP, signed
 * with SLACK_SIGNING_SECRET, or in Socket Mode with SLACK_APP_TOKEN. Parsed with the rest in
 * config.ts, kept here so that file stays about one idea. Swapped tokens are caught by their prefix.
 */
import { z } from 'zod';
import { isHttpUrl } from './configFields.js';
import { wantsSlackOAuth } from './configSlackOAuth.js';

export interface SlackConfig {
  botToken: string;
  /** Absent only in Socket Mode, where Slack does not sign requests. */
  signingSecret?: string;
  /** Set: Socket Mode instead of HTTP. */
  appToken?: string;
  /** Base URL of the Web API, always ending with `/` (Bolt's `slackApiUrl`). */
  apiUrl?: string;
  socketMode: boolean;
}

export const SLACK_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
] as const;

export const slackFields = {
  SLACK_BOT_TOKEN: z
    .string()
    .refine((token) => !token.startsWith('xapp-'), {
      error:
        'SLACK_BOT_TOKEN holds an app-level token (xapp-...): put that in SLACK_APP_TOKEN and the bot token (xoxb-...) in SLACK_BOT_TOKEN.',
    })
    .optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z
    .string()
    .refine((token) => !token.startsWith('xoxb-'), {
      error:
        'SLACK_APP_TOKEN holds a bot token (xoxb-...): put that in SLACK_BOT_TOKEN and the app-level token (xapp-...) in SLACK_APP_TOKEN.',
    })
    .optional(),
  SLACK_API_URL: z
    .string()
    .refine(isHttpUrl, {
      error: 'SLACK_API_URL must be an http or https URL such as https://slack.com/api/.',
    })
    .transform((url) => (url.endsWith('/') ? url : `${url}/`))
    .optional(),
};

type SlackValues = { [K in (typeof SLACK_VARIABLES)[number]]?: string | undefined } & Parameters<
  typeof wantsSlackOAuth
>[0];

/** The first combination problem of the bot-token setup, as the variable and one sentence. */
export function slackProblem(env: SlackValues): { variable: string; message: string } | null {
  if (env.SLACK_APP_TOKEN && !env.SLACK_BOT_TOKEN) {
    return {
      variable: 'SLACK_BOT_TOKEN',
      message: 'SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set.',
    };
  }
  if (env.SLACK_SIGNING_SECRET && !env.SLACK_BOT_TOKEN && !wantsSlackOAuth(env)) {
    return {
      variable: 'SLACK_BOT_TOKEN',
      message: 'SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set.',
    };
  }
  if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    return {
      variable: 'SLACK_SIGNING_SECRET',
      message:
        'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN to use Socket Mode).',
    };
  }
  return null;
}

/** The bot-token setup, or null when SLACK_BOT_TOKEN is unset. */
export function slackConfig(values: SlackValues): SlackConfig | null {
  return values.SLACK_BOT_TOKEN
    ? {
        botToken: values.SLACK_BOT_TOKEN,
        socketMode: values.SLACK_APP_TOKEN !== undefined,
        ...(values.SLACK_SIGNING_SECRET ? { signingSecret: values.SLACK_SIGNING_SECRET } : {}),
        ...(values.SLACK_APP_TOKEN ? { appToken: values.SLACK_APP_TOKEN } : {}),
        ...(values.SLACK_API_URL ? { apiUrl: values.SLACK_API_URL } : {}),
      }
    : null;
}
