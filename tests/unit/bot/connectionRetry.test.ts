import { describe, expect, it } from 'vitest';
import { isConnectionError, withRetry } from '../../../src/bot/connectionRetry.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('isConnectionError', () => {
  it.each([
    ['a refused socket', refused],
    ['an unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND db'), { code: 'ENOTFOUND' })],
    [
      'a postgres.js connect timeout',
      Object.assign(new Error('write CONNECT_TIMEOUT'), { code: 'CONNECT_TIMEOUT' }),
    ],
    [
      'a server still starting',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    ['a connection exception class', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a wrapped cause', new Error('migration failed', { cause: refused })],
    ['an AggregateError from dual-stack connects', new AggregateError([refused], 'connect failed')],
  ])('when the error is %s, then it is retried', (_name, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['a wrong password', Object.assign(new Error('password authentication failed'), { code: '28P01' })],
    ['a missing database', Object.assign(new Error('database "x" does not exist'), { code: '3D000' })],
    ['a syntax error in a migration', Object.assign(new Error('syntax error'), { code: '42601' })],
    ['a plain error', new Error('boom')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('when the error is %s, then it is not retried', (_name, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});

describe('withRetry', () => {
  it('when the task fails with connection errors then succeeds, then it waits 1 s, 2 s, 4 s between attempts', async () => {
    const waits: number[] = [];
    const retries: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls < 4) throw refused;
        return 'open';
      },
      {
        attempts: 5,
        firstDelayMs: 1000,
        isRetryable: isConnectionError,
        onRetry: ({ attempt }) => retries.push(attempt),
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    expect(value).toBe('open');
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(retries).toEqual([1, 2, 3]);
  });

  it('when every attempt fails, then the last error is thrown after the given number of attempts', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw refused;
        },
        { attempts: 5, firstDelayMs: 1, isRetryable: () => true, onRetry: () => {}, sleep: async () => {} },
      ),
    ).rejects.toBe(refused);
    expect(calls).toBe(5);
  });

  it('when the error is not retryable, then it is thrown at once', async () => {
    let calls = 0;
    const denied = new Error('password authentication failed');
    await expect(
      withRetry(
        async () => {
          calls++;
          throw denied;
        },
        {
          attempts: 5,
          firstDelayMs: 1,
          isRetryable: isConnectionError,
          onRetry: () => {},
          sleep: async () => {},
        },
      ),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
  });
});
