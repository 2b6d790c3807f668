/**
 * Advisor scoping: an advisor's digest preview, stats and report cover the cohorts they advise and
 * nothing else; naming another cohort is refused as unknown; a coordinator may narrow any of them
 * to one cohort. The stalled list is the digest's, scoped the same way.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestLog } from '../../../src/db/schema.js';
import { openStaffHarness, type PersonSpec, plain, type StaffHarness } from '../digest/staffHarness.js';

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const dana: PersonSpec = { id: 'U0DANA0001', name: 'Dana Advisor' };
const eli: PersonSpec = { id: 'U0ELI00002', name: 'Eli Advisor' };
const ana: PersonSpec = { id: 'U0ANA00003', name: 'Ana Inside' };
const olga: PersonSpec = { id: 'U0OLG00004', name: 'Olga Outside' };
let h: StaffHarness;

beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-02T14:00:00Z',
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
  });
  await h.as(ana);
  await h.as(olga);
  // Both students stall: a contact reached out to three weeks ago, nothing since.
  await h.say(ana, 'add Pat Inside at Acme', '2026-10-10T14:00:00Z');
  await h.say(ana, 'reached pat', '2026-10-10T14:00:00Z');
  await h.say(olga, 'add Quinn Outside at Bexco', '2026-10-10T14:00:00Z');
  await h.say(olga, 'reached quinn', '2026-10-10T14:00:00Z');
  h.clock.set('2026-11-02T14:00:00Z');
  await h.say(cora, 'cohort create Engineering');
  await h.say(cora, 'cohort create Design');
  await h.say(cora, `cohort add 1 <@${ana.id}>`);
  await h.say(cora, `cohort add 2 <@${olga.id}>`);
  await h.say(cora, `cohort advisor 1 <@${dana.id}|dana>`);
  await h.as(dana);
  await h.say(cora, `role <@${eli.id}|eli> advisor`);
});
afterAll(async () => {
  await h?.close();
});

describe("an advisor's view", () => {
  it('when the advisor previews the digest, then it names the students of their cohort and none of the others', async () => {
    const out = await h.say(dana, 'digest preview');
    expect(out).toContain('Engineering');
    expect(out).toContain('Ana Inside');
    expect(out).not.toContain('Olga Outside');
  });

  it('when the advisor asks for stats and the report, then only their cohort counts', async () => {
    const stats = await h.say(dana, 'stats 4');
    expect(stats).toContain('Engineering');
    const report = await h.reply(dana, 'report');
    const csv = String(report.files?.[0]?.content ?? '');
    expect(csv).toContain('Ana Inside');
    expect(csv).not.toContain('Olga Outside');
    expect(plain(report)).toContain('1 student');
  });

  it('when the advisor names a cohort they do not advise, then it is unknown to them and nothing is recorded', async () => {
    for (const command of ['digest preview 2', 'stats 4 #2', 'report design', 'cohort show design']) {
      expect(await h.say(dana, command), command).toContain("I couldn't find that cohort");
    }
    // Only the preview, stats and report of the two tests before are on record for Dana.
    const danaId = (await h.as(dana)).personId;
    const entries = await h.db.db.select().from(digestLog).where(eq(digestLog.requestedById, danaId));
    expect(entries.map((e) => e.kind).sort()).toEqual(['preview', 'report', 'stats']);
  });

  it('when an advisor advises no cohort yet, then one sentence says so', async () => {
    expect(await h.say(eli, 'digest preview')).toContain('You advise no cohort yet');
    expect(await h.say(eli, 'stats')).toContain('You advise no cohort yet');
  });

  it('when an advisor tries coordinator-only commands, then they are refused', async () => {
    expect(await h.say(dana, 'digest channel #x')).toBe('Only coordinators can use that command.');
    expect(await h.say(dana, `cohort add 1 <@${olga.id}>`)).toBe('Only coordinators can use that command.');
    expect(await h.say(dana, `role <@${olga.id}> mentor`)).toBe('Only coordinators can use that command.');
  });
});

describe("a coordinator's view", () => {
  it('when the coordinator previews without a cohort, then everyone shows; with one, only its students', async () => {
    const whole = await h.say(cora, 'digest preview');
    expect(whole).toContain('Ana Inside');
    expect(whole).toContain('Olga Outside');
    const design = await h.say(cora, 'digest preview design');
    expect(design).toContain('Olga Outside');
    expect(design).not.toContain('Ana Inside');
  });

  it('when the coordinator names an unknown cohort, then one sentence says so', async () => {
    expect(await h.say(cora, 'report biology')).toContain("I couldn't find that cohort");
  });
});
