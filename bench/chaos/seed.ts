/**
 * Due nudges for `npm run chaos`, written in a few statements through the real schema: one
 * organization with a Slack workspace and a Discord guild, students awake at any hour with a DM
 * channel on one platform each (alternating), and `perStudent` nudges each, all due in the past
 * so that every worker's real clock (the slow one's too) sees them due.
 */
import postgres from 'postgres';
import { nonceFor } from '../../src/bot/discord/discordNotifier.js';

export interface Seeded {
  /** Every nudge id, with the key it lands under at the fake: Slack's metadata key, Discord's nonce. */
  expected: { id: string; platform: 'slack' | 'discord'; key: string }[];
}

export async function seedDueNudges(url: string, students: number, perStudent: number): Promise<Seeded> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [org] = await sql<{ id: string }[]>`
      insert into organizations (name, timezone) values ('Chaos University', 'UTC') returning id`;
    const orgId = org!.id;
    await sql`
      insert into spaces (org_id, platform, external_id)
      values (${orgId}, 'slack', 'TCHAOS'), (${orgId}, 'discord', '990000000000000001')`;
    await sql`
      insert into persons (org_id, display_name, role, timezone, wake_start_minute, wake_end_minute, last_platform)
      select ${orgId}, 'Student ' || i, 'student', 'UTC', 0, 0,
             (case when i % 2 = 0 then 'slack' else 'discord' end)::platform
      from generate_series(1, ${students}::int) as i`;
    // One identity each, on the person's platform, with the DM channel already known.
    await sql`
      insert into identities (org_id, person_id, space_id, platform, external_user_id, dm_channel_id)
      select p.org_id, p.id, s.id, p.last_platform,
             case when p.last_platform = 'slack' then 'U' || n else (980000000000000000 + n)::text end,
             case when p.last_platform = 'slack' then 'D' || n else (970000000000000000 + n)::text end
      from (select *, row_number() over (order by id) as n from persons where org_id = ${orgId}) p
      join spaces s on s.org_id = p.org_id and s.platform = p.last_platform`;
    const rows = await sql<{ id: string; platform: 'slack' | 'discord' }[]>`
      insert into nudges (org_id, person_id, kind, dedupe_key, due_at)
      select p.org_id, p.id, 'reflect', 'chaos:' || p.id || ':' || k,
             now() - interval '1 hour' - (k || ' seconds')::interval
      from persons p, generate_series(1, ${perStudent}::int) as k
      where p.org_id = ${orgId}
      returning id, (select last_platform::text from persons where persons.id = nudges.person_id) as platform`;
    return {
      expected: rows.map((row) => ({
        id: row.id,
        platform: row.platform,
        key: row.platform === 'slack' ? row.id : nonceFor(row.id),
      })),
    };
  } finally {
    await sql.end();
  }
}

/** How many nudges are in each status. */
export async function statusCounts(url: string): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
  try {
    const rows = await sql<{ status: string; n: number }[]>`
      select status::text as status, count(*)::int as n from nudges group by status`;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    await sql.end({ timeout: 1 });
  }
}
