import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NudgeScope, PlannedNudge } from '../../../src/core/nudges/nudgePorts.js';
import type { IdentityInput } from '../../../src/core/people/peoplePorts.js';
import type { Repos } from '../../../src/core/store.js';
import { contacts, nudges, spaces } from '../../../src/db/schema.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const now = new Date('2026-11-23T15:00:00Z');
let seq = 0;

function tx<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
  return db.store.transaction(fn);
}

async function newPerson(overrides: Partial<IdentityInput> = {}) {
  seq++;
  return tx((repos) =>
    repos.directory.resolve(
      {
        platform: 'slack',
        spaceExternalId: 'T-REPO',
        externalUserId: `U${seq}`,
        displayName: `Person ${seq}`,
        ...overrides,
      },
      { timezone: 'UTC', coordinator: false },
    ),
  );
}

/** A contact as `add` writes it: the next number of its owner, with its first timeline entry. */
async function newContact(orgId: string, ownerId: string, name = 'Jane Doe') {
  return tx((repos) =>
    repos.contactChanges.create(
      { orgId, ownerId, name, stageChangedAt: now, lastActivityAt: now },
      {
        authorId: ownerId,
        kind: 'created',
        fromStage: null,
        toStage: 'identified',
        body: null,
        occurredAt: now,
      },
    ),
  );
}

/** Re-planning one scope, as `replan` does for each contact it covers. */
const replacePlanned = (repos: Repos, scope: NudgeScope & { orgId: string }, planned: PlannedNudge[]) =>
  repos.nudges.replacePlannedAll(scope.orgId, [{ scope, planned }]);

const plan = (personId: string, contactId: string | null, key: string, dueAt: Date): PlannedNudge => ({
  kind: 'follow_up',
  dedupeKey: key,
  personId,
  contactId,
  expectedStage: 'reached_out',
  dueAt,
});

describe('the directory', () => {
  it('when a person writes for the first time, then an organization, a space and the person are created once', async () => {
    const first = await newPerson({ spaceExternalId: 'T-NEW', externalUserId: 'U-A' });
    expect(first.created).toBe(true);
    const again = await tx((repos) =>
      repos.directory.resolve(
        { platform: 'slack', spaceExternalId: 'T-NEW', externalUserId: 'U-A', displayName: 'Renamed' },
        { timezone: 'UTC', coordinator: false },
      ),
    );
    expect(again.created).toBe(false);
    expect(again.person.id).toBe(first.person.id);
    expect(again.person.displayName).toBe('Renamed');
  });

  it('when many first requests of one workspace race, then they share one organization', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        newPerson({ spaceExternalId: 'T-RACE', externalUserId: `U-R${i}` }),
      ),
    );
    expect(new Set(results.map((r) => r.org.id)).size).toBe(1);
  });

  it('when the platform reports a time zone, then it is kept until the person sets their own', async () => {
    const p = await newPerson({ timezoneHint: 'America/Chicago' });
    expect(p.person.timezone).toBe('America/Chicago');
    await tx((repos) =>
      repos.persons.update(p.org.id, p.person.id, { timezone: 'Europe/Paris', timezoneSetByUser: true }),
    );
    const again = await tx((repos) =>
      repos.directory.resolve(
        {
          platform: 'slack',
          spaceExternalId: 'T-REPO',
          externalUserId: p.identity.externalUserId,
          displayName: 'x',
          timezoneHint: 'Asia/Tokyo',
        },
        { timezone: 'UTC', coordinator: false },
      ),
    );
    expect(again.person.timezone).toBe('Europe/Paris');
  });

  it('when a request comes from someone seen before, then resolveKnown finds them outside a transaction and creates nobody', async () => {
    const p = await newPerson({ spaceExternalId: 'T-KNOWN', externalUserId: 'U-K' });
    const input = { platform: 'slack' as const, spaceExternalId: 'T-KNOWN', displayName: 'Kim Renamed' };
    const known = await db.store.direct((repos) =>
      repos.directory.resolveKnown(
        { ...input, externalUserId: 'U-K' },
        { timezone: 'UTC', coordinator: false },
      ),
    );
    expect(known?.person.id).toBe(p.person.id);
    expect(known?.org.id).toBe(p.org.id);
    expect(known?.identity.spaceExternalId).toBe('T-KNOWN');
    // The name the platform reports now is written, as resolve does.
    expect(known?.person.displayName).toBe('Kim Renamed');

    const stranger = await db.store.direct((repos) =>
      repos.directory.resolveKnown(
        { ...input, externalUserId: 'U-NEW' },
        { timezone: 'UTC', coordinator: false },
      ),
    );
    expect(stranger).toBeUndefined();
    const elsewhere = await db.store.direct((repos) =>
      repos.directory.resolveKnown(
        { ...input, spaceExternalId: 'T-OTHER', externalUserId: 'U-K' },
        { timezone: 'UTC', coordinator: false },
      ),
    );
    expect(elsewhere).toBeUndefined();
    const [space] = await db.db.select().from(spaces).where(eq(spaces.externalId, 'T-OTHER'));
    expect(space).toBeUndefined();
  });
});

