/**
 * Retention: once RAPPORT_RETENTION_DAYS have passed since a workspace uninstalled Rapport (or
 * lost its token) or since a person's account was deactivated, their data is deleted, one person
 * per transaction, and each deletion is recorded in `data_deletions` (kinds, times, counts). A
 * reinstall or a reactivation inside the window stops it: every deletion checks again under its
 * lock that it is still due. A pass deletes a bounded amount; the next pass goes on.
 */
import { retentionRepository } from '../../db/repos/retentionRepository.js';
import type { PassContext, PassStep } from './pass.js';

/** Workspaces and people looked at per pass: a long backlog is worked off over several passes. */
const PER_PASS = 20;

export const retentionStep: PassStep = {
  name: 'retention',
  async run(ctx: PassContext) {
    const repo = retentionRepository(ctx.db);
    const now = ctx.clock.now();
    const cutoff = new Date(now.getTime() - ctx.options.retentionMs);

    for (const install of await repo.leftInstalls(cutoff, PER_PASS)) {
      if (ctx.signal?.aborted) return;
      const counts = { persons: 0, contacts: 0 };
      for (const personId of await repo.peopleToErase(install)) {
        const contacts = await repo.eraseLeftPerson(install, personId);
        if (contacts === null) continue;
        counts.persons += 1;
        counts.contacts += contacts;
      }
      if (await repo.finishInstall(install, counts, now)) {
        ctx.logger.info(
          { kind: 'workspace_uninstalled', ...counts },
          'Deleted the data of a workspace that left Rapport',
        );
      }
    }

    let people = 0;
    for (const person of await repo.deactivatedPeople(cutoff, PER_PASS)) {
      if (ctx.signal?.aborted) break;
      if ((await repo.eraseDeactivated(person, cutoff, now)) !== null) people += 1;
    }
    if (people > 0) {
      ctx.logger.info(
        { kind: 'person_deactivated', persons: people },
        'Deleted the data of deactivated people',
      );
    }
  },
};
