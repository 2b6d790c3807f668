/**
 * The one place that reads the environment. Every variable of PRODUCT.md ("How it runs") is
 * parsed here, once, with zod; empty strings count as unset; combinations are checked; and a
 * mistake stops the start with one sentence that names the variable (never its value when the
 * value is a secret).
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { DISCORD_HTTP_VARIABLES, discordHttpFields, discordHttpProblem } from './configDiscordHttp.js';
import {
  SLACK_OAUTH_VARIABLES,
  type SlackOAuthConfig,
  slackOAuthConfig,
  slackOAuthFields,
  slackOAuthProblem,
  wantsSlackOAuth,
} from './configSlackOAuth.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const COORDINATOR_PLATFORMS = ['slack', 'discord', 'console'] as const;

/** A person named in RAPPORT_COORDINATORS: made a coordinator the first time they write. */
export interface CoordinatorSeed {
  platform: (typeof COORDINATOR_PLATFORMS)[number];
  /** Slack team id or Discord guild id. */
  spaceId: string;
  userId: string;
}

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

/** How the worker runs; every field is optional and the worker's defaults apply when absent. */
export interface WorkerConfig {
  /**
   * Added to the system clock for what the worker takes as due (RAPPORT_WORKER_CLOCK_OFFSET_MS,
   * may be negative): to try clock skew. Leases ignore it; they run on the database's clock.
   */
  clockOffsetMs: number;
  /** How long a claim holds before another worker may take it over (RAPPORT_WORKER_LEASE_SECONDS). */
  leaseSeconds?: number;
  /** Seconds between passes (RAPPORT_WORKER_INTERVAL_SECONDS, 1 to 60; default a minute). */
  intervalSeconds?: number;
  /**
   * Messages per second each worker sends on each platform (RAPPORT_WORKER_SEND_RATE): for load
   * tests against the loopback fakes; the defaults keep under the platforms' published limits.
   */
  sendRate?: number;
  /**
   * Slack conversations.history calls a minute the worker may make to look for a nudge that may
   * have landed (SLACK_HISTORY_CALLS_PER_MINUTE): 1 for a commercially distributed app outside
   * the Marketplace (the default), about 50 for an internal or Marketplace app.
   */
  slackHistoryPerMinute?: number;
}

export interface Config {
  /** PostgreSQL connection string; unset means embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** 0 means any free port. */
  port: number;
  /** Whether PORT was given, as opposed to the default. */
  portExplicit: boolean;
  logLevel: LogLevel;
  /** The organization's default IANA time zone. */
  timezone: string;
  coordinators: CoordinatorSeed[];
  slack: SlackConfig | null;
  /** Set: the Add to Slack install (many workspaces) instead of `slack`'s one bot token. */
  slackOAuth?: SlackOAuthConfig;
  /** Days the data of an uninstalled workspace or a deactivated person is kept (unset: 30). */
  retentionDays?: number;
  discord: DiscordConfig | null;
  worker: WorkerConfig;
  nodeEnv: string;
  /** Human-readable logs: a terminal, and not production. */
  pretty: boolean;
  /** When set, `GET /metrics` requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /**
   * What may wait after an ack before commands are answered "busy", when set
   * (RAPPORT_QUEUE_MAX_COMMANDS, RAPPORT_QUEUE_MAX_BYTES; defaults in src/bot/workQueue.ts).
   */
  queue?: { maxCommands?: number; maxBytes?: number };
}

/** A configuration mistake; `message` is one sentence naming the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** The variable at fault. */
    readonly variable: string,
  ) {
    super(message);
  }
}

/** Every environment variable Rapport reads (tests clear them all for a child process). */
export const CONFIG_VARIABLES = [
  'DATABASE_URL',
  'RAPPORT_DATA_DIR',
  'PORT',
  'LOG_LEVEL',
  'RAPPORT_TIMEZONE',
  'RAPPORT_COORDINATORS',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'DISCORD_TOKEN',
  'DISCORD_APP_ID',
  'DISCORD_API_URL',
  'DISCORD_GUILD_ID',
  'METRICS_TOKEN',
  'SLACK_HISTORY_CALLS_PER_MINUTE',
  'RAPPORT_WORKER_CLOCK_OFFSET_MS',
  'RAPPORT_WORKER_LEASE_SECONDS',
  'RAPPORT_WORKER_INTERVAL_SECONDS',
  'RAPPORT_WORKER_SEND_RATE',
  'RAPPORT_QUEUE_MAX_COMMANDS',
  'RAPPORT_QUEUE_MAX_BYTES',
  'NODE_ENV',
  ...SLACK_OAUTH_VARIABLES,
  ...DISCORD_HTTP_VARIABLES,
] as const;
type Variable = (typeof CONFIG_VARIABLES)[number];

/** A bearer token short enough to guess protects nothing. */
const MIN_METRICS_TOKEN_LENGTH = 16;
const COORDINATOR_FORMAT = 'slack:<team>:<user> or discord:<guild>:<user>';
const SNOWFLAKE = /^\d{1,20}$/;

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const positiveNumber = (message: string) =>
  z
    .string()
    .transform(Number)
    .refine((n) => Number.isFinite(n) && n > 0, { error: message });