describe('contacts', () => {
  it('when one person adds contacts concurrently, then their numbers are 1..n without gaps or repeats', async () => {
    const p = await newPerson();
    await Promise.all(Array.from({ length: 12 }, (_, i) => newContact(p.org.id, p.person.id, `C${i}`)));
    const rows = await db.db.select().from(contacts).where(eq(contacts.ownerId, p.person.id));
    expect(rows.map((c) => c.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });

  it('when one person adds contacts concurrently with their first entries, then their numbers are 1..n and each has its entry', async () => {
    const p = await newPerson();
    const added = await Promise.all(
      Array.from({ length: 12 }, (_, i) => newContact(p.org.id, p.person.id, `E${i}`)),
    );
    expect(added.map((c) => c.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    for (const c of added) {
      expect(c.stageChangedAt).toEqual(now);
      const entries = await tx((repos) => repos.timeline.listForContact(c.id));
      expect(entries.map((e) => [e.kind, e.toStage, e.authorId, e.occurredAt])).toEqual([
        ['created', 'identified', p.person.id, now],
      ]);
    }
  });

  it('when someone asks for a contact that is not theirs, then nothing comes back', async () => {
    const owner = await newPerson();
    const other = await newPerson();
    const c = await newContact(owner.org.id, owner.person.id);
    expect(await tx((repos) => repos.contacts.getById(other.person.id, c.id))).toBeNull();
    expect(await tx((repos) => repos.contacts.getById(owner.person.id, c.id))).not.toBeNull();
  });
});

describe('nudge planning in the outbox', () => {
  it('when a plan changes, then new keys are added, waiting ones re-timed and dropped ones cancelled', async () => {
    const p = await newPerson();
    const c = await newContact(p.org.id, p.person.id);
    const scope = { orgId: p.org.id, personId: p.person.id, contactId: c.id };
    const t1 = new Date('2026-11-30T15:00:00Z');
    const t2 = new Date('2026-12-01T15:00:00Z');
    await tx((repos) =>
      replacePlanned(repos, scope, [
        plan(p.person.id, c.id, `k1:${c.id}`, t1),
        plan(p.person.id, c.id, `k2:${c.id}`, t1),
      ]),
    );
    await tx((repos) =>
      replacePlanned(repos, scope, [
        plan(p.person.id, c.id, `k1:${c.id}`, t2),
        plan(p.person.id, c.id, `k3:${c.id}`, t2),
      ]),
    );
    const rows = await tx((repos) => repos.nudges.listForContact(c.id));
    const byKey = Object.fromEntries(rows.map((r) => [r.dedupeKey.split(':')[0], r]));
    expect(byKey.k1).toMatchObject({ status: 'pending', dueAt: t2 });
    expect(byKey.k2).toMatchObject({ status: 'cancelled' });
    expect(byKey.k3).toMatchObject({ status: 'pending', dueAt: t2 });
  });

  it('when a nudge was sent, then planning the same key again never re-arms it', async () => {
    const p = await newPerson();
    const c = await newContact(p.org.id, p.person.id);
    const scope = { orgId: p.org.id, personId: p.person.id, contactId: c.id };
    const key = `sent:${c.id}`;
    await tx((repos) => replacePlanned(repos, scope, [plan(p.person.id, c.id, key, now)]));
    await db.db.update(nudges).set({ status: 'sent', sentAt: now }).where(eq(nudges.dedupeKey, key));
    await tx((repos) =>
      replacePlanned(repos, scope, [plan(p.person.id, c.id, key, new Date('2027-01-01T00:00:00Z'))]),
    );
    await tx((repos) => replacePlanned(repos, scope, []));
    const [row] = await db.db.select().from(nudges).where(eq(nudges.dedupeKey, key));
    expect(row).toMatchObject({ status: 'sent', dueAt: now });
  });

  it('when a delivered nudge was snoozed with its buttons, then re-planning keeps the time the person chose', async () => {
    const p = await newPerson();
    const c = await newContact(p.org.id, p.person.id);
    const scope = { orgId: p.org.id, personId: p.person.id, contactId: c.id };
    const key = `snoozed:${c.id}`;
    const chosen = new Date('2026-11-25T15:00:00Z');
    await tx((repos) => replacePlanned(repos, scope, [plan(p.person.id, c.id, key, now)]));
    await db.db.update(nudges).set({ status: 'sent', sentAt: now }).where(eq(nudges.dedupeKey, key));
    const [sent] = await db.db.select().from(nudges).where(eq(nudges.dedupeKey, key));
    await tx((repos) => repos.nudges.reschedule(sent!.id, chosen));
    // A later re-plan (a new time zone, new nudge timing) computes another time for the same key.
    await tx((repos) =>
      replacePlanned(repos, scope, [plan(p.person.id, c.id, key, new Date('2026-11-24T09:00:00Z'))]),
    );
    const [row] = await db.db.select().from(nudges).where(eq(nudges.dedupeKey, key));
    expect(row).toMatchObject({ status: 'pending', dueAt: chosen });
    // When the plan no longer holds it (the stage moved on), it is cancelled all the same.
    await tx((repos) => replacePlanned(repos, scope, []));
    const [dropped] = await db.db.select().from(nudges).where(eq(nudges.dedupeKey, key));
    expect(dropped?.status).toBe('cancelled');
  });

  it('when a cancelled key is planned again, then it is revived as pending', async () => {
    const p = await newPerson();
    const c = await newContact(p.org.id, p.person.id);
    const scope = { orgId: p.org.id, personId: p.person.id, contactId: c.id };
    const key = `revive:${c.id}`;
    await tx((repos) => replacePlanned(repos, scope, [plan(p.person.id, c.id, key, now)]));
    await tx((repos) => replacePlanned(repos, scope, []));
    await tx((repos) => replacePlanned(repos, scope, [plan(p.person.id, c.id, key, now)]));
    const [row] = await db.db.select().from(nudges).where(eq(nudges.dedupeKey, key));
    expect(row?.status).toBe('pending');
  });

  it('when a one-off nudge is enqueued twice, then it exists once', async () => {
    const p = await newPerson();
    const once = plan(p.person.id, null, `once:${p.person.id}`, now);
    await tx((repos) => repos.nudges.enqueue(p.org.id, [once]));
    await tx((repos) =>
      repos.nudges.enqueue(p.org.id, [{ ...once, dueAt: new Date('2030-01-01T00:00:00Z') }]),
    );
    const rows = await db.db.select().from(nudges).where(eq(nudges.dedupeKey, once.dedupeKey));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.dueAt).toEqual(now);
  });

  it('when a transaction fails after planning, then no planned row is left behind', async () => {
    const p = await newPerson();
    const c = await newContact(p.org.id, p.person.id);
    const key = `rollback:${c.id}`;
    await expect(
      tx(async (repos) => {
        await replacePlanned(repos, { orgId: p.org.id, personId: p.person.id, contactId: c.id }, [
          plan(p.person.id, c.id, key, now),
        ]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.db.select().from(nudges).where(eq(nudges.dedupeKey, key))).toHaveLength(0);
  });
});

describe('one-time codes', () => {
  it('when a code is used, then it works once and never after it expires', async () => {
    const p = await newPerson();
    const expiresAt = new Date(now.getTime() + 10 * 60_000);
    await tx((repos) =>
      repos.codes.create({
        orgId: p.org.id,
        personId: p.person.id,
        purpose: 'link',
        codeHash: `h-${seq}`,
        expiresAt,
      }),
    );
    await tx((repos) =>
      repos.codes.create({
        orgId: p.org.id,
        personId: p.person.id,
        purpose: 'link',
        codeHash: `late-${seq}`,
        expiresAt,
      }),
    );
    expect(await tx((repos) => repos.codes.consume('link', `h-${seq}`, now))).toMatchObject({
      personId: p.person.id,
    });
    expect(await tx((repos) => repos.codes.consume('link', `h-${seq}`, now))).toBeNull();
    expect(await tx((repos) => repos.codes.consume('forget', `late-${seq}`, now))).toBeNull();
    expect(
      await tx((repos) => repos.codes.consume('link', `late-${seq}`, new Date(expiresAt.getTime() + 1))),
    ).toBeNull();
  });
});

describe('merging two identities of one person', () => {
  it("when a Discord identity is merged into a Slack one, then its contacts follow, renumbered after the target's", async () => {
    const slack = await newPerson({ spaceExternalId: 'T-MERGE', externalUserId: 'U-M' });
    // The organization's second space: a Discord guild attached to it.
    await db.db.insert(spaces).values({ orgId: slack.org.id, platform: 'discord', externalId: 'G-MERGE' });
    const discord = await tx((repos) =>
      repos.directory.resolve(
        { platform: 'discord', spaceExternalId: 'G-MERGE', externalUserId: 'D-M', displayName: 'M' },
        { timezone: 'UTC', coordinator: false },
      ),
    );
    expect(discord.org.id).toBe(slack.org.id);
    await newContact(slack.org.id, slack.person.id, 'Slack One');
    await newContact(slack.org.id, discord.person.id, 'Discord One');
    await newContact(slack.org.id, discord.person.id, 'Discord Two');

    const result = await tx((repos) => repos.persons.merge(slack.org.id, discord.person.id, slack.person.id));
    expect(result.ok).toBe(true);
    const list = await tx((repos) => repos.contacts.listByOwner(slack.person.id));
    expect(list.map((c) => [c.number, c.name])).toEqual([
      [1, 'Slack One'],
      [2, 'Discord One'],
      [3, 'Discord Two'],
    ]);
    const ids = await tx((repos) => repos.persons.identities(slack.person.id));
    expect(ids.map((i) => i.platform).sort()).toEqual(['discord', 'slack']);
    expect(await tx((repos) => repos.persons.getById(slack.org.id, discord.person.id))).toBeNull();
  });

  it('when both identities are on the same platform, then the merge is refused and nothing moves', async () => {
    const a = await newPerson();
    const b = await newPerson();
    await newContact(a.org.id, b.person.id, 'Stays');
    const result = await tx((repos) => repos.persons.merge(a.org.id, b.person.id, a.person.id));
    expect(result.ok).toBe(false);
    expect((await tx((repos) => repos.contacts.listByOwner(b.person.id))).map((c) => c.name)).toEqual([
      'Stays',
    ]);
  });

  it('when the other person belongs to another organization, then the merge is refused', async () => {
    const a = await newPerson();
    const stranger = await newPerson({ spaceExternalId: 'T-ELSEWHERE' });
    const result = await tx((repos) => repos.persons.merge(a.org.id, stranger.person.id, a.person.id));
    expect(result.ok).toBe(false);
  });
});

describe('first coordinators from configuration', () => {
  it('when a configured coordinator was demoted by another coordinator, then the next request does not promote them again', async () => {
    const resolveAs = (userId: string, coordinator: boolean) =>
      tx((repos) =>
        repos.directory.resolve(
          { platform: 'slack', spaceExternalId: 'T-COORD', externalUserId: userId, displayName: userId },
          { timezone: 'UTC', coordinator },
        ),
      );
    const first = await resolveAs('U-FIRST', true);
    expect(first.person.role).toBe('coordinator');
    const second = await resolveAs('U-SECOND', false);
    await tx((repos) => repos.persons.update(second.org.id, second.person.id, { role: 'coordinator' }));
    await tx((repos) => repos.persons.update(first.org.id, first.person.id, { role: 'student' }));
    expect((await resolveAs('U-FIRST', true)).person.role).toBe('student');
  });

  it('when an organization has no coordinator left, then a configured one is promoted on their next request', async () => {
    const p = await tx((repos) =>
      repos.directory.resolve(
        { platform: 'slack', spaceExternalId: 'T-NOCOORD', externalUserId: 'U-LATE', displayName: 'Late' },
        { timezone: 'UTC', coordinator: false },
      ),
    );
    expect(p.person.role).toBe('student');
    const again = await tx((repos) =>
      repos.directory.resolve(
        { platform: 'slack', spaceExternalId: 'T-NOCOORD', externalUserId: 'U-LATE', displayName: 'Late' },
        { timezone: 'UTC', coordinator: true },
      ),
    );
    expect(again.person.role).toBe('coordinator');
  });
});
