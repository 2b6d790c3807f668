/**
 * The answers on reminders, clicked in Slack: the debrief reminder's ratings record the same
 * outcome as `outcome`, the reflect reminder's decisions the same as `decide`. The button carries
 * the reminder's id only; the stored reminder says whose it is and which contact it is about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../../src/bot/slack/slackNotifier.js';
import { renderNudge } from '../../../src/core/nudges/nudgeMessages.js';
import type { NudgeRecord } from '../../../src/core/nudges/nudgePorts.js';
import type { Contact } from '../../../src/core/pipeline/contactPorts.js';
import { contactOutcomes, decisions } from '../../../src/db/schema.js';
import { BOT_TOKEN, buttonsIn, payloadText, SlackTestBed, type Student, TEAM } from './slackTestBed.js';

let bed: SlackTestBed;

beforeAll(async () => {
  bed = await SlackTestBed.start();
}, 60_000);

afterAll(async () => {
  await bed?.close();
});

const silentLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
} as unknown as Parameters<typeof createSlackNotifier>[0]['logger'];

async function actorOf(student: Student) {
  return bed.rapport.identify({
    platform: 'slack',
    spaceExternalId: TEAM.id,
    externalUserId: student.id,
    displayName: student.name,
  });
}

/** A student who met Jane: the debrief reminder waits, and Jane is the contact. */
async function studentWithDebrief(): Promise<{ student: Student; jane: Contact; nudge: NudgeRecord }> {
  const student = bed.newStudent();
  await bed.command('add Jane Doe at Figma', { user: student });
  await bed.command('met jane', { user: student });
  const actor = await actorOf(student);
  const [jane] = await bed.db.store.transaction((repos) => repos.contacts.listByOwner(actor.personId));
  const nudges = await bed.db.store.transaction((repos) =>
    repos.nudges.listForPerson(actor.personId, ['pending']),
  );
  const nudge = nudges.find((n) => n.kind === 'debrief');
  if (!jane || !nudge) throw new Error('expected Jane and a debrief reminder');
  return { student, jane, nudge };
}

/** Sends the reminder as the worker renders it, and returns where it landed. */
async function deliver(student: Student, nudge: NudgeRecord, contact: Contact | null) {
  const notifier = createSlackNotifier({
    botToken: BOT_TOKEN,
    apiUrl: bed.slack.apiUrl,
    logger: silentLogger,
  });
  const outcome = await notifier.send(
    {
      personId: nudge.personId,
      platform: 'slack',
      spaceExternalId: TEAM.id,
      externalUserId: student.id,
      dmChannelId: null,
    },
    renderNudge(nudge, { contact }),
    nudge.id,
  );
  if (outcome.status !== 'sent') throw new Error(`reminder not sent: ${outcome.status}`);
  return { channelId: outcome.dmChannelId ?? `D${student.id}`, messageTs: outcome.messageId };
}

const ratingsOf = async (contactId: string) =>
  (await bed.db.db.select().from(contactOutcomes)).filter((r) => r.contactId === contactId);

