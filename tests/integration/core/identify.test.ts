import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_REFERENCES } from '../../../src/bot/references.js';
import { Rapport } from '../../../src/core/rapport.js';
import type { Repos, Store } from '../../../src/core/store.js';
import { identities, persons, spaces } from '../../../src/db/schema.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

/** The real store, counting how it is used. */
class CountingStore implements Store {
  transactions = 0;
  directs = 0;
  constructor(private readonly real: Store) {}
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    this.transactions++;
    return this.real.transaction(fn);
  }
  direct<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    this.directs++;
    return this.real.direct(fn);
  }
}

let db: TestDatabase;
let store: CountingStore;
let rapport: Rapport;
const who = {
  platform: 'slack' as const,
  spaceExternalId: 'T-ID',
  spaceName: 'University',
  externalUserId: 'U-ID',
  displayName: 'Ada',
};

beforeAll(async () => {
  db = await openTestDatabase();
  store = new CountingStore(db.store);
  rapport = new Rapport({
    references: PLATFORM_REFERENCES,
    store,
    clock: { now: () => new Date('2026-11-23T15:00:00Z') },
    timezone: 'UTC',
    coordinators: [],
  });
});
afterAll(async () => {
  await db?.close();
});

describe('identify', () => {
  it('when someone writes for the first time, then one transaction creates them and plans their weekly reminder', async () => {
    const actor = await rapport.identify(who);
    expect(store.transactions).toBe(1);
    const pending = await db.store.transaction((repos) =>
      repos.nudges.listForPerson(actor.personId, ['pending']),
    );
    expect(pending.map((n) => n.kind)).toContain('weekly_pipeline');
  });

  it('when they write again, then one read finds them and no transaction is opened', async () => {
    const before = { transactions: store.transactions, directs: store.directs };
    const first = await rapport.identify(who);
    const again = await rapport.identify({ ...who, displayName: 'Ada L.' });
    expect(store.transactions).toBe(before.transactions);
    expect(store.directs).toBe(before.directs + 2);
    expect(again.personId).toBe(first.personId);
    expect(again.displayName).toBe('Ada L.');
  });

  it('when a linked person switches platforms, then the platform they used last is recorded for their reminders', async () => {
    const actor = await rapport.identify({ ...who, externalUserId: 'U-SWITCH' });
    const lastPlatform = async () =>
      (await db.db.select().from(persons).where(eq(persons.id, actor.personId)))[0]?.lastPlatform;
    expect(await lastPlatform()).toBe('slack');
    // The same person on Discord, as `link` leaves them.
    const [space] = await db.db
      .insert(spaces)
      .values({ orgId: actor.orgId, platform: 'discord', externalId: '4242', name: 'Mentors' })
      .returning();
    await db.db.insert(identities).values({
      orgId: actor.orgId,
      personId: actor.personId,
      spaceId: space!.id,
      platform: 'discord',
      externalUserId: '99001',
    });
    const onDiscord = await rapport.identify({
      platform: 'discord',
      spaceExternalId: '4242',
      externalUserId: '99001',
      displayName: 'Ada',
    });
    expect(onDiscord.personId).toBe(actor.personId);
    expect(await lastPlatform()).toBe('discord');
    await rapport.identify({ ...who, externalUserId: 'U-SWITCH' });
    expect(await lastPlatform()).toBe('slack');
  });
});
