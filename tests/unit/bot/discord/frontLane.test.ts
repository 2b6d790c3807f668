/**
 * Which interactions the front door defers itself (frontLane.ts): only what the adapter would
 * have answered with a private deferral anyway, and only once checked as the endpoint checks.
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDiscordLane, MAX_WAITING_IN_FRONT } from '../../../../src/bot/discord/frontLane.js';
import { formPaths } from '../../../../src/bot/discord/placement.js';
import { Refusal } from '../../../../src/bot/http/signedRequests.js';
import { COMMANDS } from '../../../../src/core/commands/index.js';
import { discordSigner } from '../../../support/discordSigner.js';
import {
  autocompleteInteraction,
  buttonInteraction,
  type CommandInput,
  chatInputInteraction,
  type FakeGuild,
  snowflake,
} from '../../../support/fakeDiscord.js';

const NOW_MS = Date.parse('2026-11-23T15:00:00Z');
const GUILD: FakeGuild = {
  id: '1160000000000000001',
  name: 'Lane University',
  channelId: '1160000000000000002',
};
const OTHER_GUILD: FakeGuild = { ...GUILD, id: '1160000000000000009' };
const signer = discordSigner();
const user = { id: '1210000000000000001', username: 'ana' };

/** A lane whose clock reads NOW_MS, with GUILD served. */
function lane(options: { served?: boolean; clockOffsetMs?: number } = {}) {
  const made = createDiscordLane(
    {
      publicKey: signer.publicKeyHex,
      formPaths: formPaths(COMMANDS),
      clockOffsetMs: options.clockOffsetMs ?? 0,
    },
    () => NOW_MS,
  );
  if (options.served ?? true) made.served(GUILD.id);
  return made;
}

/** A request as node:http hands it over: the headers, and the body as a stream. */
function requestOf(body: string | Buffer, headers: Record<string, string>): IncomingMessage {
  const stream = Readable.from([Buffer.isBuffer(body) ? body : Buffer.from(body)]);
  return Object.assign(stream, { headers }) as unknown as IncomingMessage;
}

function signed(payload: object, timestampSeconds = NOW_MS / 1000): IncomingMessage {
  const body = JSON.stringify(payload);
  return requestOf(body, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...signer.headers(body, timestampSeconds),
  });
}

const command = (input: Omit<CommandInput, 'user' | 'guild'>, guild: FakeGuild | 'dm' = GUILD) =>
  chatInputInteraction({ user, ...(guild === 'dm' ? {} : { guild }), ...input });

/** The lane's verdict on a payload: the text it defers, or null. */
async function verdict(made: ReturnType<typeof lane>, payload: object): Promise<string | null> {
  return made.deferrable(await made.read(signed(payload)));
}

