/**
 * A time zone from a Slack profile that is no zone (`Not/AZone`), end to end through the real
 * Bolt App: it is never stored, dates read and print in the organization's zone, and the student
 * is told once, with their first answer, and never again.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons } from '../../../src/db/schema.js';
import { SlackTestBed } from './slackTestBed.js';

let bed: SlackTestBed;

beforeAll(async () => {
  bed = await SlackTestBed.start();
}, 60_000);

afterAll(async () => {
  await bed?.close();
});

const NOTICE = 'The time zone I was given for you, Not/AZone, is not one I know';

describe('a Slack profile with a zone that is none', () => {
  it('when a student whose profile says Not/AZone schedules a meeting, then dates print in the organization zone and they are told once', async () => {
    const student = bed.newStudent('zoe');
    bed.slack.setUserTimezone(student.id, 'Not/AZone');

    const first = bed.replyText(await bed.command('add Jane Doe at Figma', { user: student }));
    expect(first).toContain('Added #1 Jane Doe');
    expect(first).toContain(NOTICE);
    expect(first).toContain("so I use your organization's (UTC)");

    const scheduled = bed.replyText(
      await bed.command('scheduled jane 2026-11-20 15:00 for 30 min video', { user: student }),
    );
    expect(scheduled).not.toContain('Invalid DateTime');
    expect(scheduled).toContain('20 Nov 2026, 15:00');
    expect(scheduled).not.toContain(NOTICE);

    const shown = bed.replyText(await bed.command('show jane', { user: student }));
    expect(shown).not.toContain('Invalid DateTime');
    expect(shown).not.toContain(NOTICE);

    const [row] = await bed.db.db.select().from(persons).where(eq(persons.displayName, 'zoe'));
    expect(row).toMatchObject({ timezone: null, rejectedTimezone: null });
    expect(row?.timezoneNoticeAt).not.toBeNull();
  });
});
