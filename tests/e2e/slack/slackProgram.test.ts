/**
 * Running a program on Slack, end to end: the coordinator sets people up with mentions as Slack
 * sends them (escaping on: `<@U123|name>`), before those people have ever used Rapport.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackTestBed, TEAM } from './slackTestBed.js';

let bed: SlackTestBed;
const coordinator = { id: 'UCOORD', name: 'cora' };

beforeAll(async () => {
  bed = await SlackTestBed.start();
}, 60_000);
afterAll(async () => {
  await bed?.close();
});

const actorOf = (user: { id: string; name: string }) =>
  bed.rapport.identify({
    platform: 'slack',
    spaceExternalId: TEAM.id,
    externalUserId: user.id,
    displayName: user.name,
  });

describe('roles before first use', () => {
  it('when the coordinator makes a newcomer mentor with a Slack mention, then their first log is accepted', async () => {
    const ana = bed.newStudent();
    await bed.command('list', { user: ana });
    // Slack escapes what was typed and leaves the mention it resolved as markup.
    const granted = await bed.command('role <@U0LEEMENT1|lee> mentor', { user: coordinator, raw: true });
    expect(bed.replyText(granted)).toContain('lee is now a mentor');
    const lee = { id: 'U0LEEMENT1', name: 'lee' };
    const logged = await bed.command(`log <@${ana.id}|${ana.name}> for 30 min product roles`, {
      user: lee,
      raw: true,
    });
    expect(bed.replyText(logged)).toContain(`Logged your meeting with ${ana.name}`);
    expect((await actorOf(lee)).role).toBe('mentor');
  });

  it('when the coordinator gives a bare Slack user id, then that person is set up too', async () => {
    const granted = await bed.command('role U0BAREID22 mentor', { user: coordinator });
    expect(bed.replyText(granted)).toContain('is now a mentor');
    expect((await actorOf({ id: 'U0BAREID22', name: 'Bo' })).role).toBe('mentor');
  });
});

describe('cohorts', () => {
  it('when the coordinator creates a cohort, adds newcomers by mention and a student joins by code, then each step answers and the name is escaped', async () => {
    const created = await bed.command('cohort create "R&D <Fellows>"', { user: coordinator });
    expect(bed.replyText(created)).toContain('plain text');
    const made = await bed.command('cohort create "R&D Fellows"', { user: coordinator });
    // Slack's mrkdwn: the cohort name arrives escaped, never as markup.
    expect(bed.replyText(made)).toContain('R&amp;D Fellows');
    const added = await bed.command('cohort add 1 <@U0ANNCOH1|ann> <@U0BENCOH2|ben>', {
      user: coordinator,
      raw: true,
    });
    expect(bed.replyText(added)).toContain('2 added to');
    const coded = bed.replyText(await bed.command('cohort code 1', { user: coordinator }));
    const code = /join ([A-Z2-9]{3}-[A-Z2-9]{3})/.exec(coded)?.[1];
    expect(code).toBeDefined();
    const chloe = bed.newStudent('chloe');
    expect(bed.replyText(await bed.command(`join ${code}`, { user: chloe }))).toContain(
      'Welcome to R&amp;D Fellows',
    );
    const shown = bed.replyText(await bed.command('cohort show 1', { user: coordinator }));
    expect(shown).toContain('ann (has not used Rapport yet)');
    expect(shown).toContain(chloe.name);
  });
});

describe('matching', () => {
  it('when the coordinator matches two people by mention, then both introductions are queued and the mentor sees the match', async () => {
    const matched = await bed.command('match <@U0LEEMENT1|lee> <@U0ANNCOH1|ann>', {
      user: coordinator,
      raw: true,
    });
    expect(bed.replyText(matched)).toContain('lee now mentors ann');
    const self = await bed.command('match <@U0ANNCOH1|ann> <@U0ANNCOH1|ann>', {
      user: coordinator,
      raw: true,
    });
    expect(bed.replyText(self)).toContain('two different people');
    const mentees = await bed.command('mentees', { user: { id: 'U0LEEMENT1', name: 'lee' } });
    expect(bed.replyText(mentees)).toContain('no meeting logged yet');
  });
});