describe('what the front door defers', () => {
  it('when a student runs a command with options, or one with no form, in a served server, then it is deferred as sent', async () => {
    const made = lane();
    const list = command({ command: 'rapport', subcommand: 'list' });
    expect(await verdict(made, list)).toBe(JSON.stringify(list));
    const withOptions = command({
      command: 'rapport',
      subcommand: 'add',
      options: [{ type: 3, name: 'name', value: 'Jane Doe' }],
    });
    expect(await verdict(made, withOptions)).toBe(JSON.stringify(withOptions));
    const grouped = command({ command: 'rapport', group: 'settings', subcommand: 'tz', options: [] });
    expect(await verdict(made, grouped)).not.toBeNull();
  });

  it('when a command that opens a form is run with no options, then the main thread answers (the form is the first answer)', async () => {
    const made = lane();
    expect(await verdict(made, command({ command: 'rapport', subcommand: 'add' }))).toBeNull();
    expect(await verdict(made, command({ command: 'rapport', subcommand: 'note' }))).toBeNull();
  });

  it('when the server has not been looked up yet, or is another, or there is none (a DM), then the main thread answers', async () => {
    const list = { command: 'rapport' as const, subcommand: 'list' };
    expect(await verdict(lane({ served: false }), command(list))).toBeNull();
    expect(await verdict(lane(), command(list, OTHER_GUILD))).toBeNull();
    expect(await verdict(lane(), command(list, 'dm'))).toBeNull();
  });

  it('when the interaction is a PING, autocomplete, a button or a user menu, then the main thread answers', async () => {
    const made = lane();
    expect(
      await verdict(made, { id: snowflake(), type: 1, application_id: snowflake(), token: 't' }),
    ).toBeNull();
    const typing = autocompleteInteraction({
      user,
      guild: GUILD,
      command: 'rapport',
      subcommand: 'show',
      options: [{ type: 3, name: 'contact', value: 'ja', focused: true }],
    });
    expect(await verdict(made, typing)).toBeNull();
    expect(
      await verdict(made, buttonInteraction({ user, guild: GUILD, customId: 'stage:1:met' })),
    ).toBeNull();
    const menu = command({ command: 'rapport', subcommand: 'list' });
    expect(await verdict(made, { ...menu, data: { ...(menu.data as object), type: 2 } })).toBeNull();
  });

  it('when the main thread has not taken the deferred ones, then past the bound it answers the next itself', async () => {
    const made = lane();
    const list = () => command({ command: 'rapport', subcommand: 'list' });
    for (let i = 0; i < MAX_WAITING_IN_FRONT; i += 1) expect(await verdict(made, list())).not.toBeNull();
    expect(await verdict(made, list())).toBeNull();
    made.taken(1);
    expect(await verdict(made, list())).not.toBeNull();
  });
});

describe('what the front door refuses, as the endpoint would', () => {
  const list = () => command({ command: 'rapport', subcommand: 'list' });

  it('when the signature is missing, wrong or over another body, then reading refuses 401', async () => {
    const made = lane();
    const body = JSON.stringify(list());
    const refusal = (req: IncomingMessage) =>
      made.read(req).then(
        () => null,
        (error: unknown) => error,
      );
    expect(await refusal(requestOf(body, { 'content-length': String(body.length) }))).toMatchObject({
      status: 401,
    });
    const stranger = discordSigner().headers(body, NOW_MS / 1000);
    expect(
      await refusal(requestOf(body, { 'content-length': String(body.length), ...stranger })),
    ).toMatchObject({
      status: 401,
    });
    const other = JSON.stringify(list());
    const swapped = requestOf(other, {
      'content-length': String(other.length),
      ...signer.headers(body, NOW_MS / 1000),
    });
    expect(await refusal(swapped)).toBeInstanceOf(Refusal);
  });

  it('when the timestamp is outside five minutes of the main thread’s clock, then reading refuses 401', async () => {
    await expect(lane().read(signed(list(), NOW_MS / 1000 - 301))).rejects.toMatchObject({ status: 401 });
    await expect(lane().read(signed(list(), NOW_MS / 1000 + 301))).rejects.toMatchObject({ status: 401 });
    // The main thread's clock is an hour ahead of this one (a test's): its window is the one.
    const ahead = lane({ clockOffsetMs: 3_600_000 });
    await expect(ahead.read(signed(list(), NOW_MS / 1000))).rejects.toMatchObject({ status: 401 });
    expect(await ahead.read(signed(list(), NOW_MS / 1000 + 3600))).toBeInstanceOf(Buffer);
  });

  it('when the body is declared or sent over 1 MB, then reading refuses 413', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const declared = requestOf(big, {
      'content-length': String(big.length),
      ...signer.headers(big, NOW_MS / 1000),
    });
    await expect(lane().read(declared)).rejects.toMatchObject({ status: 413 });
    const undeclared = requestOf(big, signer.headers(big, NOW_MS / 1000));
    await expect(lane().read(undeclared)).rejects.toMatchObject({ status: 413 });
  });
});
