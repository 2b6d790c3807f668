/**
 * What `POST /discord/interactions` refuses before any command code sees it: no signature, a
 * signature by another key, a signature over another body, timestamps outside five minutes either
 * way, malformed JSON, bodies over 1 MB (declared or streamed), more unfinished bodies at once
 * than the cap, and interaction kinds Rapport does not know. None of them reaches Discord or the database.
 */
import { connect, type Socket } from 'node:net';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONCURRENT_READS } from '../../../src/bot/http/signedRequests.js';
import { persons } from '../../../src/db/schema.js';
import { chatInputInteraction, snowflake } from '../../support/fakeDiscord.js';
import { DiscordHttpBed } from './discordHttpBed.js';

let bed: DiscordHttpBed;

beforeAll(async () => {
  bed = await DiscordHttpBed.open();
});
afterAll(async () => {
  await bed?.close();
});

const help = () =>
  chatInputInteraction({ guild: bed.guild, user: bed.user(), command: 'rapport', subcommand: 'help' });
const nowSeconds = () => Math.floor(bed.now.getTime() / 1000);

describe('requests the interactions endpoint refuses', () => {
  it('when a request carries no signature, then it is refused with 401', async () => {
    expect((await bed.send(help(), { signature: 'none' })).status).toBe(401);
  });

  it("when a request is signed by a key that is not the application's, then it is refused with 401", async () => {
    expect((await bed.send(help(), { signature: 'other' })).status).toBe(401);
  });

  it('when the body was changed after signing, then it is refused with 401', async () => {
    const body = JSON.stringify(help());
    const headers = bed.signer.headers(body, nowSeconds());
    const answer = await fetch(`http://127.0.0.1:${bed.port}/discord/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body.replace('"help"', '"list"'),
    });
    expect(answer.status).toBe(401);
  });

  it('when the timestamp is more than five minutes old or ahead, then it is refused with 401', async () => {
    expect((await bed.send(help(), { timestamp: nowSeconds() - 301 })).status).toBe(401);
    expect((await bed.send(help(), { timestamp: nowSeconds() + 301 })).status).toBe(401);
    // Inside the window either way it is accepted.
    expect((await bed.send({ id: snowflake(), type: 1 }, { timestamp: nowSeconds() - 299 })).status).toBe(
      200,
    );
    expect((await bed.send({ id: snowflake(), type: 1 }, { timestamp: nowSeconds() + 299 })).status).toBe(
      200,
    );
  });

  it('when the signed body is not JSON, or not an interaction, then it is refused with 400', async () => {
    expect((await bed.post('{"type": 2,')).status).toBe(400);
    expect((await bed.post('[1, 2]')).status).toBe(400);
    expect((await bed.post('{"type": 2, "id": "1"}')).status).toBe(400);
  });

  it('when the body is over 1 MB, then it is refused with 413, declared or streamed', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    expect((await bed.post(big)).status).toBe(413);
    expect((await bed.post(Buffer.alloc(3 * 1024 * 1024, 0x20), { chunked: true })).status).toBe(413);
  });

  it('when 16 bodies are unfinished at once, then the next request gets 503 at once; a freed slot serves again', async () => {
    const head = (length: number) =>
      `POST /discord/interactions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
      `x-signature-ed25519: ${'a'.repeat(128)}\r\nx-signature-timestamp: ${nowSeconds()}\r\n` +
      `content-length: ${length}\r\n\r\n`;
    const holders = await Promise.all(
      Array.from(
        { length: MAX_CONCURRENT_READS },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(bed.port, '127.0.0.1', () => {
              socket.write(`${head(1000)}{"type":`);
              resolve(socket);
            });
          }),
      ),
    );
    // Each holder's headers are read by now once a probe that needs a slot is refused 503.
    await expect.poll(async () => (await bed.send({ id: snowflake(), type: 1 })).status).toBe(503);
    const started = performance.now();
    expect((await bed.send({ id: snowflake(), type: 1 })).status).toBe(503);
    expect(performance.now() - started).toBeLessThan(1000);
    holders[0]!.destroy();
    await expect.poll(async () => (await bed.send({ id: snowflake(), type: 1 })).status).toBe(200);
    for (const socket of holders) socket.destroy();
  });

  it('when the interaction type is unknown, then it is refused with 400', async () => {
    expect((await bed.send({ ...help(), type: 42 })).status).toBe(400);
  });

  it('when requests were refused, then nothing reached Discord or the database', async () => {
    const [stored] = await bed.db.db.select({ n: count() }).from(persons);
    expect(stored?.n).toBe(0);
    expect(bed.fake.requests).toEqual([]);
  });
});
