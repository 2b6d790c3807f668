import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackInstallationRepository } from '../../../src/db/repos/slackInstallationRepository.js';
import { rotateKeys } from '../../../src/db/rotateKeys.js';
import { type EncryptionKey, parseEncryptionKey, SecretBox } from '../../../src/db/secretBox.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

const key = (byte: number) => parseEncryptionKey(Buffer.alloc(32, byte).toString('base64')) as EncryptionKey;

describe('npm run rotate-key', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  const store = async (box: SecretBox, team: string) => {
    const installKey = `team:${team}`;
    await slackInstallationRepository(db.db).save({
      installKey,
      teamId: team,
      enterpriseId: null,
      isEnterpriseInstall: false,
      name: team,
      timezone: 'UTC',
      botExpiresAt: null,
      ...box.seal(`{"bot":{"token":"xoxb-${team}"}}`, installKey),
    });
  };

  it('when a new key is put first, then every row is re-sealed under it and opens with the new key alone', async () => {
    const [oldKey, newKey] = [key(1), key(2)];
    await store(new SecretBox([oldKey]), 'TA');
    await store(new SecretBox([oldKey]), 'TB');
    const repo = slackInstallationRepository(db.db);
    expect(await rotateKeys(repo, new SecretBox([newKey, oldKey]))).toEqual({ resealed: 2, skipped: 0 });
    const onlyNew = new SecretBox([newKey]);
    const row = await repo.find('team:TA');
    expect(row?.keyId).toBe(newKey.id);
    expect(onlyNew.open(row!, 'team:TA')).toContain('xoxb-TA');
    expect(await rotateKeys(repo, onlyNew)).toEqual({ resealed: 0, skipped: 0 });
  });

  it('when a sealed value is moved onto another row, then it does not open there', async () => {
    const box = new SecretBox([key(3)]);
    await store(box, 'TA');
    const row = await slackInstallationRepository(db.db).find('team:TA');
    expect(() => box.open(row!, 'team:TB')).toThrow();
    expect(() => new SecretBox([key(4)]).open(row!, 'team:TA')).toThrow(/no encryption key/);
  });
});
