/**
 * The Discord Notifier against the fake Discord: DM channel, nonce, files, mentions, and how each
 * of Discord's answers becomes an outcome the worker can act on.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordNotifier, nonceFor } from '../../../src/bot/discord/discordNotifier.js';
import type { Recipient } from '../../../src/core/notifier.js';
import type { Reply } from '../../../src/core/reply.js';
import { FakeDiscord, type RecordedRequest, snowflake } from '../../support/fakeDiscord.js';

let fake: FakeDiscord;
let notifier: DiscordNotifier;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  notifier = new DiscordNotifier({ token: 'fake-token', apiUrl: fake.apiUrl });
});
afterAll(async () => {
  await fake?.close();
});

function recipient(overrides: Partial<Recipient> = {}): Recipient {
  return {
    personId: 'person-1',
    platform: 'discord',
    spaceExternalId: fake.guild.id,
    externalUserId: snowflake(),
    dmChannelId: null,
    ...overrides,
  };
}

const nudge: Reply = {
  blocks: [
    { type: 'header', text: 'Time to follow up' },
    {
      type: 'text',
      lines: [['You wrote to ', { user: 'Jane @everyone <@&42> [click](https://evil)' }, ' a week ago.']],
    },
    {
      type: 'actions',
      actions: [{ id: 'nudge_done', label: 'Done', value: 'a2f3c1d0-0000-4000-8000-000000000001' }],
    },
  ],
};

const messagesTo = (channelId: string) => (request: RecordedRequest) =>
  request.method === 'POST' && request.path === `/channels/${channelId}/messages`;

describe('a DM from the worker', () => {
  it('when the person has no DM channel yet, then one is opened and the message posted with nonce, enforce_nonce and no mentions', async () => {
    const to = recipient();
    const outcome = await notifier.send(to, nudge, 'nudge:abc:1');

    const open = fake.requests.find(
      (r) =>
        r.path === '/users/@me/channels' &&
        (r.body as { recipient_id: string }).recipient_id === to.externalUserId,
    );
    expect(open?.method).toBe('POST');
    expect(outcome).toMatchObject({
      status: 'sent',
      dmChannelId: expect.any(String),
      messageId: expect.any(String),
    });
    const dmChannelId = (outcome as { dmChannelId: string }).dmChannelId;
    const post = fake.requests.find(messagesTo(dmChannelId));
    const body = post?.body as Record<string, unknown>;
    expect(body.nonce).toBe(nonceFor('nudge:abc:1'));
    expect(String(body.nonce).length).toBeLessThanOrEqual(25);
    expect(body.enforce_nonce).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.flags).toBeUndefined();
    expect(body.content).toBe('Time to follow up');
    // The button names the reminder and nothing else: a click in the DM is traced through it.
    const buttons = (body.components as { components: { custom_id: string }[] }[])[0]?.components;
    expect(buttons?.[0]?.custom_id).toBe('nudge_done:a2f3c1d0-0000-4000-8000-000000000001');
  });

  it('when user text in a DM tries to ping, link or format, then the outgoing payload holds it inert', async () => {
    const outcome = await notifier.send(recipient(), nudge, 'nudge:mentions');
    const post = fake.requests.find(messagesTo((outcome as { dmChannelId: string }).dmChannelId));
    const description = (post!.body as { embeds: { description: string }[] }).embeds[0]?.description ?? '';
    expect(description).toContain('@\u200beveryone');
    expect(description).toContain('<\u200b@&42>');
    expect(description).toContain('\\[click\\](https://evil)');
    expect(description).not.toMatch(/(^|[^\\])\[click\]/);
  });

  it('when the DM channel is known, then no channel is opened and the same key always gives the same nonce', async () => {
    const to = recipient({ dmChannelId: snowflake() });
    const before = fake.requests.filter((r) => r.path === '/users/@me/channels').length;
    await notifier.send(to, nudge, 'nudge:retry');
    await notifier.send(to, nudge, 'nudge:retry');
    expect(fake.requests.filter((r) => r.path === '/users/@me/channels')).toHaveLength(before);
    const posts = fake.requests.filter(messagesTo(to.dmChannelId!));
    expect(posts.map((p) => (p.body as { nonce: string }).nonce)).toEqual([
      nonceFor('nudge:retry'),
      nonceFor('nudge:retry'),
    ]);
    expect(nonceFor('nudge:retry')).not.toBe(nonceFor('nudge:retry2'));
  });

  it('when a post landed but its answer was a 503, then the retry with the same key returns the first message and nothing is posted twice', async () => {
    const to = recipient({ dmChannelId: snowflake() });
    fake.inject(
      { method: 'POST', path: `/channels/${to.dmChannelId}/messages` },
      { status: 503, landed: true },
    );

    expect(await notifier.send(to, nudge, 'nudge:landed')).toMatchObject({ status: 'transient' });
    const retried = await notifier.send(to, nudge, 'nudge:landed');

    const created = fake.messages.filter((m) => m.channelId === to.dmChannelId);
    expect(created).toHaveLength(1);
    expect(retried).toEqual({ status: 'sent', messageId: created[0]!.id, dmChannelId: to.dmChannelId });
  });

  it('when the message has files, then they go as multipart attachments with the JSON in payload_json', async () => {
    const to = recipient({ dmChannelId: snowflake() });
    const outcome = await notifier.send(
      to,
      {
        blocks: [{ type: 'text', lines: [['Your weekly digest']] }],
        files: [
          { filename: 'digest.csv', contentType: 'text/csv', content: 'student,contacts\nMaria,3\n' },
          { filename: 'funnel.png', contentType: 'image/png', content: new Uint8Array([137, 80, 78, 71]) },
        ],
      },
      'digest:1',
    );
    expect(outcome.status).toBe('sent');
    const post = fake.requests.find(messagesTo(to.dmChannelId!));
    expect(post?.files.map((f) => [f.filename, f.contentType, f.size])).toEqual([
      ['digest.csv', 'text/csv', 25],
      ['funnel.png', 'image/png', 4],
    ]);
    expect(post?.files[0]?.text).toContain('Maria,3');
    const body = post?.body as {
      attachments: { id: number; filename: string }[];
      nonce: string;
      enforce_nonce: boolean;
    };
    expect(body.attachments.map((a) => a.filename)).toEqual(['digest.csv', 'funnel.png']);
    expect(body.enforce_nonce).toBe(true);
  });

  it("when Slack's undici installed the process's global HTTP dispatcher first, then files still go out", async () => {
    // A process serving both platforms may load Slack's Socket Mode (undici 7) before discord.js
    // (undici 6); the first copy loaded installs the global dispatcher every copy shares.
    const socketMode = createRequire(createRequire(import.meta.url).resolve('@slack/socket-mode'));
    const slackUndici = socketMode('undici') as {
      Agent: new () => object;
      getGlobalDispatcher(): object;
      setGlobalDispatcher(agent: object): void;
    };
    const before = slackUndici.getGlobalDispatcher();
    slackUndici.setGlobalDispatcher(new slackUndici.Agent());
    try {
      const to = recipient({ dmChannelId: snowflake() });
      const outcome = await notifier.send(
        to,
        {
          blocks: [{ type: 'text', lines: [['Your weekly digest']] }],
          files: [{ filename: 'funnel.png', contentType: 'image/png', content: new Uint8Array([137, 80]) }],
        },
        'digest:undici',
      );
      expect(outcome.status).toBe('sent');
      expect(fake.requests.find(messagesTo(to.dmChannelId!))?.files.map((f) => f.filename)).toEqual([
        'funnel.png',
      ]);
    } finally {
      slackUndici.setGlobalDispatcher(before);
    }
  });

  it('when a stored DM channel no longer exists, then a fresh one is opened and the message still goes out', async () => {
    const stale = snowflake();
    const to = recipient({ dmChannelId: stale });
    fake.inject(
      { method: 'POST', path: `/channels/${stale}/messages` },
      { status: 404, body: { message: 'Unknown Channel', code: 10003 } },
    );
    const outcome = await notifier.send(to, nudge, 'nudge:stale');
    expect(outcome.status).toBe('sent');
    expect((outcome as { dmChannelId: string }).dmChannelId).not.toBe(stale);
  });
});

describe("Discord's refusals as outcomes", () => {
  it('when Discord answers 429, then the outcome is rate_limited with its retry_after and nothing is retried behind the worker', async () => {
    const to = recipient({ dmChannelId: snowflake() });
    fake.injectRateLimit({ method: 'POST', path: `/channels/${to.dmChannelId}/messages` }, 7);
    const outcome = await notifier.send(to, nudge, 'nudge:429');
    expect(outcome).toEqual({ status: 'rate_limited', retryAfterMs: 7000 });
    expect(fake.requests.filter(messagesTo(to.dmChannelId!))).toHaveLength(1);
  });

  it('when the person does not accept DMs (50007), then the outcome is permanent', async () => {
    const to = recipient({ dmChannelId: snowflake() });
    fake.inject(
      { method: 'POST', path: `/channels/${to.dmChannelId}/messages` },
      { status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } },
    );
    const outcome = await notifier.send(to, nudge, 'nudge:403');
    expect(outcome.status).toBe('permanent');
    expect((outcome as { error: string }).error).toContain('50007');
  });

  it('when the user is unknown (10013), then the outcome is permanent', async () => {
    const to = recipient();
    fake.inject(
      { method: 'POST', path: '/users/@me/channels' },
      { status: 400, body: { message: 'Unknown User', code: 10013 } },
    );
    expect((await notifier.send(to, nudge, 'nudge:unknown')).status).toBe('permanent');
  });

  it('when Discord answers 5xx, then the outcome is transient and the POST was sent once', async () => {
    const to = recipient({ dmChannelId: snowflake() });
    fake.inject(
      { method: 'POST', path: `/channels/${to.dmChannelId}/messages` },
      { status: 502, body: { message: 'Bad Gateway' } },
    );
    const outcome = await notifier.send(to, nudge, 'nudge:502');
    expect(outcome.status).toBe('transient');
    expect(fake.requests.filter(messagesTo(to.dmChannelId!))).toHaveLength(1);
  });

  it('when Discord cannot be reached, then the outcome is transient', async () => {
    const unreachable = new DiscordNotifier({
      token: 'fake-token',
      apiUrl: 'http://127.0.0.1:9/api',
      timeoutMs: 2000,
    });
    expect(
      (await unreachable.send(recipient({ dmChannelId: snowflake() }), nudge, 'nudge:down')).status,
    ).toBe('transient');
  });
});

describe('posting the digest in a channel', () => {
  it('when the digest goes to a channel, then it is posted there with a nonce and no mentions, and no DM is opened', async () => {
    const channelId = snowflake();
    const opensBefore = fake.requests.filter((r) => r.path === '/users/@me/channels').length;
    const outcome = await notifier.postToChannel(
      { platform: 'discord', channelId },
      nudge,
      'digest:2026-W48',
    );
    expect(outcome).toEqual({ status: 'sent', messageId: expect.any(String) });
    const body = fake.requests.find(messagesTo(channelId))?.body as Record<string, unknown>;
    expect(body.nonce).toBe(nonceFor('digest:2026-W48'));
    expect(body.enforce_nonce).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(fake.requests.filter((r) => r.path === '/users/@me/channels')).toHaveLength(opensBefore);
  });
});
