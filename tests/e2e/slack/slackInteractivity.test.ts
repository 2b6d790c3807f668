/**
 * The interactive surfaces end to end: the add-contact modal and its submission, the note
 * modal, buttons on cards and on nudge DMs (each updating the message it came from), and App
 * Home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../../src/bot/slack/slackNotifier.js';
import { nudgeActions } from '../../../src/core/nudges/nudgeMessages.js';
import type { NudgeRecord } from '../../../src/core/nudges/nudgePorts.js';
import type { Contact } from '../../../src/core/pipeline/contactPorts.js';
import type { Reply } from '../../../src/core/reply.js';
import { BOT_TOKEN, buttonsIn, payloadText, SlackTestBed, type Student, TEAM } from './slackTestBed.js';

let bed: SlackTestBed;

beforeAll(async () => {
  bed = await SlackTestBed.start();
}, 60_000);

afterAll(async () => {
  await bed?.close();
});

async function actorOf(student: Student) {
  return bed.rapport.identify({
    platform: 'slack',
    spaceExternalId: TEAM.id,
    externalUserId: student.id,
    displayName: student.name,
  });
}

async function contactsOf(student: Student): Promise<Contact[]> {
  const actor = await actorOf(student);
  return bed.db.store.transaction((repos) => repos.contacts.listByOwner(actor.personId));
}

async function pendingNudges(student: Student): Promise<NudgeRecord[]> {
  const actor = await actorOf(student);
  return bed.db.store.transaction((repos) => repos.nudges.listForPerson(actor.personId, ['pending']));
}

/** A student who reached out to Jane a while ago: a follow-up nudge is pending. */
async function studentWithFollowUp(): Promise<{ student: Student; jane: Contact; nudge: NudgeRecord }> {
  const student = bed.newStudent();
  await bed.command('add Jane Doe at Figma', { user: student });
  await bed.command('reached jane', { user: student });
  const [jane] = await contactsOf(student);
  const nudge = (await pendingNudges(student)).find((n) => n.kind === 'follow_up');
  if (!jane || !nudge) throw new Error('expected Jane and a follow-up nudge');
  return { student, jane, nudge };
}

/** Sends the nudge as a DM the way the worker does, and returns where it landed. */
async function deliverNudge(
  student: Student,
  nudge: NudgeRecord,
  jane: Contact,
): Promise<{ channelId: string; messageTs: string }> {
  const notifier = createSlackNotifier({
    botToken: BOT_TOKEN,
    apiUrl: bed.slack.apiUrl,
    logger: silentLogger,
  });
  const message: Reply = {
    blocks: [
      { type: 'text', lines: [['Time to follow up with ', { user: jane.name }]] },
      { type: 'actions', actions: nudgeActions(nudge, jane) },
    ],
  };
  const outcome = await notifier.send(
    {
      personId: nudge.personId,
      platform: 'slack',
      spaceExternalId: TEAM.id,
      externalUserId: student.id,
      dmChannelId: null,
    },
    message,
    nudge.id,
  );
  if (outcome.status !== 'sent') throw new Error(`nudge not sent: ${outcome.status}`);
  return { channelId: outcome.dmChannelId ?? `D${student.id}`, messageTs: outcome.messageId };
}

const silentLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
} as unknown as Parameters<typeof createSlackNotifier>[0]['logger'];

