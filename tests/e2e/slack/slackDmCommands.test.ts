import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contacts, persons } from '../../../src/db/schema.js';
import { sendEvent } from './slackEvents.js';
import { SlackInstallBed } from './slackInstallBed.js';
import { payloadText } from './slackTestBed.js';

describe('Slack: commands typed in the Messages tab', () => {
  let bed: SlackInstallBed;

  beforeEach(async () => {
    bed = await SlackInstallBed.start();
    await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U' });
  });

  afterEach(async () => {
    await bed.close();
  });

  const dm = (text: string, extra: Record<string, unknown> = {}) => ({
    type: 'message',
    channel_type: 'im',
    channel: 'DUANA',
    user: 'UANA',
    text,
    ts: '1700000000.000100',
    ...extra,
  });
  const repliesIn = (channel: string) =>
    bed.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === channel);

  it('when a student types a command to the bot, then it runs as /rapport would and the answer comes in the DM', async () => {
    expect(await sendEvent(bed, 'TALPHA', dm('add Priya Raman at Acme &amp; Co'))).toBe(200);
    const [reply] = repliesIn('DUANA');
    expect(payloadText(reply?.body)).toContain('Priya Raman');
    const [saved] = await bed.db.db.select().from(contacts);
    expect(saved).toMatchObject({ name: 'Priya Raman', company: 'Acme & Co' });

    await sendEvent(bed, 'TALPHA', dm('list', { ts: '1700000000.000200' }));
    expect(payloadText(repliesIn('DUANA').at(-1)?.body)).toContain('Priya Raman');
  });

  it('when Slack delivers the same message again, then it is applied once and answered once', async () => {
    await sendEvent(bed, 'TALPHA', dm('add Priya Raman'), { eventId: 'EvSAME' });
    await sendEvent(bed, 'TALPHA', dm('add Priya Raman'), { eventId: 'EvSAME', retryNum: 1 });
    await sendEvent(bed, 'TALPHA', dm('add Priya Raman'), { eventId: 'EvSAME', retryNum: 2 });
    expect(await bed.db.db.select().from(contacts)).toHaveLength(1);
    expect(repliesIn('DUANA')).toHaveLength(1);
  });

  it('when the message is the bot’s own, an edit, another subtype or not in a DM, then nothing runs and nothing is written', async () => {
    await sendEvent(bed, 'TALPHA', dm('add Bot Echo', { bot_id: 'BBOT', user: 'UBOT' }));
    await sendEvent(bed, 'TALPHA', dm('add Bot Again', { user: 'UBOT' }));
    await sendEvent(
      bed,
      'TALPHA',
      dm('', {
        subtype: 'message_changed',
        user: undefined,
        message: { type: 'message', user: 'UANA', text: 'add Edited Person' },
      }),
    );
    await sendEvent(bed, 'TALPHA', dm('add Joined Person', { subtype: 'channel_join' }));
    await sendEvent(bed, 'TALPHA', dm('add In Channel', { channel_type: 'channel', channel: 'C0GENERAL' }));
    expect(bed.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(await bed.db.db.select().from(contacts)).toEqual([]);
    expect(await bed.db.db.select().from(persons)).toEqual([]);
  });
});
