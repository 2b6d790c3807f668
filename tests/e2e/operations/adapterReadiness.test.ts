/**
 * The readiness contract of the platform adapters, as /readyz asks it: the real Discord adapter
 * (discord.js against the fake gateway) and the real Slack adapter in Socket Mode (against the
 * fake Slack's WebSocket) are ready only while their connection is up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordTestBed } from '../discord/discordTestBed.js';
import { SlackSocketBed } from '../slack/slackSocketBed.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Long enough for a reconnection attempt to fail; the polls end as soon as the state changes. */
const POLL = { timeout: 20_000, interval: 50 };

describe('Discord over the gateway', () => {
  it('when the gateway is connected, then the adapter is ready; when it is lost or stopped, then not', async () => {
    const bed = await DiscordTestBed.open();
    closers.push(() => bed.close());
    expect(bed.adapter.ready()).toBe(true);
    // The whole fake goes away: the shard cannot resume or reconnect.
    await bed.fake.close();
    await expect.poll(() => bed.adapter.ready(), POLL).toBe(false);
    await bed.adapter.stop();
    expect(bed.adapter.ready()).toBe(false);
  });
});

describe('Slack in Socket Mode', () => {
  it('when the socket is open, then the adapter is ready; when it closes and cannot reopen, then not', async () => {
    const bed = await SlackSocketBed.start({ start: false });
    closers.push(() => bed.close());
    expect(bed.adapter.ready()).toBe(false);
    await bed.adapter.start();
    await bed.slack.socketConnected();
    await expect.poll(() => bed.adapter.ready(), POLL).toBe(true);

    bed.slack.failAlways('apps.connections.open', { error: 'internal_error' });
    await bed.slack.disconnectSocket('close');
    await expect.poll(() => bed.adapter.ready(), POLL).toBe(false);
  });
});
