/**
 * Buttons clicked in a DM, through the real discord.js Client against the fake Discord: a click
 * there comes with no server, so the organization is the one of the row the button refers to (the
 * reminder, the contact), never one named in the custom_id text, which anyone can craft. A
 * crafted click creates nobody and no organization and gets one private sentence.
 */
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_SENTENCES } from '../../../src/bot/discord/discordAdapter.js';
import type { NudgeRecord } from '../../../src/core/nudges/nudgePorts.js';
import { organizations, persons, spaces } from '../../../src/db/schema.js';
import { buttonInteraction, type FakeUser, type RecordedRequest } from '../../support/fakeDiscord.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

/** A server Rapport has never seen: a crafted custom_id names it. */
const UNKNOWN_GUILD = '999999999999999999';

let bed: DiscordTestBed;
let maria: FakeUser;
let nudge: NudgeRecord;

beforeAll(async () => {
  bed = await DiscordTestBed.open({ start: '2026-11-23T15:00:00Z' });
  maria = bed.user('Maria');
  // A newcomer gets a weekly pipeline reminder: the row her DM buttons refer to.
  const actor = await bed.actor(maria);
  const pending = await bed.db.store.transaction((repos) =>
    repos.nudges.listForPerson(actor.personId, ['pending']),
  );
  expect(pending.length).toBeGreaterThan(0);
  nudge = pending[0]!;
});

afterAll(async () => {
  await bed?.close();
});

async function footprint() {
  const [o] = await bed.db.db.select({ n: count() }).from(organizations);
  const [s] = await bed.db.db.select({ n: count() }).from(spaces);
  const [p] = await bed.db.db.select({ n: count() }).from(persons);
  return { organizations: o!.n, spaces: s!.n, persons: p!.n };
}

/** Clicks in a DM and waits for the private follow-up the refusal is. */
async function refusedClick(user: FakeUser, customId: string): Promise<RecordedRequest[]> {
  const payload = buttonInteraction({ user, customId });
  const followUp = bed.fake.waitForRequest(
    (r) => r.method === 'POST' && r.path === `/webhooks/${bed.fake.appId}/${payload.token}`,
  );
  await bed.run(payload, 0);
  await followUp;
  return bed.fake.requestsFor(payload.token);
}

describe('a crafted click in a DM', () => {
  it('when its custom_id names a server Rapport does not know, then no organization, space or person is created, and the clicker gets one private sentence', async () => {
    const before = await footprint();
    const stranger = bed.user('Mallory');
    const requests = await refusedClick(stranger, `nudge_done:${nudge.id}|${UNKNOWN_GUILD}`);
    expect(await footprint()).toEqual(before);
    // The click is acknowledged without touching the message it sits on, then answered privately.
    expect(requests.map((r) => `${r.method} ${r.path.split('/').slice(0, 2).join('/')}`)).toEqual([
      'POST /interactions',
      'POST /webhooks',
    ]);
    expect(requests[0]?.body).toEqual({ type: 6 });
    expect(requests[1]?.body).toMatchObject({ content: DISCORD_SENTENCES.notYourButton, flags: 64 });
    const [after] = await bed.db.store.transaction(async (repos) => [
      await repos.nudges.getById(nudge.orgId, nudge.id),
    ]);
    expect(after?.status).toBe('pending');
  });

  it("when a member of the server clicks another person's reminder in a DM, then it is refused the same way and the reminder is untouched", async () => {
    const member = bed.user('Member');
    await bed.actor(member);
    const before = await footprint();
    await refusedClick(member, `nudge_snooze_1w:${nudge.id}|${bed.guild.id}`);
    expect(await footprint()).toEqual(before);
    const after = await bed.db.store.transaction((repos) => repos.nudges.getById(nudge.orgId, nudge.id));
    expect(after?.dueAt.getTime()).toBe(nudge.dueAt.getTime());
  });

  it('when the custom_id names no reminder at all, then nothing is created either', async () => {
    const before = await footprint();
    await refusedClick(bed.user('Nobody'), 'contact_show:00000000-0000-4000-8000-000000000000');
    expect(await footprint()).toEqual(before);
  });
});

describe("the reminder's own person", () => {
  it('when Maria clicks Snooze in a DM whose custom_id names some other server, then her reminder moves: the row, not the text, says whose it is', async () => {
    const click = await bed.click(maria, `nudge_snooze_1w:${nudge.id}|${UNKNOWN_GUILD}`, true);
    expect(click.callback.body).toEqual({ type: 6 });
    expect(textOf(click.edit)).toMatch(/snoozed/i);
    const after = await bed.db.store.transaction((repos) => repos.nudges.getById(nudge.orgId, nudge.id));
    expect(after!.dueAt.getTime()).toBeGreaterThanOrEqual(bed.now.getTime() + 6 * 24 * 3600_000);
  });
});
