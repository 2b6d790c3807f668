import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config.js';

/** The sentence loadConfig throws for `env`, failing the test when it does not throw. */
function errorFor(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env, false);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const SLACK_HTTP = { SLACK_BOT_TOKEN: 'xoxb-secret-bot-token', SLACK_SIGNING_SECRET: 'secret-signing-value' };
const DISCORD = { DISCORD_TOKEN: 'discord-secret-token', DISCORD_APP_ID: '112233445566778899' };

describe('loadConfig defaults', () => {
  it('when nothing is set, then it runs the console on embedded PGlite in ./data on port 3000, UTC, info', () => {
    const config = loadConfig({}, false);
    expect(config).toEqual({
      dataDir: './data',
      port: 3000,
      portExplicit: false,
      logLevel: 'info',
      timezone: 'UTC',
      coordinators: [],
      slack: null,
      discord: null,
      worker: { clockOffsetMs: 0 },
      nodeEnv: 'development',
      pretty: false,
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('when every variable is an empty or blank string, then each counts as unset', () => {
    const blank = Object.fromEntries(
      CONFIG_VARIABLES.map((name, index) => [name, index % 2 === 0 ? '' : '   ']),
    );
    expect(loadConfig(blank, false)).toEqual(loadConfig({}, false));
  });

  it('when values are given, then they are read (trimmed) into the config', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://rapport:pw@db.internal:5432/rapport',
        RAPPORT_DATA_DIR: ' /var/lib/rapport ',
        PORT: '8080',
        LOG_LEVEL: 'DEBUG',
        RAPPORT_TIMEZONE: 'America/Chicago',
        NODE_ENV: 'production',
      },
      true,
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgres://rapport:pw@db.internal:5432/rapport',
      dataDir: '/var/lib/rapport',
      port: 8080,
      portExplicit: true,
      logLevel: 'debug',
      timezone: 'America/Chicago',
      nodeEnv: 'production',
    });
  });

  it('when PORT is 0, then any free port is asked for', () => {
    expect(loadConfig({ PORT: '0' }, false)).toMatchObject({ port: 0, portExplicit: true });
  });

  it('when a postgresql:// URL is given, then it is accepted like postgres://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/rapport' }, false).databaseUrl).toBe(
      'postgresql://localhost/rapport',
    );
  });
});

describe('loadConfig pretty logs', () => {
  it('when logs go to a terminal outside production, then they are pretty', () => {
    expect(loadConfig({}, true).pretty).toBe(true);
  });

  it('when logs go to a terminal in production, then they stay JSON', () => {
    expect(loadConfig({ NODE_ENV: 'production' }, true).pretty).toBe(false);
  });

  it('when logs are piped, then they stay JSON', () => {
    expect(loadConfig({ NODE_ENV: 'development' }, false).pretty).toBe(false);
  });
});

