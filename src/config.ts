/**
 * The one place that reads the environment. Every variable of PRODUCT.md ("How it runs") is
 * parsed here, once, with zod; empty strings count as unset; combinations are checked; and a
 * mistake stops the start with one sentence that names the variable (never its value when the
 * value is a secret). Each platform's variables and checks, and the worker's, are a part beside it
 * (configSlack.ts, configSlackOAuth.ts, configDiscord.ts, configDiscordHttp.ts, configWorker.ts);
 * this file puts them together and checks the combinations in one order.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import {
  DISCORD_VARIABLES,
  type DiscordConfig,
  discordConfig,
  discordFields,
  discordProblem,
} from './configDiscord.js';
import { DISCORD_HTTP_VARIABLES, discordHttpFields, discordHttpProblem } from './configDiscordHttp.js';
import { wholeNumber } from './configFields.js';
import { SLACK_VARIABLES, type SlackConfig, slackConfig, slackFields, slackProblem } from './configSlack.js';
import {
  SLACK_OAUTH_VARIABLES,
  type SlackOAuthConfig,
  slackOAuthConfig,
  slackOAuthFields,
  slackOAuthProblem,
  wantsSlackOAuth,
} from './configSlackOAuth.js';
import { WORKER_VARIABLES, type WorkerConfig, workerConfig, workerFields } from './configWorker.js';

export type { DiscordConfig, SlackConfig, WorkerConfig };

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
   * What may wait after an ack before commands are answered "busy", and how many run at once,
   * when set (RAPPORT_QUEUE_MAX_COMMANDS, RAPPORT_QUEUE_MAX_BYTES, RAPPORT_QUEUE_CONCURRENCY;
   * defaults in src/bot/workQueue.ts).
   */
  queue?: { maxCommands?: number; maxBytes?: number; concurrency?: number };
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
  ...SLACK_VARIABLES,
  ...DISCORD_VARIABLES,
  'METRICS_TOKEN',
  ...WORKER_VARIABLES,
  'RAPPORT_QUEUE_MAX_COMMANDS',
  'RAPPORT_QUEUE_MAX_BYTES',
  'RAPPORT_QUEUE_CONCURRENCY',
  'NODE_ENV',
  ...SLACK_OAUTH_VARIABLES,
  ...DISCORD_HTTP_VARIABLES,
] as const;
type Variable = (typeof CONFIG_VARIABLES)[number];

/** A bearer token short enough to guess protects nothing. */
const MIN_METRICS_TOKEN_LENGTH = 16;
const COORDINATOR_FORMAT = 'slack:<team>:<user> or discord:<guild>:<user>';

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

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
  ...slackFields,
  ...discordFields,
  METRICS_TOKEN: z
    .string()
    .min(MIN_METRICS_TOKEN_LENGTH, {
      error: `METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters long (for example the output of openssl rand -hex 32).`,
    })
    .optional(),
  ...workerFields,
  RAPPORT_QUEUE_MAX_COMMANDS: wholeNumber(
    1,
    'RAPPORT_QUEUE_MAX_COMMANDS must be a whole number of commands from 1 up, such as 500.',
  ).optional(),
  RAPPORT_QUEUE_CONCURRENCY: wholeNumber(
    1,
    'RAPPORT_QUEUE_CONCURRENCY must be a whole number of commands from 1 up, such as 10.',
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
  const slack = slackProblem(env);
  if (slack) return slack as { variable: Variable; message: string };
  const discordHttp = discordHttpProblem(env);
  if (discordHttp) return discordHttp as { variable: Variable; message: string };
  const discord = discordProblem(env);
  if (discord) return discord as { variable: Variable; message: string };
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

  return {
    ...(values.DATABASE_URL ? { databaseUrl: values.DATABASE_URL } : {}),
    dataDir: values.RAPPORT_DATA_DIR,
    port: values.PORT ?? 3000,
    portExplicit: values.PORT !== undefined,
    logLevel: values.LOG_LEVEL,
    timezone: values.RAPPORT_TIMEZONE,
    coordinators: values.RAPPORT_COORDINATORS,
    slack: slackConfig(values),
    ...optional('slackOAuth', slackOAuthConfig(values)),
    ...optional('retentionDays', values.RAPPORT_RETENTION_DAYS),
    discord: discordConfig(values),
    worker: workerConfig(values),
    nodeEnv: values.NODE_ENV,
    pretty: isTerminal && values.NODE_ENV !== 'production',
    ...(values.METRICS_TOKEN ? { metricsToken: values.METRICS_TOKEN } : {}),
    ...(values.RAPPORT_QUEUE_MAX_COMMANDS ||
    values.RAPPORT_QUEUE_MAX_BYTES ||
    values.RAPPORT_QUEUE_CONCURRENCY
      ? {
          queue: {
            ...(values.RAPPORT_QUEUE_MAX_COMMANDS ? { maxCommands: values.RAPPORT_QUEUE_MAX_COMMANDS } : {}),
            ...(values.RAPPORT_QUEUE_MAX_BYTES ? { maxBytes: values.RAPPORT_QUEUE_MAX_BYTES } : {}),
            ...(values.RAPPORT_QUEUE_CONCURRENCY ? { concurrency: values.RAPPORT_QUEUE_CONCURRENCY } : {}),
          },
        }
      : {}),
  };
}
