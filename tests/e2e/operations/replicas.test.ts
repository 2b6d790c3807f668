/**
 * Rapport as N identical replicas behind a load balancer: two `npm start` processes (the real
 * entry point, each with its worker) on two ports against one PostgreSQL database, Discord over
 * HTTP (no gateway) and Slack over HTTP, both fakes on 127.0.0.1. Commands from students of both
 * platforms are spread over the two replicas; while the workers deliver the nudges those commands
 * planned, one replica is killed with SIGKILL (no shutdown of any kind), and the balancer sends
 * everything after to the other. Reported as a queue checker would: every command answered once,
 * every due nudge delivered, none delivered twice, one digest for the week.
 *
 * Time: the workers run RAPPORT_WORKER_CLOCK_OFFSET_MS ahead, on a Monday at noon UTC a week
 * after the commands, so the follow-ups of the contacts reached now are due, and so is the week's
 * digest (Monday 09:00). Nudge leases are 2 s so that the survivor takes over the killed worker's
 * claims quickly; they run on the database's clock. A digest claim holds 10 minutes (a digest
 * takes seconds to render), so the week's digests, raced for by both workers, are let settle
 * before the kill: a digest claimed by a killed worker goes out when its claim runs out, which is
 * tested in tests/integration/digest/digestDelivery.test.ts, not here.
 *
 * PostgreSQL only (two processes cannot share an embedded database): skipped when DATABASE_URL is
 * unset, as it is in CI's embedded run; CI's PostgreSQL run sets it.
 */
