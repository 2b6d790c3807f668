import { describe, expect, it } from 'vitest';
import { databaseHost, openDatabaseForStart, StartupError } from '../../../src/bot/databaseStartup.js';
import { type Database, DatabaseLockedError, type OpenOptions } from '../../../src/db/engine.js';

const fakeDatabase = { kind: 'postgres' } as Database;
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

function recorder() {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      info: (_obj: object, msg: string) => lines.push(`info ${msg}`),
      warn: (_obj: object, msg: string) => lines.push(`warn ${msg}`),
    },
  };
}

async function startupError(promise: Promise<unknown>): Promise<StartupError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return error as StartupError;
  }
  throw new Error('expected a StartupError');
}

const postgresConfig = {
  databaseUrl: 'postgres://rapport:hunter2@db.internal:5433/rapport',
  dataDir: './data',
};

describe('databaseHost', () => {
  it('when the URL has credentials, then only host and port are shown', () => {
    expect(databaseHost(postgresConfig.databaseUrl)).toBe('db.internal:5433');
  });
});

describe('openDatabaseForStart', () => {
  it('when the server refuses twice then answers, then it opens after logged retries', async () => {
    const { lines, logger } = recorder();
    const waits: number[] = [];
    const seen: OpenOptions[] = [];
    let calls = 0;
    const database = await openDatabaseForStart(postgresConfig, logger, {
      sleep: async (ms) => {
        waits.push(ms);
      },
      open: async (options) => {
        seen.push(options);
        if (++calls < 3) throw refused;
        return fakeDatabase;
      },
    });
    expect(database).toBe(fakeDatabase);
    expect(waits).toEqual([1000, 2000]);
    expect(seen[0]).toEqual({ databaseUrl: postgresConfig.databaseUrl, dataDir: './data', migrate: true });
    expect(lines.filter((line) => line.startsWith('warn'))).toEqual([
      'warn Cannot reach PostgreSQL at db.internal:5433 yet (connect ECONNREFUSED 127.0.0.1:5432); trying again in 1 s',
      'warn Cannot reach PostgreSQL at db.internal:5433 yet (connect ECONNREFUSED 127.0.0.1:5432); trying again in 2 s',
    ]);
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('when the server never answers, then one sentence says so after 5 attempts, without the password', async () => {
    const { logger } = recorder();
    let calls = 0;
    const error = await startupError(
      openDatabaseForStart(postgresConfig, logger, {
        sleep: async () => {},
        open: async () => {
          calls++;
          throw refused;
        },
      }),
    );
    expect(calls).toBe(5);
    expect(error.message).toBe(
      'Could not reach PostgreSQL at db.internal:5433 after 5 attempts (connect ECONNREFUSED 127.0.0.1:5432); check DATABASE_URL and that the server is running.',
    );
    expect(error.message).not.toContain('hunter2');
  });

  it('when another process holds the embedded database, then its sentence is kept and nothing is retried', async () => {
    const { logger } = recorder();
    let calls = 0;
    const error = await startupError(
      openDatabaseForStart({ dataDir: '/srv/rapport' }, logger, {
        sleep: async () => {},
        open: async () => {
          calls++;
          throw new DatabaseLockedError('/srv/rapport', 4242);
        },
      }),
    );
    expect(calls).toBe(1);
    expect(error.message).toBe(new DatabaseLockedError('/srv/rapport', 4242).message);
  });

  it('when the failure is not about connecting, then it stops at once with a sentence', async () => {
    const { logger } = recorder();
    let calls = 0;
    const error = await startupError(
      openDatabaseForStart(postgresConfig, logger, {
        sleep: async () => {},
        open: async () => {
          calls++;
          throw Object.assign(new Error('password authentication failed for user "rapport"'), {
            code: '28P01',
          });
        },
      }),
    );
    expect(calls).toBe(1);
    expect(error.message).toBe(
      'Could not open PostgreSQL at db.internal:5433: password authentication failed for user "rapport".',
    );
  });

  it('when migrations are turned off, then the engine is told so', async () => {
    const { logger } = recorder();
    const seen: OpenOptions[] = [];
    await openDatabaseForStart({ dataDir: 'memory://' }, logger, {
      migrate: false,
      open: async (options) => {
        seen.push(options);
        return fakeDatabase;
      },
    });
    expect(seen).toEqual([{ dataDir: 'memory://', migrate: false }]);
  });
});
