/**
 * The Slack Notifier the worker uses, against the fake Web API: one attempt per send, and an
 * outcome the worker can act on (sent, rate limited, transient, permanent).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../../src/bot/slack/slackNotifier.js';
import type { Notifier, Recipient } from '../../../src/core/notifier.js';
import type { Reply } from '../../../src/core/reply.js';
import { type FakeSlack, startFakeSlack } from '../../support/fakeSlack.js';

const TOKEN = 'xoxb-notifier-token';
let slack: FakeSlack;
let notifier: Notifier;

const silentLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
} as unknown as Parameters<typeof createSlackNotifier>[0]['logger'];

const nudge: Reply = {
  blocks: [
    { type: 'header', text: 'Follow up' },
    { type: 'text', lines: [['A week has passed since you wrote to ', { user: 'Jane <!here>' }, '.']] },
    { type: 'actions', actions: [{ id: 'nudge_done', label: 'Done', value: 'nudge-1' }] },
  ],
};

let sequence = 0;
function recipient(overrides: Partial<Recipient> = {}): Recipient {
  sequence += 1;
  return {
    personId: `p${sequence}`,
    platform: 'slack',
    spaceExternalId: 'T0TEAM',
    externalUserId: `UN${sequence}`,
    dmChannelId: null,
    ...overrides,
  };
}

beforeAll(async () => {
  slack = await startFakeSlack();
});

beforeEach(() => {
  slack.reset();
  notifier = createSlackNotifier({ botToken: TOKEN, apiUrl: slack.apiUrl, logger: silentLogger });
});

afterAll(async () => {
  await slack?.close();
});

describe('sending a DM', () => {
  it('when a person has no DM channel yet, then one is opened, the message posted, and the channel handed back', async () => {
    const to = recipient();
    const outcome = await notifier.send(to, nudge, 'key-1');
    expect(slack.calls.map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage']);
    expect(slack.calls[0]!.body.users).toBe(to.externalUserId);
    const post = slack.calls[1]!;
    expect(post.token).toBe(TOKEN);
    expect(post.body.channel).toBe(`D${to.externalUserId}`);
    expect(post.body.text).toContain('Jane &lt;!here&gt;');
    expect(JSON.stringify(post.body.blocks)).toContain('"action_id":"nudge_done"');
    expect(post.body.metadata).toEqual({ event_type: 'rapport_message', event_payload: { key: 'key-1' } });
    expect(outcome).toEqual({
      status: 'sent',
      messageId: expect.stringMatching(/^\d+\.\d+$/),
      dmChannelId: `D${to.externalUserId}`,
    });
  });

  it('when the same person is messaged again, then the DM channel is not opened twice', async () => {
    const to = recipient();
    await notifier.send(to, nudge, 'a');
    await notifier.send(to, nudge, 'b');
    expect(slack.callsTo('conversations.open')).toHaveLength(1);
  });

  it('when the DM channel is known, then the message goes straight to it', async () => {
    const outcome = await notifier.send(recipient({ dmChannelId: 'DKNOWN' }), nudge, 'k');
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(slack.calls[0]!.body.channel).toBe('DKNOWN');
    expect(outcome).toEqual({ status: 'sent', messageId: expect.any(String) });
  });

  it('when a stored DM channel no longer exists, then a fresh one is opened once and the new id handed back', async () => {
    const to = recipient({ dmChannelId: 'DGONE' });
    slack.fail('chat.postMessage', { error: 'channel_not_found' });
    const outcome = await notifier.send(to, nudge, 'k');
    expect(slack.calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'conversations.open',
      'chat.postMessage',
    ]);
    expect(outcome).toMatchObject({ status: 'sent', dmChannelId: `D${to.externalUserId}` });
  });

  it('when a reply carries files, then they go through the upload API in one message with the blocks', async () => {
    const to = recipient();
    const withFile: Reply = {
      ...nudge,
      files: [
        {
          filename: 'meeting.ics',
          contentType: 'text/calendar',
          content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
        },
      ],
    };
    const outcome = await notifier.send(to, withFile, 'k');
    expect(slack.calls.map((c) => c.method)).toEqual([
      'conversations.open',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    expect(slack.calls[1]!.body).toMatchObject({ filename: 'meeting.ics', length: '32' });
    expect(slack.uploads).toHaveLength(1);
    expect(slack.uploads[0]!.bytes.toString()).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const complete = slack.calls[2]!.body;
    expect(complete.channel_id).toBe(`D${to.externalUserId}`);
    expect(JSON.stringify(complete.blocks)).toContain('Follow up');
    expect(outcome).toMatchObject({ status: 'sent', messageId: slack.uploads[0]!.fileId });
  });
});

describe('reporting failures without retrying them', () => {
  it('when Slack answers 429, then the outcome is rate_limited with its Retry-After, after a single attempt', async () => {
    slack.fail('chat.postMessage', { status: 429, retryAfterSeconds: 30 });
    const outcome = await notifier.send(recipient({ dmChannelId: 'D1' }), nudge, 'k');
    expect(outcome).toEqual({ status: 'rate_limited', retryAfterMs: 30_000 });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it.each([
    'user_not_found',
    'account_inactive',
    'cannot_dm_bot',
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'invalid_auth',
    'token_revoked',
  ])('when Slack answers %s, then the outcome is permanent', async (error) => {
    slack.failAlways('chat.postMessage', { error });
    slack.failAlways('conversations.open', { error });
    const outcome = await notifier.send(recipient(), nudge, 'k');
    expect(outcome).toEqual({ status: 'permanent', error });
  });

  it('when Slack answers with a 5xx, then the outcome is transient and nothing was retried', async () => {
    slack.fail('chat.postMessage', { status: 503 });
    const outcome = await notifier.send(recipient({ dmChannelId: 'D1' }), nudge, 'k');
    expect(outcome).toEqual({ status: 'transient', error: 'http_503' });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('when the connection drops, then the outcome is transient', async () => {
    slack.fail('chat.postMessage', { network: true });
    const outcome = await notifier.send(recipient({ dmChannelId: 'D1' }), nudge, 'k');
    expect(outcome).toMatchObject({ status: 'transient' });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('when Slack reports an internal error, then the outcome is transient', async () => {
    slack.fail('chat.postMessage', { error: 'internal_error' });
    expect(await notifier.send(recipient({ dmChannelId: 'D1' }), nudge, 'k')).toEqual({
      status: 'transient',
      error: 'internal_error',
    });
  });
});

describe('posting the digest in a channel', () => {
  it('when the digest goes to a channel, then it is posted there without opening any DM', async () => {
    const outcome = await notifier.postToChannel!(
      { platform: 'slack', channelId: 'C0DIGEST' },
      nudge,
      'digest:2026-W48',
    );
    expect(slack.callsTo('conversations.open')).toHaveLength(0);
    const [post] = slack.callsTo('chat.postMessage');
    expect(post?.body.channel).toBe('C0DIGEST');
    expect(post?.body.metadata).toEqual({
      event_type: 'rapport_message',
      event_payload: { key: 'digest:2026-W48' },
    });
    expect(outcome).toEqual({ status: 'sent', messageId: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it('when the bot is not in the channel, then the outcome is permanent', async () => {
    slack.fail('chat.postMessage', { error: 'not_in_channel' });
    const outcome = await notifier.postToChannel!(
      { platform: 'slack', channelId: 'C0NOTIN' },
      nudge,
      'digest:x',
    );
    expect(outcome.status).toBe('permanent');
  });
});