describe('the debrief reminder in a Slack DM', () => {
  it('when the student clicks Somewhat useful, then the outcome is kept as the typed command keeps it and the DM says so', async () => {
    const { student, jane, nudge } = await studentWithDebrief();
    const where = await deliver(student, nudge, jane);
    const posted = bed.slack.callsTo('chat.postMessage').find((c) => c.body.channel === where.channelId);
    expect(
      buttonsIn(posted?.body)
        .slice(0, 3)
        .map((b) => [b.action_id.replace(/:\d+$/, ''), b.text, b.value]),
    ).toEqual([
      ['nudge_outcome_useful', 'It was useful', nudge.id],
      ['nudge_outcome_somewhat', 'Somewhat useful', nudge.id],
      ['nudge_outcome_not', 'Not useful', nudge.id],
    ]);
    await bed.click(student, { action_id: 'nudge_outcome_somewhat', value: nudge.id }, where);
    const update = bed.slack.callsTo('chat.update').find((c) => c.body.ts === where.messageTs);
    expect(payloadText(update?.body)).toContain('your conversation with Jane Doe was somewhat');
    expect((await ratingsOf(jane.id)).map((r) => [r.rating, r.effect])).toEqual([['somewhat', null]]);
    // The second step: what it changed, four buttons under the answer, each carrying Jane's id.
    expect(buttonsIn(update?.body).map((b) => [b.action_id.replace(/:\d+$/, ''), b.text, b.value])).toEqual([
      ['outcome_confirmed', 'Confirmed my direction', jane.id],
      ['outcome_new_direction', 'Opened a new direction', jane.id],
      ['outcome_ruled_out', 'Ruled something out', jane.id],
      ['outcome_unsure', 'Not sure yet', jane.id],
    ]);
    const before = bed.slack.callsTo('chat.update').length;
    await bed.click(student, { action_id: 'outcome_new_direction', value: jane.id }, where);
    const second = bed.slack
      .callsTo('chat.update')
      .slice(before)
      .find((c) => c.body.ts === where.messageTs);
    expect(payloadText(second?.body)).toContain('was somewhat (new direction).');
    expect(buttonsIn(second?.body)).toEqual([]);
    expect((await ratingsOf(jane.id)).map((r) => [r.rating, r.effect])).toEqual([
      ['somewhat', 'new direction'],
    ]);
    // Another student's click on Jane's button changes nothing.
    const intruder = bed.newStudent('mallory');
    const click = await bed.click(
      intruder,
      { action_id: 'outcome_ruled_out', value: jane.id },
      { ephemeral: true },
    );
    expect(payloadText(bed.slack.responsesTo(click.responseId)[0]?.body)).not.toContain('Jane');
    expect((await ratingsOf(jane.id)).map((r) => [r.rating, r.effect])).toEqual([
      ['somewhat', 'new direction'],
    ]);
    // The typed command says the same thing about the same row: it replaces the rating.
    await bed.command('outcome jane useful confirmed', { user: student });
    expect((await ratingsOf(jane.id)).map((r) => [r.rating, r.effect])).toEqual([['useful', 'confirmed']]);
  });

  it('when the student says what it changed before rating it, then they are asked to rate it first and nothing is kept', async () => {
    const { student, jane } = await studentWithDebrief();
    const click = await bed.click(
      student,
      { action_id: 'outcome_unsure', value: jane.id },
      { ephemeral: true },
    );
    expect(payloadText(bed.slack.responsesTo(click.responseId)[0]?.body)).toContain(
      'Rate the conversation first',
    );
    expect(await ratingsOf(jane.id)).toEqual([]);
  });

  it("when another student clicks a rating on someone else's reminder, then nothing is recorded and they are told privately", async () => {
    const { jane, nudge } = await studentWithDebrief();
    const intruder = bed.newStudent('eve');
    const click = await bed.click(
      intruder,
      { action_id: 'nudge_outcome_not', value: nudge.id },
      { ephemeral: true },
    );
    const [update] = bed.slack.responsesTo(click.responseId);
    expect(payloadText(update?.body)).toContain('That reminder is gone');
    expect(payloadText(update?.body)).not.toContain('Jane');
    expect(await ratingsOf(jane.id)).toEqual([]);
  });
});

describe('the reflect reminder in a Slack DM', () => {
  it('when the student clicks Focus on this field, then the decision is kept; a decision button on the debrief records nothing', async () => {
    const { student, jane, nudge: debrief } = await studentWithDebrief();
    const actor = await actorOf(student);
    await bed.db.store.transaction((repos) =>
      repos.nudges.enqueue(actor.orgId, [
        {
          kind: 'reflect',
          dedupeKey: `reflect-test:${actor.personId}`,
          personId: actor.personId,
          contactId: null,
          expectedStage: null,
          dueAt: bed.now,
          payload: { trigger: 'meetings', meetingsHeld: 3 },
        },
      ]),
    );
    const reflect = (
      await bed.db.store.transaction((repos) => repos.nudges.listForPerson(actor.personId, ['pending']))
    ).find((n) => n.kind === 'reflect');
    const where = await deliver(student, reflect!, null);
    await bed.click(student, { action_id: 'nudge_decide_focus', value: reflect!.id }, where);
    const update = bed.slack.callsTo('chat.update').find((c) => c.body.ts === where.messageTs);
    expect(payloadText(update?.body)).toContain('Kept on your record: focus');
    const mine = async () =>
      (await bed.db.db.select().from(decisions)).filter((d) => d.personId === actor.personId);
    expect((await mine()).map((d) => d.decision)).toEqual(['focus']);
    // A crafted click: a decision on the debrief reminder is no answer that reminder asks for.
    await bed.click(student, { action_id: 'nudge_decide_change', value: debrief.id }, { ephemeral: true });
    expect((await mine()).map((d) => d.decision)).toEqual(['focus']);
    expect(await ratingsOf(jane.id)).toEqual([]);
  });
});