describe('the add-contact modal', () => {
  it('when a student types /rapport add alone, then the modal opens with the trigger and nothing is posted', async () => {
    const student = bed.newStudent();
    const result = await bed.command('add', { user: student });
    const open = bed.slack.callsTo('views.open').find((c) => c.body.trigger_id === result.triggerId);
    expect(open?.body.view).toMatchObject({ type: 'modal', callback_id: 'rapport_add' });
    expect(bed.slack.responsesTo(result.responseId)).toHaveLength(0);
  });

  it('when the modal is submitted, then the contact is added and the result arrives by DM', async () => {
    const student = bed.newStudent();
    const result = await bed.submitView(
      student,
      { callback_id: 'rapport_add' },
      { name: 'Jane Doe', org: 'Figma', role: 'UX Researcher', link: 'jane@example.com' },
      { source: 'alumni' },
    );
    expect(result.status).toBe(200);
    expect(result.body).toBe('');
    const [jane] = await contactsOf(student);
    expect(jane).toMatchObject({
      name: 'Jane Doe',
      company: 'Figma',
      title: 'UX Researcher',
      source: 'alumni',
      stage: 'identified',
    });
    const dm = bed.slack.callsTo('chat.postMessage').find((c) => c.body.channel === `D${student.id}`);
    expect(payloadText(dm?.body)).toContain('Added #1 Jane Doe');
  });

  it('when the modal is submitted without a name, then Slack is told to show the error and nothing is added', async () => {
    const student = bed.newStudent();
    const result = await bed.submitView(
      student,
      { callback_id: 'rapport_add' },
      { name: '   ', org: 'Figma' },
    );
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({
      response_action: 'errors',
      errors: { name: expect.any(String) },
    });
    expect(await contactsOf(student)).toEqual([]);
  });
});

describe('buttons on a contact card', () => {
  it('when Mark reached out is clicked on the ephemeral card, then the card is replaced by the result', async () => {
    const student = bed.newStudent();
    await bed.command('add Jane Doe at Figma', { user: student });
    const card = bed.replyTo(await bed.command('show jane', { user: student }));
    const advance = buttonsIn(card).find((b) => b.action_id === 'contact_advance')!;
    const click = await bed.click(student, advance, { ephemeral: true });
    const [update] = bed.slack.responsesTo(click.responseId);
    expect(update?.body).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(payloadText(update?.body)).toContain('reached out');
    expect((await contactsOf(student))[0]!.stage).toBe('reached_out');
  });

  it('when Add note is clicked and the note modal submitted, then the note lands on the timeline', async () => {
    const student = bed.newStudent();
    await bed.command('add Jane Doe at Figma', { user: student });
    const [jane] = await contactsOf(student);
    const card = bed.replyTo(await bed.command('show jane', { user: student }));
    const note = buttonsIn(card).find((b) => b.action_id === 'contact_note')!;
    await bed.click(student, note, { ephemeral: true });
    const open = bed.slack
      .callsTo('views.open')
      .find((c) => (c.body.view as { private_metadata?: string }).private_metadata === jane!.id);
    expect(open?.body.view).toMatchObject({ callback_id: 'rapport_note' });

    await bed.submitView(
      student,
      { callback_id: 'rapport_note', private_metadata: jane!.id },
      { text: 'Prefers mornings' },
    );
    const dm = bed.slack.callsTo('chat.postMessage').find((c) => c.body.channel === `D${student.id}`);
    expect(payloadText(dm?.body)).toContain('Noted on the timeline');
    const timeline = await bed.db.store.transaction((repos) => repos.timeline.listForContact(jane!.id));
    expect(timeline.map((e) => e.body)).toContain('Prefers mornings');
  });
});

