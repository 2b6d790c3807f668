/**
 * Every student subcommand through `/rapport`, end to end: a signed slash command to the real
 * HTTP server, the real Bolt App and core on a real database, and the ephemeral answer that
 * Bolt's respond() posts to the response_url on the fake Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../../src/core/pipeline/contactPorts.js';
import { buttonsIn, payloadText, SlackTestBed, type Student, TEAM } from './slackTestBed.js';

let bed: SlackTestBed;

beforeAll(async () => {
  bed = await SlackTestBed.start();
}, 60_000);

afterAll(async () => {
  await bed?.close();
});

async function contactsOf(student: Student): Promise<Contact[]> {
  const actor = await bed.rapport.identify({
    platform: 'slack',
    spaceExternalId: TEAM.id,
    externalUserId: student.id,
    displayName: student.name,
  });
  return bed.db.store.transaction((repos) => repos.contacts.listByOwner(actor.personId));
}

/** A student with Jane Doe (#1) on their list. */
async function studentWithJane(): Promise<Student> {
  const student = bed.newStudent();
  await bed.command('add Jane Doe at Figma as UX Researcher via alumni', { user: student });
  return student;
}

describe('answering /rapport', () => {
  it('when a student asks for help, then the HTTP ack is empty and the usage comes back privately', async () => {
    const result = await bed.command('help', { user: bed.newStudent() });
    expect(result.status).toBe(200);
    expect(result.body).toBe('');
    const reply = bed.replyTo(result);
    expect(reply.response_type).toBe('ephemeral');
    expect(payloadText(reply)).toContain('`add &lt;name&gt;');
    expect(typeof reply.text).toBe('string');
  });

  it('when a student types /rapport alone, then they get the help', async () => {
    const text = bed.replyText(await bed.command('', { user: bed.newStudent() }));
    expect(text).toContain('help &lt;command&gt;');
  });

  it('when help is asked for one command, then its usage and examples come back', async () => {
    const text = bed.replyText(await bed.command('help add', { user: bed.newStudent() }));
    expect(text).toContain('Use double quotes');
    expect(text).toContain('/rapport add Jane Doe at Figma');
  });

  it('when a student types an unknown command, then a friendly message points to help', async () => {
    const text = bed.replyText(await bed.command('frobnicate', { user: bed.newStudent() }));
    expect(text).toContain('I do not know the command frobnicate');
    expect(text).toContain('`help`');
  });

  it('when a student adds a contact, then it is saved in identified and confirmed by number', async () => {
    const student = bed.newStudent();
    const text = bed.replyText(
      await bed.command('add Jane Doe at Figma as UX Researcher via alumni', { user: student }),
    );
    expect(text).toContain('Added #1 Jane Doe, UX Researcher at Figma');
    const [jane] = await contactsOf(student);
    expect(jane).toMatchObject({
      number: 1,
      name: 'Jane Doe',
      company: 'Figma',
      title: 'UX Researcher',
      source: 'alumni',
      stage: 'identified',
    });
  });

  it('when a name holds & < > (sent escaped by Slack), then core stores what was typed and the echo is escaped', async () => {
    const student = bed.newStudent();
    const result = await bed.command('add "Tom & Jerry <3" at "AT&T"', { user: student });
    const [contact] = await contactsOf(student);
    expect(contact).toMatchObject({ name: 'Tom & Jerry <3', company: 'AT&T' });
    expect(bed.replyText(result)).toContain('Tom &amp; Jerry &lt;3');
  });

  it('when a student lists and shows contacts, then the pipeline and a card with buttons come back', async () => {
    const student = await studentWithJane();
    expect(bed.replyText(await bed.command('list', { user: student }))).toContain(
      '#1 Jane Doe, UX Researcher at Figma',
    );
    const card = bed.replyTo(await bed.command('show jane', { user: student }));
    expect(payloadText(card)).toContain('*Jane Doe*');
    const [jane] = await contactsOf(student);
    expect(buttonsIn(card)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action_id: 'contact_advance', value: jane!.id }),
        expect.objectContaining({ action_id: 'contact_note', value: jane!.id }),
      ]),
    );
  });

  it('when a student moves a contact along the stages, then each stage is recorded', async () => {
    const student = await studentWithJane();
    expect(bed.replyText(await bed.command('reached #1 by email', { user: student }))).toContain(
      'as reached out',
    );
    expect((await contactsOf(student))[0]!.stage).toBe('reached_out');
    expect(
      bed.replyText(await bed.command('met jane learned about research ops', { user: student })),
    ).toContain('Well done');
    expect((await contactsOf(student))[0]!.stage).toBe('met');
    expect(bed.replyText(await bed.command('thanked jane', { user: student }))).toContain('Thank-you sent');
    expect((await contactsOf(student))[0]!.stage).toBe('thanked');
  });

  it('when a meeting is scheduled, then a calendar file is uploaded to the DM through the upload API', async () => {
    const student = await studentWithJane();
    const result = await bed.command('scheduled jane next tue 3pm for 30 min video', { user: student });
    expect(bed.replyText(result)).toContain('Scheduled: #1 Jane Doe');
    const dm = `D${student.id}`;
    expect(bed.slack.callsTo('conversations.open').some((c) => c.body.users === student.id)).toBe(true);
    const request = bed.slack
      .callsTo('files.getUploadURLExternal')
      .find((c) => String(c.body.filename).startsWith('meeting-jane-doe'));
    expect(request?.body.filename).toBe('meeting-jane-doe.ics');
    const upload = bed.slack.uploads.find(
      (u) => u.filename === 'meeting-jane-doe.ics' && u.bytes.toString().includes('Jane Doe'),
    );
    expect(upload?.bytes.toString()).toMatch(/^BEGIN:VCALENDAR/);
    const complete = bed.slack.callsTo('files.completeUploadExternal').find((c) => c.body.channel_id === dm);
    expect(complete?.body.files).toEqual([expect.objectContaining({ id: upload!.fileId })]);
    expect((await contactsOf(student))[0]!.stage).toBe('scheduled');
  });

  it('when a student notes, asks and lists questions, then they are kept and shown', async () => {
    const student = await studentWithJane();
    expect(bed.replyText(await bed.command('note jane prefers email', { user: student }))).toContain(
      'Noted on the timeline',
    );
    expect(
      bed.replyText(
        await bed.command('ask jane What surprised you most in your first year?', { user: student }),
      ),
    ).toContain('Question 1 saved');
    expect(bed.replyText(await bed.command('ask jane Do you like it?', { user: student }))).toContain(
      'yes or no',
    );
    const questions = bed.replyText(await bed.command('questions jane', { user: student }));
    expect(questions).toContain('1. What surprised you most in your first year?');
    expect(questions).toContain('Ideas for open questions');
    expect(bed.replyText(await bed.command('show jane', { user: student }))).toContain('prefers email');
  });

  it('when a student records a referral and drafts messages, then the referral is added and drafts say no job is asked', async () => {
    const student = await studentWithJane();
    expect(bed.replyText(await bed.command('referred jane Sam Lee at Figma', { user: student }))).toContain(
      'Added #2 Sam Lee at Figma, referred by Jane Doe',
    );
    const sam = (await contactsOf(student)).find((c) => c.number === 2);
    expect(sam).toMatchObject({ source: 'referral' });
    const outreach = bed.replyText(await bed.command('draft outreach sam', { user: student }));
    expect(outreach).toContain("I'm not asking for a job");
    expect(bed.replyText(await bed.command('draft thanks jane', { user: student }))).toContain(
      'Thank you for taking the time',
    );
  });

  it('when a student snoozes, declines and archives, then the side exits are recorded', async () => {
    const student = await studentWithJane();
    await bed.command('add Pat Kim at Stripe', { user: student });
    await bed.command('add Lee Park at Notion', { user: student });
    await bed.command('reached jane', { user: student });
    expect(bed.replyText(await bed.command('snooze jane 3 days', { user: student }))).toMatch(
      /snooze|Snooze/,
    );
    expect(bed.replyText(await bed.command('decline pat', { user: student }))).toContain(
      'marked as declined',
    );
    expect(bed.replyText(await bed.command('archive #3', { user: student }))).toContain('is archived');
    const stages = Object.fromEntries((await contactsOf(student)).map((c) => [c.number, c.stage]));
    expect(stages).toEqual({ 1: 'reached_out', 2: 'declined', 3: 'archived' });
  });

  it('when a student checks the goal, then progress against about ten people is shown', async () => {
    const student = await studentWithJane();
    const text = bed.replyText(await bed.command('goal', { user: student }));
    expect(text).toContain('1 of about 10');
  });

  it('when a student is first seen, then their zone comes from users.info once and settings tz overrides it', async () => {
    const student = bed.newStudent();
    bed.slack.setUserTimezone(student.id, 'Asia/Tokyo');
    await bed.command('settings', { user: student });
    const second = bed.replyText(await bed.command('settings', { user: student }));
    expect(second).toContain('Asia/Tokyo');
    expect(bed.slack.callsTo('users.info').filter((c) => c.body.user === student.id)).toHaveLength(1);
    const set = bed.replyText(await bed.command('settings tz America/Chicago', { user: student }));
    expect(set).toContain('Time zone saved');
    expect(bed.replyText(await bed.command('settings', { user: student }))).toContain('America/Chicago');
  });

  it('when a student exports, then JSON and CSV files go to their DM only', async () => {
    const student = await studentWithJane();
    const before = bed.slack.uploads.length;
    const result = await bed.command('export', { user: student });
    expect(bed.replyTo(result).response_type).toBe('ephemeral');
    const files = bed.slack.uploads.slice(before).map((u) => u.filename);
    expect(files).toEqual(
      expect.arrayContaining([expect.stringMatching(/\.json$/), expect.stringMatching(/contacts.*\.csv$/)]),
    );
    const json = bed.slack.uploads.slice(before).find((u) => u.filename.endsWith('.json'));
    expect(JSON.parse(json!.bytes.toString())).toBeTruthy();
    const completes = bed.slack
      .callsTo('files.completeUploadExternal')
      .filter((c) => c.body.channel_id === `D${student.id}`);
    expect(completes.length).toBeGreaterThan(0);
  });

  it('when a student confirms forget-me with its button, then everything they own is deleted', async () => {
    const student = await studentWithJane();
    const asked = bed.replyTo(await bed.command('forget-me', { user: student }));
    const confirm = buttonsIn(asked).find((b) => b.action_id === 'forget_confirm');
    expect(confirm).toBeDefined();
    const actor = await bed.rapport.identify({
      platform: 'slack',
      spaceExternalId: TEAM.id,
      externalUserId: student.id,
      displayName: student.name,
    });
    const click = await bed.click(student, confirm!, { ephemeral: true });
    expect(click.status).toBe(200);
    const [replaced] = bed.slack.responsesTo(click.responseId);
    expect(replaced?.body.replace_original).toBe(true);
    const gone = await bed.db.store.transaction((repos) =>
      repos.persons.getById(actor.orgId, actor.personId),
    );
    expect(gone).toBeNull();
  });
});
