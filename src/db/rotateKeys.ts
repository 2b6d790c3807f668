/**
 * Re-seals every Slack installation that is not yet under the current encryption key (the first
 * of RAPPORT_ENCRYPTION_KEY). A row refreshed meanwhile (token rotation) keeps the newer value:
 * its re-seal is skipped and counted, and a second run picks it up.
 */
import type { SlackInstallationRepository } from './repos/slackInstallationRepository.js';
import type { SecretBox } from './secretBox.js';

export interface RotationResult {
  resealed: number;
  /** Rows changed by someone else between the read and the write. */
  skipped: number;
}

export async function rotateKeys(repo: SlackInstallationRepository, box: SecretBox): Promise<RotationResult> {
  const result: RotationResult = { resealed: 0, skipped: 0 };
  for (const row of await repo.sealedUnderOtherKeys(box.currentKeyId)) {
    const plain = box.open(row, row.installKey);
    const done = await repo.reseal(row.installKey, row.sealed, box.seal(plain, row.installKey));
    if (done) result.resealed += 1;
    else result.skipped += 1;
  }
  return result;
}
