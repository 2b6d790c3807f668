/**
 * Issue 16, nudges in the console: the worker prints the console user's due nudges into the
 * running session, with numbered buttons that work like any other; the console user, a
 * coordinator, also gets a student's weekly reminders.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleInbox, consoleNotifier } from '../../../src/bot/console/consoleNotifier.js';
import { createLogger } from '../../../src/bot/logger.js';
import { runPass } from '../../../src/bot/worker/pass.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { nudges } from '../../../src/db/schema.js';
import { openConsoleSession } from '../../support/consoleSession.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';
import { virtualTime } from '../../support/fakeNotifier.js';

const logger = createLogger({ level: 'silent', pretty: false });
let h: Harness;
beforeAll(async () => {
  h = await openHarness('2026-12-04T15:00:00Z', 'UTC');
});
afterAll(async () => {
  await h?.close();
});

/** Waits (briefly, in real time) until the console has printed `text`. */
async function printed(read: () => string, text: string): Promise<void> {
  for (let i = 0; i < 200 && !read().includes(text); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(read()).toContain(text);
}

/** One worker pass at `at`, delivering to the console session listening on `inbox`. */
function passAt(at: string, inbox: ConsoleInbox) {
  const time = virtualTime(new Date(at));
  return runPass({
    db: h.db.db,
    outbox: nudgeOutbox(h.db.db),
    clock: time.clock,
    sleep: time.sleep,
    notifiers: new Map([['console', consoleNotifier(inbox)]]),
    logger,
  });
}

describe('nudges in the console', () => {
  it('when a follow-up comes due while the console runs, then it is printed with numbered buttons that work', async () => {
    const inbox = new ConsoleInbox();
    const { input, written: read, done: session } = openConsoleSession(h.rapport, inbox);
    input.write('add Jane Doe\n');
    input.write('reached jane on Nov 20\n');
    await printed(read, 'as reached out');

    const summary = await passAt('2026-12-04T15:00:00Z', inbox);
    expect(summary.sent).toBeGreaterThanOrEqual(1);
    await printed(read, '[1] Done');
    expect(read()).toMatch(/follow up/i);

    input.write('1\n');
    input.end();
    await session;
    expect(read()).toMatch(/done\./i);
  });

  it('when the console user starts, then the weekly pipeline reminder is planned for them too', async () => {
    const me = await h.rapport.identify({
      platform: 'console',
      spaceExternalId: 'local',
      spaceName: 'Local',
      externalUserId: 'local-user',
      displayName: 'Robin',
    });
    expect(me.role).toBe('coordinator');
    const weekly = await h.db.db
      .select()
      .from(nudges)
      .where(
        and(eq(nudges.personId, me.personId), isNull(nudges.contactId), eq(nudges.kind, 'weekly_pipeline')),
      );
    expect(weekly.length).toBeGreaterThanOrEqual(1);
  });

  it("when the console user matches people named with @, then their introductions are not printed as the user's own: one line says each went to them", async () => {
    const inbox = new ConsoleInbox();
    const { input, written: read, done: session } = openConsoleSession(h.rapport, inbox);
    input.write('role @lee mentor\n');
    await printed(read, 'lee is now a mentor');
    input.write('match @lee @ana\n');
    await printed(read, 'lee now mentors ana');
    // The mentor's introduction waits a quarter of an hour for the sitting's other matches.
    const summary = await passAt('2026-12-04T15:30:00Z', inbox);
    expect(summary.sent).toBeGreaterThanOrEqual(2);
    await printed(read, 'Meet your match: sent to ana (in Slack or Discord');
    await printed(read, 'Meet your match: sent to lee');
    expect(read()).not.toContain('Your program matched you');
    input.end();
    await session;
  });
});
