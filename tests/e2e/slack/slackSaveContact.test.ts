import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contacts, timelineEvents } from '../../../src/db/schema.js';
import { sendInteractive } from './slackEvents.js';
import { replyText, SlackInstallBed } from './slackInstallBed.js';

interface Input {
  block_id: string;
  element: { type: string; initial_value?: string };
}

describe('Slack: Save as contact (message shortcut)', () => {
  let bed: SlackInstallBed;

  beforeEach(async () => {
    bed = await SlackInstallBed.start();
    await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U' });
  });

  afterEach(async () => {
    await bed.close();
  });

  const shortcut = (messageUser: string) => ({
    type: 'message_action',
    callback_id: 'save_contact',
    trigger_id: 'trigger.save.1',
    action_ts: '1700000100.000200',
    message_ts: '1700000000.000100',
    response_url: bed.slack.responseUrl('save'),
    team: { id: 'TALPHA', domain: 'alpha-u' },
    user: { id: 'UANA', name: 'ana', team_id: 'TALPHA' },
    channel: { id: 'C0CAREERS', name: 'careers' },
    message: { type: 'message', user: messageUser, ts: '1700000000.000100', text: 'Happy to talk <b>' },
  });

  it('when a student saves a message as a contact, then the add form opens with the author and a link to the message, and submitting it adds the contact', async () => {
    expect(await sendInteractive(bed, shortcut('UALUM'))).toBe(200);

    const opened = bed.slack.callsTo('views.open').at(-1);
    expect(opened?.body.trigger_id).toBe('trigger.save.1');
    const view = opened?.body.view as { callback_id: string; blocks: Input[] };
    expect(view.callback_id).toBe('rapport_add');
    const field = (id: string) => view.blocks.find((block) => block.block_id === id)?.element.initial_value;
    expect(field('name')).toBe('User UALUM');
    const link = 'https://fake.slack.test/archives/C0CAREERS/p1700000000000100';
    expect(field('note')).toBe(`From Slack: ${link}`);
    expect(bed.slack.callsTo('chat.getPermalink').at(-1)?.body).toMatchObject({
      channel: 'C0CAREERS',
      message_ts: '1700000000.000100',
    });

    // The student keeps the suggestions, adds where the alumna works, and submits.
    const values = Object.fromEntries(
      view.blocks.map((block) => [
        block.block_id,
        { value: { type: block.element.type, value: block.element.initial_value ?? null } },
      ]),
    );
    values.org = { value: { type: 'plain_text_input', value: 'Acme' } };
    expect(
      await sendInteractive(bed, {
        type: 'view_submission',
        team: { id: 'TALPHA', domain: 'alpha-u' },
        user: { id: 'UANA', username: 'ana', name: 'ana', team_id: 'TALPHA' },
        api_app_id: 'A0RAPPORT',
        trigger_id: 'trigger.save.2',
        view: {
          id: 'VSAVE1',
          team_id: 'TALPHA',
          type: 'modal',
          callback_id: 'rapport_add',
          private_metadata: '',
          hash: 'h1',
          title: { type: 'plain_text', text: 'Add a contact' },
          blocks: [],
          state: { values },
        },
      }),
    ).toBe(200);

    const [saved] = await bed.db.db.select().from(contacts);
    expect(saved).toMatchObject({ name: 'User UALUM', company: 'Acme' });
    const notes = await bed.db.db.select().from(timelineEvents);
    expect(notes.map((note) => note.body)).toContain(`From Slack: ${link}`);
    expect(replyText((await bed.command('TALPHA', 'UANA', 'list')).reply)).toContain('User UALUM');
  });

  it('when Slack cannot give the permalink, then the link is built from the workspace, channel and message', async () => {
    bed.slack.fail('chat.getPermalink', { error: 'channel_not_found' });
    await sendInteractive(bed, shortcut('UALUM'));
    const view = bed.slack.callsTo('views.open').at(-1)?.body.view as { blocks: Input[] };
    const note = view.blocks.find((block) => block.block_id === 'note')?.element.initial_value;
    expect(note).toBe('From Slack: https://alpha-u.slack.com/archives/C0CAREERS/p1700000000000100');
  });
});