describe('loadConfig single-variable errors', () => {
  it.each([
    ['PORT', 'abc', 'PORT must be a whole number from 0 to 65535.'],
    ['PORT', '70000', 'PORT must be a whole number from 0 to 65535.'],
    ['PORT', '-1', 'PORT must be a whole number from 0 to 65535.'],
    ['PORT', '3000.5', 'PORT must be a whole number from 0 to 65535.'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.'],
    [
      'RAPPORT_TIMEZONE',
      'Mars/Olympus',
      'RAPPORT_TIMEZONE "Mars/Olympus" is not a known IANA time zone such as UTC or America/Chicago.',
    ],
    [
      'DATABASE_URL',
      'mysql://root@localhost/rapport',
      'DATABASE_URL must be a PostgreSQL connection string such as postgres://user:password@host:5432/rapport.',
    ],
    [
      'DATABASE_URL',
      'not a url',
      'DATABASE_URL must be a PostgreSQL connection string such as postgres://user:password@host:5432/rapport.',
    ],
    [
      'DISCORD_GUILD_ID',
      'my-server',
      "DISCORD_GUILD_ID must be the server's numeric id (Discord's developer mode shows it).",
    ],
  ])('when %s is %j, then the start stops with one sentence naming it', (variable, value, sentence) => {
    const error = errorFor({ [variable]: value });
    expect(error.message).toBe(sentence);
    expect(error.variable).toBe(variable);
  });

  it('when SLACK_API_URL is not a URL, then the sentence names it', () => {
    const error = errorFor({ ...SLACK_HTTP, SLACK_API_URL: 'slack.example' });
    expect(error.message).toBe('SLACK_API_URL must be an http or https URL such as https://slack.com/api/.');
  });

  it('when DISCORD_API_URL is not an http URL, then the sentence names it', () => {
    const error = errorFor({ ...DISCORD, DISCORD_API_URL: 'ftp://discord.example/api' });
    expect(error.message).toBe(
      'DISCORD_API_URL must be an http or https URL such as https://discord.com/api.',
    );
  });

  it('when DISCORD_APP_ID is not numeric, then the sentence names it', () => {
    const error = errorFor({ DISCORD_TOKEN: 'discord-secret-token', DISCORD_APP_ID: 'rapport-bot' });
    expect(error.message).toBe(
      "DISCORD_APP_ID must be the application's numeric id from the Discord developer portal.",
    );
  });
});

describe('loadConfig Slack', () => {
  it('when the bot token and signing secret are set, then Slack runs over HTTP', () => {
    expect(loadConfig(SLACK_HTTP, false).slack).toEqual({
      botToken: 'xoxb-secret-bot-token',
      signingSecret: 'secret-signing-value',
      socketMode: false,
    });
  });

  it('when the bot token has no signing secret, then the sentence asks for the secret', () => {
    const error = errorFor({ SLACK_BOT_TOKEN: 'xoxb-secret-bot-token' });
    expect(error.message).toBe(
      'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN to use Socket Mode).',
    );
    expect(error.variable).toBe('SLACK_SIGNING_SECRET');
  });

  it('when an app token is set with the bot token, then Slack runs in Socket Mode without a signing secret', () => {
    const config = loadConfig(
      { SLACK_BOT_TOKEN: 'xoxb-secret-bot-token', SLACK_APP_TOKEN: 'xapp-secret-app' },
      false,
    );
    expect(config.slack).toEqual({
      botToken: 'xoxb-secret-bot-token',
      appToken: 'xapp-secret-app',
      socketMode: true,
    });
  });

  it('when an app token is set alone, then the sentence asks for the bot token', () => {
    expect(errorFor({ SLACK_APP_TOKEN: 'xapp-secret-app' }).message).toBe(
      'SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set.',
    );
  });

  it('when a signing secret is set alone, then the sentence asks for the bot token', () => {
    expect(errorFor({ SLACK_SIGNING_SECRET: 'secret-signing-value' }).message).toBe(
      'SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set.',
    );
  });

  it('when the two Slack tokens are swapped, then the sentence says which goes where', () => {
    expect(errorFor({ SLACK_BOT_TOKEN: 'xapp-secret-app', SLACK_APP_TOKEN: 'xoxb-secret-bot' }).message).toBe(
      'SLACK_BOT_TOKEN holds an app-level token (xapp-...): put that in SLACK_APP_TOKEN and the bot token (xoxb-...) in SLACK_BOT_TOKEN.',
    );
    expect(
      errorFor({ SLACK_BOT_TOKEN: 'xoxb-secret-bot', SLACK_APP_TOKEN: 'xoxb-secret-bot-2' }).message,
    ).toBe(
      'SLACK_APP_TOKEN holds a bot token (xoxb-...): put that in SLACK_BOT_TOKEN and the app-level token (xapp-...) in SLACK_APP_TOKEN.',
    );
  });

  it('when SLACK_API_URL has no trailing slash, then one is added', () => {
    const config = loadConfig({ ...SLACK_HTTP, SLACK_API_URL: 'http://127.0.0.1:4010/api' }, false);
    expect(config.slack?.apiUrl).toBe('http://127.0.0.1:4010/api/');
  });

  it('when SLACK_API_URL already ends with a slash, then it is kept as is', () => {
    const config = loadConfig({ ...SLACK_HTTP, SLACK_API_URL: 'https://slack.com/api/' }, false);
    expect(config.slack?.apiUrl).toBe('https://slack.com/api/');
  });
});

describe('loadConfig Discord', () => {
  it('when the token and app id are set, then Discord is configured with the optional guild and API URL', () => {
    const config = loadConfig(
      { ...DISCORD, DISCORD_GUILD_ID: '998877665544332211', DISCORD_API_URL: 'http://127.0.0.1:4020/api/' },
      false,
    );
    expect(config.discord).toEqual({
      token: 'discord-secret-token',
      appId: '112233445566778899',
      guildId: '998877665544332211',
      apiUrl: 'http://127.0.0.1:4020/api',
    });
  });

  it('when only the token is set, then the sentence asks for the app id', () => {
    expect(errorFor({ DISCORD_TOKEN: 'discord-secret-token' }).message).toBe(
      'DISCORD_APP_ID is required when DISCORD_TOKEN is set.',
    );
  });

  it('when only the app id is set, then the sentence asks for the token', () => {
    expect(errorFor({ DISCORD_APP_ID: '112233445566778899' }).message).toBe(
      'DISCORD_TOKEN is required when DISCORD_APP_ID is set.',
    );
  });

  it('when Slack and Discord are both configured, then both are returned', () => {
    const config = loadConfig({ ...SLACK_HTTP, ...DISCORD }, false);
    expect(config.slack).not.toBeNull();
    expect(config.discord).not.toBeNull();
  });
});

describe('loadConfig worker', () => {
  it('when the worker variables are set, then they are read, a negative clock offset included', () => {
    const config = loadConfig(
      {
        RAPPORT_WORKER_CLOCK_OFFSET_MS: '-600000',
        RAPPORT_WORKER_LEASE_SECONDS: '15',
        RAPPORT_WORKER_INTERVAL_SECONDS: '2',
        RAPPORT_WORKER_SEND_RATE: '50',
        SLACK_HISTORY_CALLS_PER_MINUTE: '50',
      },
      false,
    );
    expect(config.worker).toEqual({
      clockOffsetMs: -600_000,
      leaseSeconds: 15,
      intervalSeconds: 2,
      sendRate: 50,
      slackHistoryPerMinute: 50,
    });
  });

  it('when a worker variable is out of range, then one sentence names it', () => {
    expect(() => loadConfig({ RAPPORT_WORKER_INTERVAL_SECONDS: '90' }, false)).toThrow(
      'RAPPORT_WORKER_INTERVAL_SECONDS must be a whole number from 1 to 60.',
    );
    expect(() => loadConfig({ RAPPORT_WORKER_CLOCK_OFFSET_MS: '10 minutes' }, false)).toThrow(
      /^RAPPORT_WORKER_CLOCK_OFFSET_MS must be a whole number of milliseconds/,
    );
    expect(() => loadConfig({ SLACK_HISTORY_CALLS_PER_MINUTE: '0' }, false)).toThrow(
      /^SLACK_HISTORY_CALLS_PER_MINUTE must be a number above 0/,
    );
  });
});

describe('loadConfig coordinators', () => {
  it('when coordinators are listed with spaces and a trailing comma, then each is parsed', () => {
    const config = loadConfig(
      { RAPPORT_COORDINATORS: ' slack:T0123:U0456 , discord:111:222,console:local:local-user,' },
      false,
    );
    expect(config.coordinators).toEqual([
      { platform: 'slack', spaceId: 'T0123', userId: 'U0456' },
      { platform: 'discord', spaceId: '111', userId: '222' },
      { platform: 'console', spaceId: 'local', userId: 'local-user' },
    ]);
  });

  it.each([
    ['slack:T0123', 'slack:T0123'],
    ['teams:T1:U1', 'teams:T1:U1'],
    ['slack:T1:U1:extra', 'slack:T1:U1:extra'],
    ['slack::U1', 'slack::U1'],
  ])('when an entry is %j, then the sentence names that entry', (entry, named) => {
    const error = errorFor({ RAPPORT_COORDINATORS: `discord:1:2,${entry}` });
    expect(error.message).toBe(
      `RAPPORT_COORDINATORS entry "${named}" is not of the form slack:<team>:<user> or discord:<guild>:<user>.`,
    );
    expect(error.variable).toBe('RAPPORT_COORDINATORS');
  });
});

describe('loadConfig secrecy', () => {
  it('when any combination fails, then no token, secret or password appears in the sentence', () => {
    const secrets = [
      'xoxb-secret-bot-token',
      'secret-signing-value',
      'xapp-secret-app',
      'discord-secret-token',
      'pw',
    ];
    const failing = [
      { SLACK_BOT_TOKEN: 'xoxb-secret-bot-token' },
      { SLACK_APP_TOKEN: 'xapp-secret-app' },
      { SLACK_SIGNING_SECRET: 'secret-signing-value' },
      { DISCORD_TOKEN: 'discord-secret-token' },
      { DISCORD_TOKEN: 'discord-secret-token', DISCORD_APP_ID: 'x' },
      { DATABASE_URL: 'mysql://root:pw@localhost/db' },
      { ...SLACK_HTTP, SLACK_API_URL: 'nope' },
    ];
    for (const env of failing) {
      const message = errorFor(env).message;
      for (const secret of secrets) expect(message).not.toContain(secret);
    }
  });

  it('when anything fails, then the message is one sentence ending with a full stop', () => {
    for (const env of [{ PORT: 'x' }, { SLACK_BOT_TOKEN: 'xoxb-1' }, { RAPPORT_COORDINATORS: 'x' }]) {
      const message = errorFor(env).message;
      expect(message).toMatch(/^[A-Z_]+ .*\.$/);
      expect(message).not.toContain('\n');
    }
  });
});

describe('loadConfig metrics token', () => {
  it('when METRICS_TOKEN is set, then /metrics gets it (trimmed)', () => {
    expect(loadConfig({ METRICS_TOKEN: '  0123456789abcdef0123  ' }, false).metricsToken).toBe(
      '0123456789abcdef0123',
    );
  });

  it('when METRICS_TOKEN is too short to resist guessing, then the sentence names it and never its value', () => {
    const error = errorFor({ METRICS_TOKEN: 'hunter2' });
    expect(error.variable).toBe('METRICS_TOKEN');
    expect(error.message).toBe(
      'METRICS_TOKEN must be at least 16 characters long (for example the output of openssl rand -hex 32).',
    );
    expect(error.message).not.toContain('hunter2');
  });
});

describe('loadConfig work queue', () => {
  it('when the queue bounds are set, then they are read; when neither is, then the config names none', () => {
    expect(
      loadConfig({ RAPPORT_QUEUE_MAX_COMMANDS: '200', RAPPORT_QUEUE_MAX_BYTES: '1048576' }, false).queue,
    ).toEqual({ maxCommands: 200, maxBytes: 1_048_576 });
    expect(loadConfig({ RAPPORT_QUEUE_MAX_COMMANDS: '50' }, false).queue).toEqual({ maxCommands: 50 });
    expect(loadConfig({ RAPPORT_QUEUE_CONCURRENCY: '8' }, false).queue).toEqual({ concurrency: 8 });
    expect(loadConfig({}, false).queue).toBeUndefined();
  });

  it('when a queue bound is not a whole number in range, then one sentence names it', () => {
    expect(() => loadConfig({ RAPPORT_QUEUE_MAX_COMMANDS: '0' }, false)).toThrow(
      'RAPPORT_QUEUE_MAX_COMMANDS must be a whole number of commands from 1 up, such as 500.',
    );
    expect(() => loadConfig({ RAPPORT_QUEUE_MAX_BYTES: '4MB' }, false)).toThrow(
      /^RAPPORT_QUEUE_MAX_BYTES must be a whole number of bytes from 65536 up/,
    );
    expect(() => loadConfig({ RAPPORT_QUEUE_CONCURRENCY: '0' }, false)).toThrow(
      'RAPPORT_QUEUE_CONCURRENCY must be a whole number of commands from 1 up, such as 10.',
    );
    expect(() => loadConfig({ RAPPORT_QUEUE_MAX_BYTES: '1000' }, false)).toThrow(
      /^RAPPORT_QUEUE_MAX_BYTES must be a whole number of bytes from 65536 up/,
    );
  });
});
