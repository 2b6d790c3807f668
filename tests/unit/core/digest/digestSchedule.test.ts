import { describe, expect, it } from 'vitest';
import {
  type DigestSchedule,
  digestWeeks,
  dueSlot,
  inPeriod,
  latestSlotAtOrBefore,
  nextSlotAfter,
  weeksBefore,
} from '../../../../src/core/digest/digestSchedule.js';

const newYork: DigestSchedule = { weekday: 1, minuteOfDay: 9 * 60, timezone: 'America/New_York' };
const iso = (d: Date | undefined | null) => d?.toISOString() ?? null;

describe('the weekly slot', () => {
  it('when the clocks go back on Sunday 1 Nov 2026, then Monday 09:00 in New York moves from 13:00Z to 14:00Z', () => {
    expect(iso(dueSlot(new Date('2026-10-26T13:00:00Z'), newYork)?.at)).toBe('2026-10-26T13:00:00.000Z');
    expect(dueSlot(new Date('2026-10-26T12:59:59Z'), newYork)).toBeNull();
    // 13:00Z on 2 Nov is 08:00 EST: not yet (a fixed UTC offset would fire here).
    expect(dueSlot(new Date('2026-11-02T13:00:00Z'), newYork)).toBeNull();
    expect(dueSlot(new Date('2026-11-02T14:00:00Z'), newYork)).toEqual({
      key: '2026-W45',
      at: new Date('2026-11-02T14:00:00Z'),
    });
  });

  it('when the worker comes back late, then the slot is due for 24 hours and not after', () => {
    expect(dueSlot(new Date('2026-11-03T13:59:59Z'), newYork)?.key).toBe('2026-W45');
    expect(dueSlot(new Date('2026-11-03T14:00:00Z'), newYork)).toBeNull();
  });

  it('when the next slot is asked on a Monday after 09:00, then it is next Monday', () => {
    expect(nextSlotAfter(new Date('2026-11-02T14:00:00Z'), newYork)).toEqual({
      key: '2026-W46',
      at: new Date('2026-11-09T14:00:00Z'),
    });
    expect(iso(nextSlotAfter(new Date('2026-11-02T13:59:00Z'), newYork).at)).toBe('2026-11-02T14:00:00.000Z');
  });

  it('when the time falls in the spring-forward gap, then the slot is the instant the clocks jump', () => {
    // Sunday 8 Mar 2026, 02:30 does not exist in New York: the clocks jump from 02:00 EST to 03:00 EDT (07:00Z).
    const sunday: DigestSchedule = { weekday: 7, minuteOfDay: 150, timezone: 'America/New_York' };
    expect(iso(latestSlotAtOrBefore(new Date('2026-03-08T12:00:00Z'), sunday))).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  it('when the time repeats as clocks go back, then the first 01:30 counts, once', () => {
    const sunday: DigestSchedule = { weekday: 7, minuteOfDay: 90, timezone: 'America/New_York' };
    // 01:30 EDT (05:30Z) and 01:30 EST (06:30Z) on 1 Nov 2026.
    expect(iso(dueSlot(new Date('2026-11-01T05:30:00Z'), sunday)?.at)).toBe('2026-11-01T05:30:00.000Z');
    expect(dueSlot(new Date('2026-11-01T06:30:00Z'), sunday)?.key).toBe('2026-W44');
    expect(iso(dueSlot(new Date('2026-11-01T06:30:00Z'), sunday)?.at)).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('the weeks of a digest', () => {
  it('when the digest is on the Monday after the change, then its week is 169 hours and starts at 09:00 local', () => {
    const weeks = digestWeeks(new Date('2026-11-02T14:00:00Z'), 'America/New_York');
    expect(iso(weeks.current.from)).toBe('2026-10-26T13:00:00.000Z');
    expect((weeks.current.to.getTime() - weeks.current.from.getTime()) / 3_600_000).toBe(169);
    expect(iso(weeks.previous.from)).toBe('2026-10-19T13:00:00.000Z');
    expect(weeks.previous.to).toEqual(weeks.current.from);
  });

  it('when an instant is on a boundary, then it belongs to the week that ends there', () => {
    const weeks = digestWeeks(new Date('2026-11-02T14:00:00Z'), 'UTC');
    expect(inPeriod(weeks.current.to, weeks.current)).toBe(true);
    expect(inPeriod(weeks.current.from, weeks.current)).toBe(false);
    expect(inPeriod(weeks.current.from, weeks.previous)).toBe(true);
  });

  it('when stats asks for 3 weeks, then they are consecutive and oldest first', () => {
    const weeks = weeksBefore(new Date('2026-11-02T14:00:00Z'), 'UTC', 3);
    expect(weeks.map((w) => iso(w.from))).toEqual([
      '2026-10-12T14:00:00.000Z',
      '2026-10-19T14:00:00.000Z',
      '2026-10-26T14:00:00.000Z',
    ]);
    expect(iso(weeks[2]?.to)).toBe('2026-11-02T14:00:00.000Z');
  });
});