/** A whole number from `min` up, with one sentence for anything else. */
const wholeNumber = (min: number, message: string) =>
  z
    .string()
    .regex(/^\d{1,12}$/, { error: message })
    .transform(Number)
    .refine((n) => n >= min, { error: message });

const coordinatorList = z.string().transform((value, ctx): CoordinatorSeed[] => {
  const seeds: CoordinatorSeed[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    // A trailing comma or a doubled one is a typo we can forgive: it names nobody.
    if (entry === '') continue;
    const [platform, spaceId, userId, ...rest] = entry.split(':').map((part) => part.trim());
    const known = (COORDINATOR_PLATFORMS as readonly string[]).includes(platform ?? '');
    if (!known || !spaceId || !userId || rest.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `RAPPORT_COORDINATORS entry "${entry}" is not of the form ${COORDINATOR_FORMAT}.`,
      });
      return z.NEVER;
    }
    seeds.push({ platform: platform as CoordinatorSeed['platform'], spaceId, userId });
  }
  return seeds;
});

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .refine(isPostgresUrl, {
      error:
        'DATABASE_URL must be a PostgreSQL connection string such as postgres://user:password@host:5432/rapport.',
    })
    .optional(),
  RAPPORT_DATA_DIR: z.string().default('./data'),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, { error: 'PORT must be a whole number from 0 to 65535.' })
    .transform(Number)
    .refine((port) => port <= 65535, { error: 'PORT must be a whole number from 0 to 65535.' })
    .optional(),
  LOG_LEVEL: z
    .string()
    .transform((level) => level.toLowerCase())
    .pipe(z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` }))
    .default('info'),
  RAPPORT_TIMEZONE: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), {
      error: (issue) =>
        `RAPPORT_TIMEZONE "${String(issue.input)}" is not a known IANA time zone such as UTC or America/Chicago.`,
    })
    .default('UTC'),
  RAPPORT_COORDINATORS: coordinatorList.default([]),
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
  METRICS_TOKEN: z
    .string()
    .min(MIN_METRICS_TOKEN_LENGTH, {
      error: `METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters long (for example the output of openssl rand -hex 32).`,
    })
    .optional(),
  SLACK_HISTORY_CALLS_PER_MINUTE: positiveNumber(
    'SLACK_HISTORY_CALLS_PER_MINUTE must be a number above 0, such as 1 or 50.',
  ).optional(),
  RAPPORT_WORKER_CLOCK_OFFSET_MS: z
    .string()
    .regex(/^[+-]?\d{1,12}$/, {
      error:
        'RAPPORT_WORKER_CLOCK_OFFSET_MS must be a whole number of milliseconds, such as 600000 or -600000.',
    })
    .transform(Number)
    .optional(),
  RAPPORT_WORKER_LEASE_SECONDS: z
    .string()
    .regex(/^\d{1,6}$/, {
      error: 'RAPPORT_WORKER_LEASE_SECONDS must be a whole number of seconds from 2 up.',
    })
    .transform(Number)
    .refine((seconds) => seconds >= 2, {
      error: 'RAPPORT_WORKER_LEASE_SECONDS must be a whole number of seconds from 2 up.',
    })
    .optional(),
  RAPPORT_WORKER_INTERVAL_SECONDS: z
    .string()
    .regex(/^\d{1,2}$/, { error: 'RAPPORT_WORKER_INTERVAL_SECONDS must be a whole number from 1 to 60.' })
    .transform(Number)
    .refine((seconds) => seconds >= 1 && seconds <= 60, {
      error: 'RAPPORT_WORKER_INTERVAL_SECONDS must be a whole number from 1 to 60.',
    })
    .optional(),
  RAPPORT_WORKER_SEND_RATE: positiveNumber(
    'RAPPORT_WORKER_SEND_RATE must be a number of messages per second above 0, such as 5.',
  ).optional(),
  RAPPORT_QUEUE_MAX_COMMANDS: wholeNumber(
    1,
    'RAPPORT_QUEUE_MAX_COMMANDS must be a whole number of commands from 1 up, such as 500.',
  ).optional(),
  RAPPORT_QUEUE_MAX_BYTES: wholeNumber(
    65_536,
    'RAPPORT_QUEUE_MAX_BYTES must be a whole number of bytes from 65536 up, such as 4194304.',
  ).optional(),
  NODE_ENV: z.string().default('development'),
  ...slackOAuthFields,
  ...discordHttpFields,
});

type Env = z.infer<typeof envSchema>;

/** The combinations one variable alone cannot check; the first problem wins. */
function combinationProblem(env: Env): { variable: Variable; message: string } | null {
  if (wantsSlackOAuth(env)) {
    const oauth = slackOAuthProblem(env);
    if (oauth) return oauth as { variable: Variable; message: string };
  }
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
  const discordHttp = discordHttpProblem(env);
  if (discordHttp) return discordHttp as { variable: Variable; message: string };
  if (env.DISCORD_TOKEN && !env.DISCORD_APP_ID) {
    return { variable: 'DISCORD_APP_ID', message: 'DISCORD_APP_ID is required when DISCORD_TOKEN is set.' };
  }
  if (env.DISCORD_APP_ID && !env.DISCORD_TOKEN) {
    return { variable: 'DISCORD_TOKEN', message: 'DISCORD_TOKEN is required when DISCORD_APP_ID is set.' };
  }
  return null;
}

/** `{ [key]: value }` when the value is set, `{}` otherwise: unset options stay absent. */
const optional = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** Only the variables we know, trimmed, with empty strings dropped: an empty value is an unset one. */
function knownVariables(env: Record<string, string | undefined>): Partial<Record<Variable, string>> {
  const present: Partial<Record<Variable, string>> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name]?.trim();
    if (value) present[name] = value;
  }
  return present;
}

/**
 * Parses the environment. Throws ConfigError with one sentence naming the variable at fault.
 * `isTerminal` says whether logs go to a terminal (they go to stderr).
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  isTerminal: boolean = process.stderr.isTTY === true,
): Config {
  const present = knownVariables(env);
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    // Every schema above carries its own sentence; this fallback never echoes a value.
    const message = issue?.message.startsWith(variable) ? issue.message : `${variable} is not valid.`;
    throw new ConfigError(message, variable);
  }
  const values = parsed.data;
  const problem = combinationProblem(values);
  if (problem) throw new ConfigError(problem.message, problem.variable);

  const slack: SlackConfig | null = values.SLACK_BOT_TOKEN
    ? {
        botToken: values.SLACK_BOT_TOKEN,
        socketMode: values.SLACK_APP_TOKEN !== undefined,
        ...(values.SLACK_SIGNING_SECRET ? { signingSecret: values.SLACK_SIGNING_SECRET } : {}),
        ...(values.SLACK_APP_TOKEN ? { appToken: values.SLACK_APP_TOKEN } : {}),
        ...(values.SLACK_API_URL ? { apiUrl: values.SLACK_API_URL } : {}),
      }
    : null;
  const discord: DiscordConfig | null =
    values.DISCORD_TOKEN && values.DISCORD_APP_ID
      ? {
          token: values.DISCORD_TOKEN,
          appId: values.DISCORD_APP_ID,
          ...(values.DISCORD_API_URL ? { apiUrl: values.DISCORD_API_URL } : {}),
          ...(values.DISCORD_GUILD_ID ? { guildId: values.DISCORD_GUILD_ID } : {}),
          ...(values.DISCORD_PUBLIC_KEY ? { publicKey: values.DISCORD_PUBLIC_KEY } : {}),
        }
      : null;

  return {
    ...(values.DATABASE_URL ? { databaseUrl: values.DATABASE_URL } : {}),
    dataDir: values.RAPPORT_DATA_DIR,
    port: values.PORT ?? 3000,
    portExplicit: values.PORT !== undefined,
    logLevel: values.LOG_LEVEL,
    timezone: values.RAPPORT_TIMEZONE,
    coordinators: values.RAPPORT_COORDINATORS,
    slack,
    ...optional('slackOAuth', slackOAuthConfig(values)),
    ...optional('retentionDays', values.RAPPORT_RETENTION_DAYS),
    discord,
    worker: {
      clockOffsetMs: values.RAPPORT_WORKER_CLOCK_OFFSET_MS ?? 0,
      ...(values.RAPPORT_WORKER_LEASE_SECONDS ? { leaseSeconds: values.RAPPORT_WORKER_LEASE_SECONDS } : {}),
      ...(values.RAPPORT_WORKER_INTERVAL_SECONDS
        ? { intervalSeconds: values.RAPPORT_WORKER_INTERVAL_SECONDS }
        : {}),
      ...(values.RAPPORT_WORKER_SEND_RATE ? { sendRate: values.RAPPORT_WORKER_SEND_RATE } : {}),
      ...(values.SLACK_HISTORY_CALLS_PER_MINUTE
        ? { slackHistoryPerMinute: values.SLACK_HISTORY_CALLS_PER_MINUTE }
        : {}),
    },
    nodeEnv: values.NODE_ENV,
    pretty: isTerminal && values.NODE_ENV !== 'production',
    ...(values.METRICS_TOKEN ? { metricsToken: values.METRICS_TOKEN } : {}),
    ...(values.RAPPORT_QUEUE_MAX_COMMANDS || values.RAPPORT_QUEUE_MAX_BYTES
      ? {
          queue: {
            ...(values.RAPPORT_QUEUE_MAX_COMMANDS ? { maxCommands: values.RAPPORT_QUEUE_MAX_COMMANDS } : {}),
            ...(values.RAPPORT_QUEUE_MAX_BYTES ? { maxBytes: values.RAPPORT_QUEUE_MAX_BYTES } : {}),
          },
        }
      : {}),
  };
}
