/**
 * Starting and stopping the Slack adapter, without a database: the token check at start, the
 * route on the shared server, Socket Mode wiring, and an unknown button acknowledged at once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../src/bot/http/httpServer.js';
import { createSlackAdapter, type SlackAdapterOptions } from '../../../src/bot/slack/slackAdapter.js';
import type { RapportApi } from '../../../src/core/api.js';
import { type FakeSlack, signSlackRequest, startFakeSlack } from '../../support/fakeSlack.js';

const SECRET = 'startup-secret';
const NOW = Date.parse('2026-11-16T20:00:00Z');
let slack: FakeSlack;
let http: HttpServer;

const silentLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
} as unknown as SlackAdapterOptions['logger'];

/** No request in these tests reaches core. */
const unusedApi = { commands: [] } as unknown as RapportApi;

function options(overrides: Partial<SlackAdapterOptions['slack']> = {}): SlackAdapterOptions {
  return {
    api: unusedApi,
    slack: {
      botToken: 'xoxb-startup',
      signingSecret: SECRET,
      apiUrl: slack.apiUrl,
      socketMode: false,
      ...overrides,
    },
    http,
    firstDelivery: async () => true,
    logger: silentLogger,
    now: () => NOW,
  };
}

beforeAll(async () => {
  slack = await startFakeSlack();
});

beforeEach(() => {
  slack.reset();
  http = createHttpServer({ health: async () => true, logger: silentLogger });
});

afterAll(async () => {
  await slack?.close();
});

describe('starting the Slack adapter', () => {
  it('when Slack rejects the bot token, then start fails with a sentence naming SLACK_BOT_TOKEN', async () => {
    slack.fail('auth.test', { error: 'invalid_auth' });
    const adapter = createSlackAdapter(options());
    await expect(adapter.start()).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
  });

  it('when it starts over HTTP, then /slack/events answers on the shared server beside /healthz', async () => {
    const adapter = createSlackAdapter(options());
    await adapter.start();
    const port = await http.listen(0, '127.0.0.1');
    try {
      expect(slack.callsTo('auth.test')).toHaveLength(1);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(
        (await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x' })).status,
      ).toBe(401);
    } finally {
      await adapter.stop();
      await http.close();
    }
  });

  it('when a button this version does not know is clicked, then it is acknowledged at once and ignored', async () => {
    const adapter = createSlackAdapter(options());
    await adapter.start();
    const port = await http.listen(0, '127.0.0.1');
    try {
      const payload = {
        type: 'block_actions',
        team: { id: 'T0TEAM', domain: 'x' },
        user: { id: 'U1', username: 'u', team_id: 'T0TEAM' },
        api_app_id: 'A1',
        token: 't',
        container: { type: 'message', is_ephemeral: true },
        trigger_id: 't1',
        response_url: slack.responseUrl('old'),
        actions: [
          {
            type: 'button',
            action_id: 'retired_button',
            block_id: 'b',
            value: 'v',
            action_ts: '1.1',
            text: { type: 'plain_text', text: 'x' },
          },
        ],
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...signSlackRequest(body, SECRET, Math.floor(NOW / 1000)),
        },
        body,
      });
      expect(response.status).toBe(200);
      await adapter.idle();
      expect(slack.responses).toHaveLength(0);
    } finally {
      await adapter.stop();
      await http.close();
    }
  });

  it('when it is stopped, then new requests get 503', async () => {
    const adapter = createSlackAdapter(options());
    await adapter.start();
    const port = await http.listen(0, '127.0.0.1');
    await adapter.stop();
    try {
      expect(
        (await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x' })).status,
      ).toBe(503);
    } finally {
      await http.close();
    }
  });

  it('when an app token is configured, then Socket Mode is wired and no HTTP route is needed', () => {
    const adapter = createSlackAdapter({
      ...options({ appToken: 'xapp-1', socketMode: true, signingSecret: undefined }),
      http: undefined,
    });
    expect(adapter.name).toBe('slack');
    expect(adapter.app).toBeDefined();
  });

  it('when HTTP mode lacks a signing secret, then creating the adapter fails with a sentence', () => {
    expect(() => createSlackAdapter(options({ signingSecret: undefined }))).toThrow(/SLACK_SIGNING_SECRET/);
  });
});