describe('buttons on a nudge DM', () => {
  it('when Snooze 2 days is clicked, then the nudge moves two days and the DM is updated in place', async () => {
    const { student, jane, nudge } = await studentWithFollowUp();
    const where = await deliverNudge(student, nudge, jane);
    await bed.click(student, { action_id: 'nudge_snooze_2d', value: nudge.id }, where);
    const update = bed.slack.callsTo('chat.update').find((c) => c.body.ts === where.messageTs);
    expect(update?.body.channel).toBe(where.channelId);
    expect(payloadText(update?.body)).toContain('snoozed until');
    const moved = (await pendingNudges(student)).find((n) => n.id === nudge.id);
    expect(moved?.dueAt.getTime()).toBe(bed.now.getTime() + 2 * 24 * 60 * 60 * 1000);
  });

  it('when Snooze 1 week is clicked, then the nudge moves a week', async () => {
    const { student, jane, nudge } = await studentWithFollowUp();
    const where = await deliverNudge(student, nudge, jane);
    await bed.click(student, { action_id: 'nudge_snooze_1w', value: nudge.id }, where);
    expect(
      payloadText(bed.slack.callsTo('chat.update').find((c) => c.body.ts === where.messageTs)?.body),
    ).toContain('snoozed until');
    const moved = (await pendingNudges(student)).find((n) => n.id === nudge.id);
    expect(moved?.dueAt.getTime()).toBe(bed.now.getTime() + 7 * 24 * 60 * 60 * 1000);
  });

  it('when Done is clicked, then the follow-up is recorded and the DM says so', async () => {
    const { student, jane, nudge } = await studentWithFollowUp();
    const where = await deliverNudge(student, nudge, jane);
    await bed.click(student, { action_id: 'nudge_done', value: nudge.id }, where);
    const update = bed.slack.callsTo('chat.update').find((c) => c.body.ts === where.messageTs);
    expect(payloadText(update?.body)).toContain('done');
    const timeline = await bed.db.store.transaction((repos) => repos.timeline.listForContact(jane.id));
    expect(timeline.some((e) => e.kind === 'interaction')).toBe(true);
  });

  it('when Show contact is clicked, then the DM turns into the contact card', async () => {
    const { student, jane, nudge } = await studentWithFollowUp();
    const where = await deliverNudge(student, nudge, jane);
    await bed.click(student, { action_id: 'contact_show', value: jane.id }, where);
    const update = bed.slack.callsTo('chat.update').find((c) => c.body.ts === where.messageTs);
    expect(payloadText(update?.body)).toContain('*Jane Doe*');
    expect(buttonsIn(update?.body).length).toBeGreaterThan(0);
  });

  it("when someone clicks a button carrying another student's contact, then nothing of it is shown", async () => {
    const { jane } = await studentWithFollowUp();
    const intruder = bed.newStudent('eve');
    const click = await bed.click(
      intruder,
      { action_id: 'contact_show', value: jane.id },
      { ephemeral: true },
    );
    const [update] = bed.slack.responsesTo(click.responseId);
    expect(payloadText(update?.body)).not.toContain('Jane');
    expect(payloadText(update?.body)).toContain('not on your list');
  });
});

describe('App Home', () => {
  it('when a student opens the Home tab, then their pipeline is published to it', async () => {
    const student = bed.newStudent();
    await bed.command('add Jane Doe at Figma', { user: student });
    const result = await bed.homeOpened(student);
    expect(result.status).toBe(200);
    const publish = bed.slack.callsTo('views.publish').find((c) => c.body.user_id === student.id);
    expect(publish?.body.view).toMatchObject({ type: 'home' });
    expect(payloadText(publish?.body.view)).toContain('Jane Doe');
  });

  it('when Show contact is clicked in App Home, then the card opens in a modal', async () => {
    const student = bed.newStudent();
    await bed.command('add Jane Doe at Figma', { user: student });
    const [jane] = await contactsOf(student);
    const opened = bed.slack.calls.length;
    await bed.click(
      student,
      { action_id: 'contact_show', value: jane!.id },
      { view: { id: 'VHOME', type: 'home', hash: 'h' } },
    );
    const modal = bed.slack.calls.slice(opened).find((c) => c.method === 'views.open');
    expect(modal?.body.view).toMatchObject({ type: 'modal' });
    expect(payloadText(modal?.body.view)).toContain('Jane Doe');
  });

  it('when another button is clicked in App Home, then Home is published again', async () => {
    const student = bed.newStudent();
    await bed.command('add Jane Doe at Figma', { user: student });
    const [jane] = await contactsOf(student);
    const before = bed.slack.callsTo('views.publish').length;
    await bed.click(
      student,
      { action_id: 'contact_advance', value: jane!.id },
      { view: { id: 'VHOME', type: 'home', hash: 'h' } },
    );
    const after = bed.slack.callsTo('views.publish');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.body.user_id).toBe(student.id);
    expect((await contactsOf(student))[0]!.stage).toBe('reached_out');
  });
});
