/**
 * The digest's CSV on Discord: `/coordinator digest csv` through the real discord.js adapter, the
 * preview answering with the file, and the worker posting the digest in the digest channel with
 * the real Discord Notifier: text, chart and CSV in one message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordNotifier } from '../../../src/bot/discord/discordNotifier.js';
import type { ChartRenderer } from '../../../src/core/digest/digestPorts.js';
import { digestPass } from '../../support/digestPass.js';
import { type FakeUser, type OptionValue, snowflake } from '../../support/fakeDiscord.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });
const chart: ChartRenderer = { renderPng: () => new Uint8Array([137, 80, 78, 71]) };
/** The digest channel of the community. */
const DIGEST_CHANNEL = snowflake();

let bed: DiscordTestBed;
let cora: FakeUser;
let maria: FakeUser;

beforeAll(async () => {
  // Sunday 22 Nov 2026; the digest is due on Monday 23 Nov at 09:00 UTC.
  bed = await DiscordTestBed.open({ start: '2026-11-22T15:00:00Z' });
  bed.fake.addChannel(DIGEST_CHANNEL, bed.guild.id);
  cora = bed.user('Cora');
  await bed.setRole(cora, 'coordinator');
  maria = bed.user('=HYPERLINK("http://evil.example")');
  const added = await bed.command(maria, {
    command: 'rapport',
    subcommand: 'add',
    options: [str('name', 'Jane Doe'), str('org', 'Figma'), str('link', 'jane@figma.example')],
  });
  expect(textOf(added.edit)).toContain('Jane Doe');
});

afterAll(async () => {
  await bed?.close();
});

const csv = (attach: string) =>
  bed.command(cora, {
    command: 'coordinator',
    group: 'digest',
    subcommand: 'csv',
    options: [str('attach', attach)],
  });

describe('/coordinator digest csv', () => {
  it('when a student tries it, then only coordinators may', async () => {
    const answer = await bed.command(maria, {
      command: 'coordinator',
      group: 'digest',
      subcommand: 'csv',
      options: [str('attach', 'on')],
    });
    expect(textOf(answer.edit)).toContain('Only coordinators can use that command.');
  });

  it('when the coordinator picks on, then the preview answers with the CSV file as an attachment', async () => {
    expect(textOf((await csv('on')).edit)).toContain('The weekly digest now carries a CSV file');
    const preview = await bed.command(cora, {
      command: 'coordinator',
      group: 'digest',
      subcommand: 'preview',
    });
    expect(textOf(preview.edit)).toContain('with the CSV file per student');
    const file = preview.edit?.files.find((f) => f.filename.endsWith('.csv'));
    expect(file?.filename).toBe('rapport-digest-2026-11-22.csv');
    expect(file?.text.split('\n')[1]).toBe(
      `"'=HYPERLINK(""http://evil.example"")",1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,no,2026-11-22`,
    );
    expect(file?.text).not.toContain('jane@figma.example');
    expect(file?.text).not.toContain('Jane');
  });

  it('when the digest goes to the channel, then one message carries the text, the chart and the CSV', async () => {
    const channel = await bed.command(cora, {
      command: 'coordinator',
      group: 'digest',
      subcommand: 'channel',
      options: [str('channel', `<#${DIGEST_CHANNEL}>`)],
    });
    expect(textOf(channel.edit)).toContain('The weekly digest now goes to');
    const notifier = new DiscordNotifier({ token: 'fake-token', apiUrl: bed.fake.apiUrl });
    await digestPass(bed.db.db, '2026-11-23T09:00:00Z', notifier, chart, undefined, bed.channels);
    const posts = bed.fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${DIGEST_CHANNEL}/messages`,
    );
    expect(posts).toHaveLength(1);
    expect(textOf(posts[0])).toContain('Weekly digest');
    expect(posts[0]?.files.map((f) => [f.filename, f.contentType])).toEqual([
      ['rapport-funnel-2026-11-23.png', 'image/png'],
      ['rapport-digest-2026-11-23.csv', 'text/csv'],
    ]);
    expect(posts[0]?.files[1]?.text).toContain('"\'=HYPERLINK(');
  });

  it('when the coordinator picks off, then the preview has no CSV', async () => {
    expect(textOf((await csv('off')).edit)).toContain('no longer carries the CSV file');
    const preview = await bed.command(cora, {
      command: 'coordinator',
      group: 'digest',
      subcommand: 'preview',
    });
    expect(preview.edit?.files.some((f) => f.filename.endsWith('.csv'))).toBe(false);
  });
});
