/**
 * The backup commands of the README, run for real: a seeded PostgreSQL database dumped with
 * pg_dump, restored with pg_restore into an empty database, and Rapport opened on the copy serving
 * the same data. PostgreSQL only: the embedded engine is backed up by copying its directory.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/bot/console/consoleRenderer.js';
import { PLATFORM_REFERENCES } from '../../../src/bot/references.js';
import { Rapport } from '../../../src/core/rapport.js';
import { type Database, openDatabase } from '../../../src/db/engine.js';
import { schemaIsCurrent } from '../../../src/db/schemaVersion.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';
import { adminDatabaseUrl, testDatabaseKind } from '../../support/testDatabase.js';

const run = promisify(execFile);
const onPostgres = testDatabaseKind() === 'postgres';
const STUDENT = {
  platform: 'slack',
  spaceExternalId: 'T-BACKUP',
  spaceName: 'University',
  externalUserId: 'U-BACKUP-1',
  displayName: 'Maria Lopez',
} as const;

describe.skipIf(!onPostgres)(
  'backups (PostgreSQL only; skipped on PGlite, whose backup is a copy of its directory)',
  () => {
    let h: Harness;
    let dir: string;
    let restoredName: string;
    let restored: Database | undefined;

    beforeAll(async () => {
      h = await openHarness();
      dir = await mkdtemp(join(tmpdir(), 'rapport-backup-'));
      restoredName = `rapport_restored_${randomBytes(5).toString('hex')}`;
    });

    afterAll(async () => {
      await restored?.close();
      await h?.close();
      const admin = postgres(adminDatabaseUrl()!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${restoredName} with (force)`);
      await admin.end();
      await rm(dir, { recursive: true, force: true });
    });

    it('when a dump is restored into an empty database, then Rapport serves the same data from it', async () => {
      const student = await h.person(STUDENT);
      await h.say(student, 'add Jane Doe at Figma as UX Researcher via alumni');
      await h.say(student, 'add Sam Lee at Stripe');
      await h.say(student, 'reached jane by email');
      await h.say(student, 'note jane prefers short emails');
      const before = await h.say(student, 'list');
      const card = await h.say(student, 'show jane');
      expect(before).toContain('Jane Doe');

      // The README's commands: a custom-format dump, then an empty database restored from it.
      const dump = join(dir, 'rapport.dump');
      await run('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, h.db.url!]);
      const admin = postgres(adminDatabaseUrl()!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${restoredName}`);
      await admin.end();
      const url = new URL(h.db.url!);
      url.pathname = `/${restoredName}`;
      await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${url}`, dump]);

      // Opened as `npm start` opens it: the migrations are recorded as applied, nothing re-runs.
      restored = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 2 });
      expect(await schemaIsCurrent(restored.db)).toBe(true);
      const rapport = new Rapport({
        references: PLATFORM_REFERENCES,
        store: restored.store,
        clock: h.clock,
        timezone: 'UTC',
        coordinators: [],
      });
      const same = await rapport.identify(STUDENT);
      expect(same.personId).toBe(student.personId);
      const say = async (text: string) => renderReply(await rapport.runText(same, text), { color: false });
      expect(await say('list')).toBe(before);
      expect(await say('show jane')).toBe(card);
    });
  },
);
