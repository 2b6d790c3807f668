/**
 * `/rapport nudges ...` end to end on Slack: a signed slash command through the real Bolt App
 * and core, answered privately on the response_url of the fake Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackTestBed, type Student } from './slackTestBed.js';

const coordinator: Student = { id: 'UCOORD', name: 'cora' };

let bed: SlackTestBed;
beforeAll(async () => {
  bed = await SlackTestBed.start();
}, 60_000);
afterAll(async () => {
  await bed?.close();
});

describe('/rapport nudges', () => {
  it("when a coordinator sets a student's follow-up timing, then the private answer says what changed and what moved", async () => {
    const student = bed.newStudent();
    await bed.command('add Jane Doe at Figma', { user: student });
    await bed.command('reached jane', { user: student });

    const result = await bed.command('nudges set follow-up-days 5', { user: coordinator });
    expect(result.status).toBe(200);
    const text = bed.replyText(result);
    expect(text).toContain('is now *5 days* (it was 7 days; the default is 7 days).');
    expect(text).toContain('3 pending reminders moved to the new timing.');
    expect(bed.replyTo(result).response_type).toBe('ephemeral');

    expect(bed.replyText(await bed.command('nudges', { user: coordinator }))).toContain(
      'Changed; the default is 7 days.',
    );
  });

  it('when a student tries it, then they are told only coordinators can', async () => {
    const text = bed.replyText(await bed.command('nudges set follow-up-days 1', { user: bed.newStudent() }));
    expect(text).toContain('Only coordinators can use that command.');
  });
});
