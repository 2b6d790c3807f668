/**
 * Issue 13's "done when" in the console, from a fresh database: the console user (a coordinator)
 * types the term's set-up into a running console session, naming people who have never used
 * Rapport; those people then use Rapport as other console users would (the same API, their own
 * identities); and at Monday 09:00 the worker gives the advisor their cohort's digest and the
 * coordinator the whole one, each once however often it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/bot/console/consoleRenderer.js';
import { createDigestStep } from '../../../src/bot/digest/digestStep.js';
import { nudgeStep } from '../../../src/bot/worker/nudgeStep.js';
import { runPass } from '../../../src/bot/worker/pass.js';
import type { Actor } from '../../../src/core/command.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { openConsoleSession } from '../../support/consoleSession.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';
import { FakeNotifier, virtualTime } from '../../support/fakeNotifier.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
/** Monday 7 December 2026, 09:00 in the organization's zone (UTC). */
const MONDAY_9AM = new Date('2026-12-07T09:00:00Z');
let h: Harness;
const out = new FakeNotifier('console');

/** Someone else at the console: their own identity in the same local space. */
const consoleUser = (id: string, name: string): Promise<Actor> =>
  h.rapport.identify({
    platform: 'console',
    spaceExternalId: 'local',
    spaceName: 'Local',
    externalUserId: id,
    displayName: name,
  });

async function printed(read: () => string, text: string): Promise<void> {
  for (let i = 0; i < 300 && !read().includes(text); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(read()).toContain(text);
}

async function passAt(at: Date): Promise<void> {
  const time = virtualTime(at);
  await runPass({
    db: h.db.db,
    outbox: nudgeOutbox(h.db.db),
    clock: time.clock,
    sleep: time.sleep,
    notifiers: new Map([['console', out]]),
    logger: quiet,
    steps: [nudgeStep, createDigestStep({ chart: null })],
  });
}

beforeAll(async () => {
  h = await openHarness('2026-12-01T15:00:00Z', 'UTC');
});
afterAll(async () => {
  await h?.close();
});

describe('a term run in the console', () => {
  it('when the console coordinator sets up the term for people who never used Rapport, then every step answers in the session', async () => {
    const { input, written, done } = openConsoleSession(h.rapport);
    const lines = [
      'cohort create Engineering',
      'cohort create Design',
      'cohort add 1 <@UANA|ana> <@UBEN|ben> <@UCHLOE|chloe>',
      'cohort add 2 <@UOLGA|olga>',
      'role <@ULEE|lee> mentor',
      'cohort advisor 1 <@UDANA|dana>',
      'match <@ULEE|lee> <@UANA|ana>',
      'cohort welcome 1',
    ];
    for (const line of lines) input.write(`${line}\n`);
    await printed(written, 'welcome');
    input.end();
    await done;
    const text = written();
    expect(text).toContain('3 added to');
    expect(text).toContain('lee is now a mentor');
    expect(text).toContain('dana now advises Engineering');
    expect(text).toContain('lee now mentors ana');
    expect(text).toMatch(/3 welcome/);
  });

  it('when the students use Rapport, the mentor logs a meeting and the student rates it, then all of it is kept', async () => {
    const ana = await consoleUser('UANA', 'ana');
    const lee = await consoleUser('ULEE', 'lee');
    expect(lee.role).toBe('mentor');
    await h.say(ana, 'add Lee at Acme');
    await h.say(ana, 'reached lee');
    await h.say(await consoleUser('UBEN', 'ben'), 'add Sam Rivera');
    await h.say(await consoleUser('UCHLOE', 'chloe'), 'list');
    expect(await h.say(lee, 'log <@UANA|ana> for 30 min product roles')).toContain(
      'Logged your meeting with ana',
    );
    expect(await h.say(ana, 'outcome lee useful confirmed')).toContain('was useful (confirmed)');
  });

  it('when Monday 09:00 comes and the worker runs twice, then the advisor gets her cohort only and the coordinator the whole organization, each once', async () => {
    await passAt(MONDAY_9AM);
    await passAt(new Date(MONDAY_9AM.getTime() + 5 * 60_000));
    const digests = (id: string) =>
      out
        .delivered()
        .filter((s) => s.to.externalUserId === id && s.key.includes('digest'))
        .map((s) => renderReply(s.message, { color: false }));
    const toDana = digests('UDANA');
    expect(toDana).toHaveLength(1);
    expect(toDana[0]).toContain('Engineering');
    expect(toDana[0]).not.toContain('olga');
    expect(toDana[0]).toContain('Conversations rated: 1 useful, 0 somewhat, 0 not');
    const toRobin = digests('local-user');
    expect(toRobin).toHaveLength(1);
    expect(toRobin[0]).toContain('olga');
    expect(toRobin[0]).toContain('What they changed: 1 confirmed');
    // The welcomes went out too, once each, to the three members.
    const welcomed = out
      .delivered()
      .filter((s) => renderReply(s.message, { color: false }).includes('Welcome to Rapport'));
    expect(welcomed.map((s) => s.to.externalUserId).sort()).toEqual(['UANA', 'UBEN', 'UCHLOE']);
  });
});
