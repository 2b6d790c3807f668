import { describe, expect, it } from 'vitest';
import { emptySummary, formatSummary } from '../../../../src/bot/worker/pass.js';
import { clockFrom, parseNow, parseWorkerArgs, UsageError } from '../../../../src/bot/worker/workerCli.js';

describe('the worker command line', () => {
  it('when --once and --now are given, then one pass runs at that instant', () => {
    expect(parseWorkerArgs(['--once', '--now', '2026-12-01T10:00:00Z'])).toEqual({
      mode: 'once',
      now: new Date('2026-12-01T10:00:00Z'),
    });
    expect(parseWorkerArgs(['--once'])).toEqual({ mode: 'once', now: null });
    expect(parseWorkerArgs([])).toEqual({ mode: 'schedule' });
  });

  it.each(['2026-12-01T10:00:00+01:00', '2026-12-01T10:00Z', '2026-12-01T10:00:00.250Z'])(
    'when --now is %s, then it is accepted',
    (value) => {
      expect(parseNow(value).toISOString()).toBe(new Date(value).toISOString());
    },
  );

  it.each([
    'tomorrow',
    '2026-12-01',
    '2026-12-01T10:00:00',
    '2026-02-31T10:00:00Z',
    '2026-12-01T24:00:00Z',
    '2026-13-01T10:00:00Z',
  ])('when --now is %s, then it is refused in one sentence', (value) => {
    expect(() => parseNow(value)).toThrow(
      new UsageError(
        `--now "${value}" is not an ISO-8601 date and time with a zone, such as 2026-12-01T10:00:00Z.`,
      ),
    );
  });

  it('when --now comes without --once, or an option is unknown, then that is a usage error', () => {
    expect(() => parseWorkerArgs(['--now', '2026-12-01T10:00:00Z'])).toThrow('--now only goes with --once.');
    expect(() => parseWorkerArgs(['--later'])).toThrow(UsageError);
  });

  it('when the pass starts at --now, then its clock runs on from there', () => {
    let real = 1_000;
    const clock = clockFrom(new Date('2026-12-01T10:00:00Z'), () => real);
    real += 1_500;
    expect(clock.now()).toEqual(new Date('2026-12-01T10:00:01.500Z'));
  });

  it('when a pass is summed up, then the four counts come first and the rest only when they happened', () => {
    expect(formatSummary({ ...emptySummary(), sent: 3, deferred: 1 })).toBe(
      'sent 3, deferred 1, cancelled 0, failed 0',
    );
    expect(formatSummary({ ...emptySummary(), retried: 2, noNotifier: { discord: 4 } })).toBe(
      'sent 0, deferred 0, cancelled 0, failed 0, retried 2; 4 waiting: no notifier for discord',
    );
  });
});
