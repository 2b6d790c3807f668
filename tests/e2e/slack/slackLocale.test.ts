/**
 * The locale Slack reports for a person (`users.info` with `include_locale`) decides how a numeric
 * date is read, end to end through the real Bolt App: `10/12` is 10 December for a student whose
 * Slack is set to British English, and 12 October for one on US English, and each answer shows the
 * weekday and date so a wrong guess is visible.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons } from '../../../src/db/schema.js';
import { buttonsIn, SlackTestBed, type Student, TEAM } from './slackTestBed.js';

let bed: SlackTestBed;

beforeAll(async () => {
  bed = await SlackTestBed.start();
}, 60_000);

afterAll(async () => {
  await bed?.close();
});

async function stageOf(student: Student, name: string): Promise<string | undefined> {
  const actor = await bed.rapport.identify({
    platform: 'slack',
    spaceExternalId: TEAM.id,
    externalUserId: student.id,
    displayName: student.name,
  });
  const contacts = await bed.db.store.transaction((repos) => repos.contacts.listByOwner(actor.personId));
  return contacts.find((c) => c.name === name)?.stage;
}

describe('numeric dates read by the locale Slack reports', () => {
  it('when a student on British English schedules 10/12, then the meeting is on Thursday 10 December and their locale is kept', async () => {
    const student = bed.newStudent('amelia');
    bed.slack.setUserLocale(student.id, 'en-GB');
    await bed.command('add Jane Doe at Figma', { user: student });

    const reply = bed.replyText(await bed.command('scheduled jane 10/12 at 9:30am', { user: student }));
    expect(reply).toContain('Thu 10 Dec 2026');
    expect(reply).toContain('day first, then month');
    expect(await stageOf(student, 'Jane Doe')).toBe('scheduled');

    const [row] = await bed.db.db.select().from(persons).where(eq(persons.displayName, 'amelia'));
    expect(row?.locale).toBe('en-GB');
  });

  it('when a student on US English schedules 10/12, then it is read as Tue 12 Oct 2027, far ahead, so a button confirms it before anything is stored', async () => {
    const student = bed.newStudent('ava');
    bed.slack.setUserLocale(student.id, 'en-US');
    await bed.command('add Jane Doe at Figma', { user: student });

    const result = await bed.command('scheduled jane 10/12 at 9:30am', { user: student });
    const reply = bed.replyText(result);
    expect(reply).toContain('Tue 12 Oct 2027, 09:30');
    expect(reply).toContain('write the month as a word');
    expect(await stageOf(student, 'Jane Doe')).toBe('identified');

    const [confirm] = buttonsIn(bed.replyTo(result) as never);
    expect(confirm?.text).toBe('Yes, Tue 12 Oct 2027, 09:30');
    await bed.click(student, confirm as { action_id: string; value: string }, { ephemeral: true });
    expect(await stageOf(student, 'Jane Doe')).toBe('scheduled');
  });
});
