/**
 * The operator's view of a running bot: `npm start` with Slack credentials and METRICS_TOKEN, as a
 * child process whose WebClient talks to the fake Slack on 127.0.0.1. After a slash command,
 * /metrics holds the command, worker and outbox series with their fixed labels and nothing that
 * identifies the person or repeats what they typed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  exitOf,
  freshDir,
  killChildren,
  loggedPort,
  newcomerEnv,
  removeDirs,
  start,
  TEST_MS,
  WAIT_MS,
  waitFor,
} from '../../support/childProcess.js';
import { type FakeSlack, postSlashCommand, startFakeSlack } from '../../support/fakeSlack.js';
import { seedPgliteDir } from '../../support/testDatabase.js';

const SECRET = 'metrics-test-signing-secret';
const TOKEN = 'xoxb-metrics-test-token';
const METRICS_TOKEN = 'scrape-token-7f3a9c2e41b8d605';
const USER = 'U0METRICS42';
const TEAM = 'T0METRICS42';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterEach(killChildren);
afterAll(async () => {
  await slack?.close();
  await removeDirs();
});

function slashCommand(port: number, text: string, responseId: string): Promise<Response> {
  return postSlashCommand(
    {
      base: `http://127.0.0.1:${port}`,
      secret: SECRET,
      teamId: TEAM,
      userId: USER,
      userName: 'maria.lopez',
      responseUrl: slack.responseUrl(responseId),
    },
    text,
  );
}

const scrape = async (port: number, authorization?: string) => {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: authorization ? { authorization } : {},
  });
  return { status: response.status, text: await response.text() };
};

describe('npm start, scraped', { timeout: TEST_MS }, () => {
  it('when a command has run, then /metrics shows it by platform, command and outcome, with no user id or typed text', async () => {
    const dataDir = await freshDir();
    await seedPgliteDir(dataDir);
    const bot = start(
      'src/bot/main.ts',
      newcomerEnv(dataDir, {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        METRICS_TOKEN,
      }),
    );
    await waitFor(bot.stderr, /"port":\d+/, 'the HTTP server never listened');
    const port = loggedPort(bot.stderr);
    await waitFor(bot.stderr, 'Slack adapter ready', 'the Slack adapter never started');

    expect((await fetch(`http://127.0.0.1:${port}/livez`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok' }]);

    expect((await slashCommand(port, 'add Jane Doe at Figma', 'add')).status).toBe(200);
    expect(JSON.stringify(await slack.waitForResponse('add', 60_000))).toContain('Jane Doe');
    expect((await slashCommand(port, 'frobnicate Zanzibar', 'unknown')).status).toBe(200);
    await slack.waitForResponse('unknown', 60_000);

    expect((await scrape(port)).status).toBe(401);
    expect((await scrape(port, 'Bearer not-the-token-at-all-123')).status).toBe(401);
    const auth = `Bearer ${METRICS_TOKEN}`;
    // The worker's first pass runs at start; its series appear once it has ended.
    await expect
      .poll(async () => (await scrape(port, auth)).text, { timeout: WAIT_MS, interval: 200 })
      .toContain('rapport_worker_last_pass_timestamp_seconds ');
    const { status, text } = await scrape(port, auth);
    expect(status).toBe(200);
    const lines = text.split('\n');
    expect(lines).toContain('rapport_commands_total{platform="slack",command="add",outcome="ok"} 1');
    expect(lines).toContain('rapport_commands_total{platform="slack",command="unknown",outcome="unknown"} 1');
    expect(
      lines.some((l) =>
        l.startsWith('rapport_command_duration_seconds_count{platform="slack",command="add"} 1'),
      ),
    ).toBe(true);
    expect(lines).toContain('rapport_outbox_depth 0');
    expect(lines.some((l) => l.startsWith('rapport_worker_pass_duration_seconds_count{outcome="ok"}'))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith('process_resident_memory_bytes '))).toBe(true);
    for (const secret of [
      USER,
      TEAM,
      'maria',
      'Jane',
      'Figma',
      'frobnicate',
      'Zanzibar',
      TOKEN,
      METRICS_TOKEN,
    ])
      expect(text).not.toContain(secret);
    // Every label value of Rapport's own series comes from a small fixed set.
    const labelValues = new Set(
      lines
        .filter((l) => l.startsWith('rapport_'))
        .flatMap((l) => [...l.matchAll(/(\w+)="([^"]*)"/g)].map(([, name, value]) => `${name}=${value}`)),
    );
    for (const pair of labelValues) expect(pair).toMatch(/^(platform|command|outcome|le)=[a-z0-9.+ -]*$/i);

    bot.process.kill('SIGTERM');
    expect((await exitOf(bot)).code, bot.stderr()).toBe(0);
  });
});
