/**
 * `npm start` as a person runs it: the real entry point in a child process, on embedded PGlite
 * in a fresh directory, talking through stdin/stdout. Timeouts are generous; nothing here waits
 * on the clock except for them.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  exitOf,
  freshDir,
  killChildren,
  newcomerEnv,
  removeDirs,
  start,
  TEST_MS,
  waitFor,
} from '../../support/childProcess.js';

afterEach(killChildren);
afterAll(removeDirs);

describe('npm start with no credentials (console on embedded PGlite)', { timeout: TEST_MS }, () => {
  let dataDir: string;

  beforeAll(async () => {
    // One directory for the tests below, migrated once, so each start is quick.
    dataDir = await freshDir();
    const migrate = start('src/db/migrateCli.ts', newcomerEnv(dataDir));
    const { code } = await exitOf(migrate);
    expect(code, migrate.stderr()).toBe(0);
    expect(migrate.stderr()).toContain('Migrations applied (pglite)');
  }, TEST_MS);

  it('when "help" is piped in, then the commands are listed on stdout and the process exits 0', async () => {
    const child = start('src/bot/main.ts', newcomerEnv(dataDir));
    child.process.stdin.end('help\n');
    const { code } = await exitOf(child);
    expect(code, child.stderr()).toBe(0);
    expect(child.stdout()).toContain('Type "help"');
    for (const command of ['add', 'list', 'show', 'reached', 'scheduled', 'met', 'note']) {
      expect(child.stdout()).toMatch(new RegExp(`\\b${command}\\b`));
    }
    // Logs stay on stderr: stdout is the conversation only.
    expect(child.stdout()).not.toContain('"level"');
    expect(child.stderr()).toContain('"level"');
  });

  it('when several commands are piped in, then each answers in order and the data persists to the next start', async () => {
    const first = start('src/bot/main.ts', newcomerEnv(dataDir));
    first.process.stdin.end('/rapport add Jane Doe at Figma as UX Researcher via alumni\nlist\n');
    expect((await exitOf(first)).code, first.stderr()).toBe(0);
    const out = first.stdout();
    const added = out.indexOf('Added #1 Jane Doe');
    expect(added, out).toBeGreaterThan(-1);
    expect(out.indexOf('#1 Jane Doe', added + 1), out).toBeGreaterThan(added);

    const second = start('src/bot/main.ts', newcomerEnv(dataDir));
    second.process.stdin.end('list\n');
    expect((await exitOf(second)).code, second.stderr()).toBe(0);
    expect(second.stdout()).toContain('#1 Jane Doe');
  });

  it('when a second process opens the same data directory, then it is refused with the lock sentence and exit 1', async () => {
    const holder = start('src/bot/main.ts', newcomerEnv(dataDir));
    await waitFor(holder.stdout, 'Type "help"', 'first process banner');

    const intruder = start('src/bot/main.ts', newcomerEnv(dataDir));
    const { code } = await exitOf(intruder);
    expect(code).toBe(1);
    expect(intruder.stderr()).toContain(
      `The embedded database in ${dataDir} is already in use by another Rapport process`,
    );
    expect(intruder.stderr()).not.toMatch(/\n\s+at /);

    holder.process.stdin.end();
    expect((await exitOf(holder)).code).toBe(0);
  });

  it('when SIGTERM reaches a waiting console, then it stops cleanly with exit 0 and releases the directory', async () => {
    const child = start('src/bot/main.ts', newcomerEnv(dataDir));
    await waitFor(child.stdout, 'Type "help"', 'banner');
    expect(existsSync(path.join(dataDir, 'rapport.lock'))).toBe(true);
    // While it waits, /healthz on the port it picked answers from the real database.
    const port = /"port":(\d+)/.exec(child.stderr())?.[1];
    expect(port, child.stderr()).toBeDefined();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    child.process.kill('SIGTERM');
    const { code, signal } = await exitOf(child);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(child.stderr()).toContain('Shutting down');
    expect(child.stderr()).toContain('"msg":"Stopped"');
    expect(existsSync(path.join(dataDir, 'rapport.lock'))).toBe(false);
  });

  it('when SIGINT arrives during piped work, then the process still exits 0', async () => {
    const child = start('src/bot/main.ts', newcomerEnv(dataDir));
    await waitFor(child.stdout, 'Type "help"', 'banner');
    child.process.stdin.write('help\n');
    await waitFor(child.stdout, 'add', 'help reply');
    child.process.kill('SIGINT');
    expect((await exitOf(child)).code).toBe(0);
  });

  it('when PORT is already taken, then the console warns and still answers', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const child = start('src/bot/main.ts', newcomerEnv(dataDir, { PORT: String(port) }));
      child.process.stdin.end('help\n');
      // The bot listens on all interfaces, which on Linux collides with our 127.0.0.1 listener.
      expect((await exitOf(child)).code, child.stderr()).toBe(0);
      expect(child.stderr()).toContain(`PORT ${port} is already in use`);
      expect(child.stdout()).toMatch(/\blist\b/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});

describe('npm start against PostgreSQL', { timeout: TEST_MS }, () => {
  const adminUrl = process.env.DATABASE_URL;

  it.skipIf(!adminUrl)(
    'when DATABASE_URL is set, then the console runs on PostgreSQL and exits 0',
    async () => {
      const name = `rapport_main_${process.pid}_${Date.now()}`;
      const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      try {
        const url = new URL(adminUrl!);
        url.pathname = `/${name}`;
        const child = start(
          'src/bot/main.ts',
          newcomerEnv(await freshDir(), { DATABASE_URL: url.toString() }),
        );
        child.process.stdin.end('add Sam Lee at Acme\nlist\n');
        expect((await exitOf(child)).code, child.stderr()).toBe(0);
        expect(child.stderr()).toContain('"engine":"postgres"');
        expect(child.stdout()).toContain('#1 Sam Lee');
      } finally {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );
});

describe('npm start with a bad variable', { timeout: TEST_MS }, () => {
  it('when RAPPORT_TIMEZONE is not a zone, then it exits 1 with the sentence and no stack trace', async () => {
    const dataDir = await freshDir();
    const child = start('src/bot/main.ts', newcomerEnv(dataDir, { RAPPORT_TIMEZONE: 'Mars/Olympus' }));
    child.process.stdin.end();
    const { code } = await exitOf(child);
    expect(code).toBe(1);
    expect(child.stderr().trim()).toBe(
      'RAPPORT_TIMEZONE "Mars/Olympus" is not a known IANA time zone such as UTC or America/Chicago.',
    );
    expect(child.stdout()).toBe('');
    // Nothing was opened: the data directory is still empty.
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('when SLACK_BOT_TOKEN comes without its secret, then it exits 1 without printing the token', async () => {
    const dataDir = await freshDir();
    const child = start('src/bot/main.ts', newcomerEnv(dataDir, { SLACK_BOT_TOKEN: 'xoxb-do-not-print-me' }));
    const { code } = await exitOf(child);
    expect(code).toBe(1);
    expect(child.stderr()).toContain('SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set');
    expect(child.stderr()).not.toContain('xoxb-do-not-print-me');
  });

  it('when npm run migrate meets a bad variable, then it exits 1 with the sentence', async () => {
    const dataDir = await freshDir();
    const child = start('src/db/migrateCli.ts', newcomerEnv(dataDir, { PORT: 'eighty' }));
    const { code } = await exitOf(child);
    expect(code).toBe(1);
    expect(child.stderr().trim()).toBe('PORT must be a whole number from 0 to 65535.');
  });
});
