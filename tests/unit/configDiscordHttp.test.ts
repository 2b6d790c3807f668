import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const DISCORD = { DISCORD_TOKEN: 'discord-secret-token', DISCORD_APP_ID: '112233445566778899' };
const KEY = 'AB'.repeat(32);

describe('the Discord over HTTP configuration', () => {
  it('when DISCORD_PUBLIC_KEY is set with the bot, then Discord runs over HTTP with the key in lower case', () => {
    const config = loadConfig({ ...DISCORD, DISCORD_PUBLIC_KEY: KEY }, false);
    expect(config.discord?.publicKey).toBe('ab'.repeat(32));
  });

  it('when DISCORD_PUBLIC_KEY is unset, then the gateway mode stays', () => {
    expect(loadConfig(DISCORD, false).discord?.publicKey).toBeUndefined();
  });

  it('when the key is not 64 hexadecimal characters, then the start stops with a sentence naming it', () => {
    for (const bad of ['ab'.repeat(31), `${'ab'.repeat(31)}zz`, 'ab'.repeat(33)]) {
      expect(() => loadConfig({ ...DISCORD, DISCORD_PUBLIC_KEY: bad }, false)).toThrow(
        /^DISCORD_PUBLIC_KEY must be the application's public key .*64 hexadecimal characters\.$/,
      );
    }
  });

  it('when the key is set without the bot token, then the start stops naming DISCORD_TOKEN', () => {
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: KEY }, false)).toThrow(
      /^DISCORD_TOKEN is required when DISCORD_PUBLIC_KEY is set/,
    );
    expect(() =>
      loadConfig({ DISCORD_PUBLIC_KEY: KEY, DISCORD_TOKEN: 'discord-secret-token' }, false),
    ).toThrow(/^DISCORD_APP_ID is required when DISCORD_PUBLIC_KEY is set/);
  });
});
