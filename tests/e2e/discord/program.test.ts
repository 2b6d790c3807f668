/**
 * Running a program on Discord, end to end: the coordinator's user options name people who have
 * never used Rapport; the name comes from the interaction's resolved user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGuild, type OptionValue, snowflake } from '../../support/fakeDiscord.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

const community: FakeGuild = { id: snowflake(), name: 'Career Community', channelId: snowflake() };
let bed: DiscordTestBed;
const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });

beforeAll(async () => {
  bed = await DiscordTestBed.open({ start: '2026-11-23T15:00:00Z', guilds: [community] });
});
afterAll(async () => {
  await bed?.close();
});

describe('roles before first use', () => {
  it('when a coordinator makes someone who never used Rapport a mentor, then the role waits under their server name and their first log works', async () => {
    const cora = bed.user('Cora');
    await bed.setRole(cora, 'coordinator');
    const maria = bed.user('Maria');
    const mariaActor = await bed.actor(maria);
    const lee = bed.user('Lee Park');
    const granted = await bed.command(cora, {
      command: 'coordinator',
      subcommand: 'role',
      options: [
        { name: 'person', type: 6, value: lee.id },
        { name: 'role', type: 3, value: 'mentor' },
      ],
      resolvedUsers: [lee],
    });
    expect(textOf(granted.edit)).toContain('Lee Park is now a mentor');
    expect(textOf(granted.edit)).toContain("haven't used Rapport yet");
    const logged = await bed.command(lee, {
      command: 'mentor',
      subcommand: 'log',
      options: [str('student', `person:${mariaActor.personId}`), str('date', '2026-11-20 10:00')],
    });
    expect(textOf(logged.edit)).toContain('Logged your meeting with Maria');
  });
});

describe('cohorts', () => {
  it('when a coordinator creates a cohort, names an advisor with a user option and a student joins by code, then each step answers', async () => {
    const cora = bed.user('Cora Two');
    await bed.setRole(cora, 'coordinator');
    const made = await bed.command(cora, {
      command: 'coordinator',
      group: 'cohort',
      subcommand: 'create',
      options: [str('name', 'Eng **27**')],
    });
    expect(textOf(made.edit)).toContain('plain text');
    await bed.command(cora, {
      command: 'coordinator',
      group: 'cohort',
      subcommand: 'create',
      options: [str('name', 'Eng 27')],
    });
    const dana = bed.user('Dana Advisor');
    const named = await bed.command(cora, {
      command: 'coordinator',
      group: 'cohort',
      subcommand: 'advisor',
      options: [str('cohort', '1'), { name: 'person', type: 6, value: dana.id }],
      resolvedUsers: [dana],
    });
    expect(textOf(named.edit)).toContain('Dana Advisor now advises Eng 27');
    expect((await bed.actor(dana)).role).toBe('advisor');
    const coded = await bed.command(cora, {
      command: 'coordinator',
      group: 'cohort',
      subcommand: 'code',
      options: [str('cohort', 'eng')],
    });
    const code = /([A-Z2-9]{3}-[A-Z2-9]{3})/.exec(textOf(coded.edit))?.[1];
    expect(code).toBeDefined();
    const student = bed.user('Stu');
    const joined = await bed.command(student, {
      command: 'rapport',
      subcommand: 'join',
      options: [str('code', code!)],
    });
    expect(textOf(joined.edit)).toContain('Welcome to Eng 27');
  });
});

describe('matching', () => {
  it('when a coordinator matches a mentor and a student with user options, then the match is made once', async () => {
    const cora = bed.user('Cora Three');
    await bed.setRole(cora, 'coordinator');
    const mentor = bed.user('Max Mentor');
    await bed.setRole(mentor, 'mentor');
    const student = bed.user('Sia Student');
    const match = () =>
      bed.command(cora, {
        command: 'coordinator',
        subcommand: 'match',
        options: [
          { name: 'mentor', type: 6, value: mentor.id },
          { name: 'student', type: 6, value: student.id },
        ],
        resolvedUsers: [mentor, student],
      });
    expect(textOf((await match()).edit)).toContain('Max Mentor now mentors Sia Student');
    expect(textOf((await match()).edit)).toContain('already matched');
  });
});
