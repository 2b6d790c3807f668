import { describe, expect, it } from 'vitest';
import { PLACEMENTS } from '../../../../src/bot/discord/placement.js';
import { COORDINATOR_COMMANDS, parseSpaceJoin } from '../../../../src/core/commands/coordinatorCommands.js';

describe('the coordinator commands as typed', () => {
  it('when space join gets one code, then it is the code; nothing or two words get the usage', () => {
    expect(parseSpaceJoin(' K7Q2MX ')).toEqual({ ok: true, value: { code: 'K7Q2MX' } });
    expect(parseSpaceJoin('')).toMatchObject({
      ok: false,
      error: { kind: 'usage', usage: 'space join <code>' },
    });
    expect(parseSpaceJoin('K7Q2MX extra')).toMatchObject({ ok: false, error: { kind: 'usage' } });
  });

  it('when the commands are listed, then all are for coordinators only and live under /coordinator on Discord', () => {
    expect(COORDINATOR_COMMANDS.map((c) => c.name)).toEqual([
      'role',
      'digest preview',
      'digest channel',
      'digest at',
      'digest csv',
      'digest log',
      'stats',
      'report',
      'nudges show',
      'nudges set',
      'nudges reset',
      'space code',
      'space join',
    ]);
    // The digest preview, stats and report are an advisor's too, scoped to their cohorts.
    const advisors = new Set(['digest preview', 'stats', 'report']);
    for (const command of COORDINATOR_COMMANDS) {
      expect(command.roles).toEqual(
        advisors.has(command.name) ? ['advisor', 'coordinator'] : ['coordinator'],
      );
      const placed = PLACEMENTS.of(command);
      expect(placed.command).toBe('coordinator');
      // The text form's words are the Discord path's: `digest at` is /coordinator digest at.
      expect([placed.group, placed.subcommand].filter(Boolean).join(' ')).toBe(command.name);
    }
  });

  it('when the text grammars read their words, then they give the options the handlers read', () => {
    const byName = new Map(COORDINATOR_COMMANDS.map((c) => [c.name, c]));
    expect(byName.get('role')?.parse('<@U1|sam> coordinator')).toEqual({
      ok: true,
      value: { person: '<@U1|sam>', role: 'coordinator' },
    });
    expect(byName.get('digest at')?.parse('friday 4pm')).toEqual({
      ok: true,
      value: { weekday: 'friday', time: '4pm' },
    });
    expect(byName.get('stats')?.parse('8 weeks')).toEqual({ ok: true, value: { weeks: 8 } });
    expect(byName.get('stats')?.parse('8 #2')).toEqual({ ok: true, value: { weeks: 8, cohort: '#2' } });
    expect(byName.get('stats')?.parse('engineering')).toEqual({ ok: true, value: { cohort: 'engineering' } });
    expect(byName.get('stats')?.parse('99')).toMatchObject({ ok: false });
    expect(byName.get('report')?.parse('"Class of 2027"')).toEqual({
      ok: true,
      value: { cohort: 'Class of 2027' },
    });
    expect(byName.get('digest log')?.parse('now')).toMatchObject({ ok: false });
    expect(byName.get('digest csv')?.parse(' ON ')).toEqual({ ok: true, value: { attach: 'on' } });
    expect(byName.get('digest csv')?.parse('off')).toEqual({ ok: true, value: { attach: 'off' } });
    expect(byName.get('digest csv')?.parse('')).toEqual({ ok: true, value: {} });
    expect(byName.get('digest csv')?.parse('yes please')).toMatchObject({
      ok: false,
      error: { kind: 'usage', usage: 'digest csv [on|off]' },
    });
  });
});