import { and, eq, isNotNull, lte, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestLog, nudges } from '../../../src/db/schema.js';
import {
  type Child,
  freshDir,
  killChildren,
  loggedPort,
  newcomerEnv,
  removeDirs,
  start,
  waitFor,
} from '../../support/childProcess.js';
import { discordSigner } from '../../support/discordSigner.js';
import { chatInputInteraction, FakeDiscord, type FakeUser, snowflake } from '../../support/fakeDiscord.js';
import { type FakeSlack, postSlashCommand, startFakeSlack } from '../../support/fakeSlack.js';
import { adminDatabaseUrl, openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

const SLACK_SECRET = 'replicas-test-signing-secret';
const SLACK_TEAM = 'T-REPLICAS';
const STUDENTS_PER_PLATFORM = 6;
const SLACK_COORDINATOR = 'U-COORDINATOR';
const DAY_MS = 86_400_000;

/** The first Monday 12:00 UTC at least seven days and an hour from now: the workers' "now". */
function workerNow(): Date {
  const at = new Date(Date.now() + 7 * DAY_MS + 3_600_000);
  at.setUTCHours(12, 0, 0, 0);
  while (at.getUTCDay() !== 1 || at.getTime() < Date.now() + 7 * DAY_MS + 3_600_000)
    at.setTime(at.getTime() + DAY_MS);
  return at;
}

const duplicates = (values: readonly unknown[]) =>
  values.filter((value, index) => values.indexOf(value) !== index);

const runs = adminDatabaseUrl() !== undefined;

describe.skipIf(!runs)(
  `two replicas on one PostgreSQL${runs ? '' : ' (skipped: needs DATABASE_URL, which CI sets)'}`,
  { timeout: 180_000 },
  () => {
    let db: TestDatabase;
    let discord: FakeDiscord;
    let slack: FakeSlack;
    const signer = discordSigner();
    const coordinator: FakeUser = { id: snowflake(), username: 'coordinator' };
    const target = workerNow();
    const replicas: { child: Child; port: number }[] = [];
    let replicaEnv: NodeJS.ProcessEnv = {};

    /** Both replicas, listening and ready (expect.poll needs a test around it). */
    async function startReplicas(): Promise<void> {
      for (const _ of [0, 1]) {
        const child = start('src/bot/main.ts', replicaEnv);
        replicas.push({ child, port: 0 });
      }
      for (const replica of replicas) {
        await waitFor(replica.child.stderr, /"port":\d+/, 'a replica never listened');
        replica.port = loggedPort(replica.child.stderr);
        await expect
          .poll(async () => (await fetch(`http://127.0.0.1:${replica.port}/readyz`)).status, {
            timeout: 60_000,
          })
          .toBe(200);
      }
    }

    beforeAll(async () => {
      db = await openTestDatabase();
      discord = await FakeDiscord.start();
      slack = await startFakeSlack({ teamId: SLACK_TEAM, defaultTimezone: 'UTC' });
      const dataDir = await freshDir();
      const env = newcomerEnv(dataDir, {
        DATABASE_URL: db.url!,
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        DISCORD_TOKEN: 'replicas-bot-token',
        DISCORD_APP_ID: discord.appId,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_PUBLIC_KEY: signer.publicKeyHex,
        SLACK_BOT_TOKEN: 'xoxb-replicas',
        SLACK_SIGNING_SECRET: SLACK_SECRET,
        SLACK_API_URL: slack.apiUrl,
        RAPPORT_COORDINATORS: `discord:${discord.guild.id}:${coordinator.id},slack:${SLACK_TEAM}:${SLACK_COORDINATOR}`,
        RAPPORT_WORKER_CLOCK_OFFSET_MS: String(target.getTime() - Date.now()),
        RAPPORT_WORKER_INTERVAL_SECONDS: '1',
        RAPPORT_WORKER_LEASE_SECONDS: '2',
        RAPPORT_WORKER_SEND_RATE: '2',
      });
      replicaEnv = env;
    });

    afterAll(async () => {
      killChildren();
      await removeDirs();
      await slack?.close();
      await discord?.close();
      await db?.close();
    });

    /** A Discord command through replica `index`: its deferral, then its one final answer. */
    async function discordCommand(index: number, user: FakeUser, subcommand: string, options: object[] = []) {
      const payload = chatInputInteraction({
        guild: discord.guild,
        user,
        command: subcommand === 'digest' ? 'coordinator' : 'rapport',
        subcommand,
        options: options as never,
      });
      const body = JSON.stringify(payload);
      const answer = await fetch(`http://127.0.0.1:${replicas[index]!.port}/discord/interactions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signer.headers(body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ type: 5, data: { flags: 64 } });
      // A person reads the answer before typing the next command.
      await discord.waitForRequest(
        (r) => r.method === 'PATCH' && r.path.includes(`/${payload.token}/`),
        30_000,
      );
      return payload.token;
    }

    async function slackCommand(index: number, userId: string, text: string): Promise<string> {
      const id = `${userId}-${snowflake()}`;
      const ack = await postSlashCommand(
        {
          base: `http://127.0.0.1:${replicas[index]!.port}`,
          secret: SLACK_SECRET,
          teamId: SLACK_TEAM,
          userId,
          userName: userId.toLowerCase(),
          responseUrl: slack.responseUrl(id),
        },
        text,
      );
      expect(ack.status).toBe(200);
      await slack.waitForResponse(id, 30_000);
      return id;
    }

    /**
     * Each student adds a contact and marks it reached, each command on the replica `replicaFor`
     * picks, students at once, each waiting for an answer before the next command (two replicas
     * keep no order between one person's commands: a person's own pace does).
     */
    async function studentsWork(replicaFor: (step: number) => number, round: string) {
      const discordTokens: string[] = [];
      const slackIds: string[] = [];
      let step = 0;
      await Promise.all(
        Array.from({ length: STUDENTS_PER_PLATFORM }, async (_, i) => {
          const user: FakeUser = { id: `14${String(i).padStart(17, '0')}`, username: `student${i}` };
          const slackUser = `U-STUDENT-${i}`;
          const contact = `Lee${round}${i}`;
          for (const text of [`add ${contact} at Acme`, `reached ${contact}`]) {
            slackIds.push(await slackCommand(replicaFor(step++), slackUser, text));
          }
          discordTokens.push(
            await discordCommand(replicaFor(step++), user, 'add', [
              { name: 'name', type: 3, value: contact },
            ]),
          );
          discordTokens.push(
            await discordCommand(replicaFor(step++), user, 'reached', [
              { name: 'contact', type: 3, value: contact },
            ]),
          );
        }),
      );
      return { discordTokens, slackIds };
    }

    /** Each Discord command's deferral edited with one final answer; each Slack command answered once. */
    async function expectAnsweredOnce(tokens: string[], slackIds: string[]): Promise<void> {
      for (const token of tokens) {
        await discord.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(`/${token}/`), 30_000);
        const finals = discord
          .requestsFor(token)
          .filter((r) => r.method === 'PATCH' && !JSON.stringify(r.body).includes('taking longer'));
        expect(finals, token).toHaveLength(1);
        expect(JSON.stringify(finals[0]!.body)).not.toMatch(/Sorry, something went wrong/);
      }
      for (const id of slackIds) {
        await slack.waitForResponse(id, 30_000);
        expect(slack.responsesTo(id), id).toHaveLength(1);
      }
    }

    it('when commands are spread over both and one is killed mid-run, then every command is answered once, every nudge delivered once, one digest sent', async () => {
      await startReplicas();
      // Each organization's coordinator: their first command makes them one, and the week's
      // digest goes to their DM.
      const coordinatorToken = await discordCommand(0, coordinator, 'help');
      const coordinatorSlack = await slackCommand(1, SLACK_COORDINATOR, 'help');
      // One digest per organization for the week, whichever worker claimed it.
      const digestLines = () =>
        JSON.stringify(
          replicas.flatMap((r) =>
            r.child
              .stderr()
              .split('\n')
              .filter((line) => /igest/.test(line)),
          ),
        );
      await expect
        .poll(async () => (await db.db.select().from(digestLog).where(isNotNull(digestLog.sentAt))).length, {
          timeout: 90_000,
          interval: 500,
        })
        .toBe(2)
        .catch((error: unknown) => {
          throw new Error(`${String(error)}: ${digestLines()}`);
        });

      const first = await studentsWork((step) => step % 2, 'a');

      // Every command B took was answered before it goes: a command it deferred and never
      // finished is what Discord shows as failed, and no other replica can finish it.
      await expectAnsweredOnce(first.discordTokens, first.slackIds);
      // The workers are delivering the follow-ups those commands planned: kill one mid-delivery.
      const delivered = () =>
        discord.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path))
          .length;
      const before = delivered();
      await expect.poll(delivered, { timeout: 60_000, interval: 50 }).toBeGreaterThan(before);
      replicas[1]!.child.process.kill('SIGKILL');
      await replicas[1]!.child.exited;
      // The balancer sends the rest to the survivor.
      const second = await studentsWork(() => 0, 'b');

      // Every due nudge is settled (the killed worker's claims taken over after their lease).
      const unsettled = () =>
        db.db
          .select({ id: nudges.id })
          .from(nudges)
          .where(
            or(
              and(eq(nudges.status, 'pending'), lte(nudges.dueAt, target)),
              eq(nudges.status, 'sending'),
              isNotNull(nudges.inDoubtSince),
            ),
          );
      await expect.poll(async () => (await unsettled()).length, { timeout: 90_000, interval: 500 }).toBe(0);
      await expectAnsweredOnce(
        [coordinatorToken, ...second.discordTokens],
        [coordinatorSlack, ...second.slackIds],
      );

      // Nudges: every sent one has its own message; no message twice on either platform.
      const sent = await db.db.select().from(nudges).where(eq(nudges.status, 'sent'));
      const followUps = sent.filter((nudge) => nudge.kind === 'follow_up');
      // The first follow-up of each contact; the second and third are weeks away.
      const notSent = (await db.db.select().from(nudges).where(eq(nudges.kind, 'follow_up')))
        .filter((nudge) => nudge.status !== 'sent' && nudge.dueAt <= target)
        .map((nudge) => ({ status: nudge.status, error: nudge.lastError, dueAt: nudge.dueAt }));
      expect(followUps, JSON.stringify(notSent)).toHaveLength(STUDENTS_PER_PLATFORM * 2 * 2);
      expect(duplicates(sent.map((nudge) => nudge.platformMessageId))).toEqual([]);
      const slackKeys = slack.history.all().map((message) => message.key);
      expect(duplicates(slackKeys)).toEqual([]);
      const discordMessageIds = discord.messages.map((message) => message.id);
      const nudgeMessageIds = new Set(sent.map((nudge) => nudge.platformMessageId));
      for (const nudge of sent) {
        expect(
          discordMessageIds.includes(nudge.platformMessageId!) || slackKeys.includes(nudge.id),
          `nudge ${nudge.id} (${nudge.kind}) was recorded sent but is on neither platform`,
        ).toBe(true);
      }
      // Each platform's messages are its nudges and its organization's one digest.
      expect(discordMessageIds.filter((id) => !nudgeMessageIds.has(id))).toHaveLength(1);
      const nudgeIds = new Set(sent.map((nudge) => nudge.id));
      expect(slackKeys.filter((key) => !nudgeIds.has(String(key)))).toEqual([]);
      // Slack's digest carries its chart, so it is one file upload rather than a posted message.
      expect(slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
      const digests = await db.db.select().from(digestLog);
      expect(digests).toHaveLength(2);
      expect(duplicates(digests.map((digest) => `${digest.orgId} ${digest.slot}`))).toEqual([]);
      // No gateway anywhere.
      expect(discord.requests.some((r) => r.path === '/gateway/bot')).toBe(false);
    });
  },
);
