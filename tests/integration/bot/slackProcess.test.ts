/**
 * `npm start` with Slack credentials, as an operator runs it: the real entry point in a child
 * process, its WebClient at the fake Slack on 127.0.0.1, a signed slash command in over HTTP.
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
  waitFor,
} from '../../support/childProcess.js';
import {
  type FakeSlack,
  postSlashCommand,
  signSlackRequest,
  startFakeSlack,
} from '../../support/fakeSlack.js';

const SECRET = 'process-test-signing-secret';
const TOKEN = 'xoxb-process-test-token';

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
      teamId: 'T-PROCESS',
      userId: 'U-OPERATOR',
      userName: 'maria',
      responseUrl: slack.responseUrl(responseId),
    },
    text,
  );
}

describe('npm start with Slack credentials', { timeout: TEST_MS }, () => {
  it('when a signed /rapport command arrives, then it is acked, answered through response_url and stored', async () => {
    const dataDir = await freshDir();
    const bot = start(
      'src/bot/main.ts',
      newcomerEnv(dataDir, {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: 'info',
      }),
    );
    await waitFor(bot.stderr, /"port":\d+/, 'the HTTP server never listened');
    const port = loggedPort(bot.stderr);
    await waitFor(bot.stderr, 'Slack', 'the Slack adapter never started');

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);

    const ack = await slashCommand(port, 'add Jane Doe at Figma via alumni', 'add');
    expect(ack.status).toBe(200);
    const answer = await slack.waitForResponse('add', 60_000);
    expect(JSON.stringify(answer)).toContain('Jane Doe');

    const list = await slashCommand(port, 'list', 'list');
    expect(list.status).toBe(200);
    expect(JSON.stringify(await slack.waitForResponse('list', 60_000))).toContain('Identified');

    const forged = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest('x', 'wrong', 1) },
      body: 'command=%2Frapport&text=list',
    });
    expect(forged.status).toBe(401);

    // Tokens never reach the logs.
    expect(bot.stderr()).not.toContain(TOKEN);
    expect(bot.stderr()).not.toContain(SECRET);

    bot.process.kill('SIGTERM');
    const { code } = await exitOf(bot);
    expect(code, bot.stderr()).toBe(0);
  });
});
