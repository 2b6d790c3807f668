import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKER_OPTIONS } from '../../src/bot/worker/pass.js';
import { DEFAULT_RETENTION_DAYS, workerSettings } from '../../src/bot/worker/workerSettings.js';
import { loadConfig } from '../../src/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const OAUTH = {
  SLACK_CLIENT_ID: '111.222',
  SLACK_CLIENT_SECRET: 'secret',
  SLACK_STATE_SECRET: 'state-secret-0123456789',
  SLACK_SIGNING_SECRET: 'signing',
  RAPPORT_ENCRYPTION_KEY: KEY,
};

describe('the Add to Slack configuration', () => {
  it('when the OAuth variables and a key are set, then OAuth mode is on and single-workspace Slack is off', () => {
    const config = loadConfig(OAUTH, false);
    expect(config.slack).toBeNull();
    expect(config.slackOAuth?.clientId).toBe('111.222');
    expect(config.slackOAuth?.encryptionKeys).toHaveLength(1);
  });

  it('when the encryption key is missing, then the start stops with a sentence naming it', () => {
    expect(() => loadConfig({ ...OAUTH, RAPPORT_ENCRYPTION_KEY: '' }, false)).toThrow(
      /^RAPPORT_ENCRYPTION_KEY is required/,
    );
  });

  it('when the key is not 32 bytes, then the sentence says so without echoing it', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    const run = () => loadConfig({ ...OAUTH, RAPPORT_ENCRYPTION_KEY: short }, false);
    expect(run).toThrow(/16 bytes, not 32/);
    expect(run).not.toThrow(new RegExp(short.replace(/[+/=]/g, '.')));
  });

  it('when SLACK_BOT_TOKEN is also set, then the start stops: one mode at a time', () => {
    expect(() => loadConfig({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' }, false)).toThrow(
      /^SLACK_BOT_TOKEN must be unset/,
    );
  });

  it('when only part of the OAuth trio is set, then the missing one is named', () => {
    expect(() => loadConfig({ ...OAUTH, SLACK_STATE_SECRET: '' }, false)).toThrow(
      /^SLACK_STATE_SECRET is required/,
    );
  });

  it('when a rotation is under way, then both keys are kept, the new one first', () => {
    const config = loadConfig(
      { ...OAUTH, RAPPORT_ENCRYPTION_KEY: `${Buffer.alloc(32, 9).toString('base64')},${KEY}` },
      false,
    );
    expect(config.slackOAuth?.encryptionKeys.map((k) => k.id)).toHaveLength(2);
  });

  it('when RAPPORT_RETENTION_DAYS is set, then it is kept; unset, the worker uses 30 days', () => {
    expect(loadConfig({ ...OAUTH, RAPPORT_RETENTION_DAYS: '45' }, false).retentionDays).toBe(45);
    expect(loadConfig(OAUTH, false).retentionDays).toBeUndefined();
    expect(workerSettings({ clockOffsetMs: 0 }).options.retentionMs).toBeUndefined();
    expect(DEFAULT_WORKER_OPTIONS.retentionMs).toBe(DEFAULT_RETENTION_DAYS * 24 * 60 * 60 * 1000);
    expect(workerSettings({ clockOffsetMs: 0 }, 7).options.retentionMs).toBe(7 * 24 * 60 * 60 * 1000);
  });

  it('when RAPPORT_RETENTION_DAYS is not a number of days from 1, then the start stops with a sentence naming it', () => {
    for (const bad of ['0', 'thirty', '-3', '2.5', '99999']) {
      expect(() => loadConfig({ ...OAUTH, RAPPORT_RETENTION_DAYS: bad }, false)).toThrow(
        /^RAPPORT_RETENTION_DAYS must be a whole number of days from 1 to 3650, such as 30\.$/,
      );
    }
  });
});
