/**
 * The bot token never reaches the log, not even its first parts, however verbose the log is:
 * the adapter logs in, answers a command and stops at `trace` level against the fake Discord.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordTestBed, textOf } from './discordTestBed.js';

// Shaped like a real bot token: the bot's id in base64, a timestamp part, then the secret HMAC.
const ID_PART = 'MTEwMDAwMDAwMDAwMDAwMDAwMg';
const TIME_PART = 'GhIjKl';
const SECRET_PART = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9';
const TOKEN = `${ID_PART}.${TIME_PART}.${SECRET_PART}`;

let bed: DiscordTestBed;

beforeAll(async () => {
  bed = await DiscordTestBed.open({ token: TOKEN, logLevel: 'trace' });
});

afterAll(async () => {
  await bed?.close();
});

describe('the token and the log', () => {
  it('when the adapter logs in and answers at trace level, then no log line holds the token or any part of it', async () => {
    const answer = await bed.command(bed.user('maria'), { command: 'rapport', subcommand: 'list' });
    expect(textOf(answer.edit)).toContain('list');
    // The log did record the session: the check below is not passing on an empty log.
    expect(bed.logLines.some((line) => line.includes('Discord connected'))).toBe(true);
    const log = bed.logLines.join('\n');
    expect(log).not.toContain(TOKEN);
    for (const part of [ID_PART, TIME_PART, SECRET_PART]) expect(log).not.toContain(part);
    // Nor its first characters, censored or not.
    expect(log).not.toContain(ID_PART.slice(0, 8));
    expect(log).not.toMatch(/Provided token/i);
  });
});
