/**
 * Discord over HTTP end to end: the real HTTP server with `/discord/interactions`, the real
 * adapter in HTTP mode, the real core on a real database, and the fake Discord for everything the
 * bot sends back (webhook edits, follow-ups, the server lookup). Requests are signed with a key
 * pair made for the test, at timestamps read from the test's clock.
 */
import { request } from 'node:http';
import type { DiscordAdapter } from '../../../src/bot/discord/discordAdapter.js';
import { createDiscordHttpAdapter } from '../../../src/bot/discord/discordHttp.js';
import { INTERACTIONS_PATH } from '../../../src/bot/discord/interactionEndpoint.js';
import { createHttpServer, type HttpServer } from '../../../src/bot/http/httpServer.js';
import { createLogger } from '../../../src/bot/logger.js';
import { PLATFORM_REFERENCES } from '../../../src/bot/references.js';
import { Rapport } from '../../../src/core/rapport.js';
import { type DiscordSigner, discordSigner } from '../../support/discordSigner.js';
import {
  buttonInteraction,
  type CommandInput,
  chatInputInteraction,
  FakeDiscord,
  type FakeGuild,
  type FakeUser,
  type InteractionPayload,
  type RecordedRequest,
  snowflake,
} from '../../support/fakeDiscord.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

export interface HttpAnswer {
  status: number;
  /** The response body as JSON, when it was JSON. */
  body: unknown;
}

export interface SendOptions {
  /** Seconds since the epoch for X-Signature-Timestamp (default: the test clock's now). */
  timestamp?: number;
  /** 'none': no signature headers; 'other': signed with a key that is not the application's. */
  signature?: 'valid' | 'none' | 'other';
  /** Sent without Content-Length, in chunks (to test the cut-off while reading). */
  chunked?: boolean;
}

export class DiscordHttpBed {
  private userCount = 0;
  now = new Date('2026-11-23T15:00:00Z');
  private readonly stranger = discordSigner();

  private constructor(
    readonly fake: FakeDiscord,
    readonly db: TestDatabase,
    readonly server: HttpServer,
    readonly adapter: DiscordAdapter,
    readonly signer: DiscordSigner,
    readonly port: number,
    readonly logLines: string[],
  ) {}

  /**
   * `front`: the shared server behind its front door (frontDoor.ts), as `npm start` runs Discord
   * over HTTP (the default); false: the endpoint answers every interaction on the main thread.
   */
  static async open(options: { guilds?: FakeGuild[]; front?: boolean } = {}): Promise<DiscordHttpBed> {
    const fake = await FakeDiscord.start(options.guilds ? { guilds: options.guilds } : {});
    const db = await openTestDatabase();
    const signer = discordSigner();
    const logLines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      pretty: false,
      destination: { write: (line: string) => logLines.push(line) },
    });
    let bed: DiscordHttpBed | undefined;
    const now = () => bed?.now.getTime() ?? Date.parse('2026-11-23T15:00:00Z');
    const rapport = new Rapport({
      references: PLATFORM_REFERENCES,
      store: db.store,
      clock: { now: () => new Date(now()) },
      timezone: 'UTC',
      coordinators: [],
      logger,
    });
    const server = createHttpServer({ health: async () => true, logger, front: options.front ?? true });
    const adapter = createDiscordHttpAdapter({
      api: rapport,
      discord: { token: 'fake-token', apiUrl: fake.apiUrl, publicKey: signer.publicKeyHex },
      server,
      logger,
      now,
    });
    const port = await server.listen(0, '127.0.0.1');
    await adapter.start();
    bed = new DiscordHttpBed(fake, db, server, adapter, signer, port, logLines);
    return bed;
  }

  get guild(): FakeGuild {
    return this.fake.guild;
  }

  user(name?: string): FakeUser {
    this.userCount += 1;
    return { id: snowflake(), username: name ?? `user${this.userCount}`, global_name: name ?? null };
  }

  /** Posts a raw body to the endpoint, signed as `options` says. */
  post(body: string | Buffer, options: SendOptions = {}): Promise<HttpAnswer> {
    const timestamp = options.timestamp ?? Math.floor(this.now.getTime() / 1000);
    const signature = options.signature ?? 'valid';
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(signature === 'valid' ? this.signer.headers(body, timestamp) : {}),
      ...(signature === 'other' ? this.stranger.headers(body, timestamp) : {}),
    };
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, method: 'POST', path: INTERACTIONS_PATH, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = text;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      // The server may close the connection before a refused body is all sent: the answer counts.
      req.on('error', (error) => reject(error));
      if (options.chunked) {
        const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
        for (let at = 0; at < buffer.length; at += 64 * 1024) req.write(buffer.subarray(at, at + 64 * 1024));
        req.end();
      } else {
        req.setHeader('content-length', Buffer.byteLength(body));
        req.end(body);
      }
    });
  }

  /** Posts an interaction payload, signed. */
  send(payload: Record<string, unknown>, options: SendOptions = {}): Promise<HttpAnswer> {
    return this.post(JSON.stringify(payload), options);
  }

  /** A slash command: the HTTP answer, and the edit of the deferred reply that completes it. */
  async command(
    user: FakeUser,
    input: Omit<CommandInput, 'user'>,
  ): Promise<{ payload: InteractionPayload; answer: HttpAnswer; edit: RecordedRequest }> {
    const payload = chatInputInteraction({ guild: this.guild, ...input, user });
    const edit = this.editOf(payload);
    const answer = await this.send(payload);
    return { payload, answer, edit: await edit };
  }

  /** A button click on an ephemeral message in the server. */
  async click(
    user: FakeUser,
    customId: string,
  ): Promise<{ payload: InteractionPayload; answer: HttpAnswer; edit: RecordedRequest }> {
    const payload = buttonInteraction({ user, customId, guild: this.guild, ephemeral: true });
    const edit = this.editOf(payload);
    const answer = await this.send(payload);
    return { payload, answer, edit: await edit };
  }

  /** The webhook edit of `@original` made for an interaction. */
  editOf(payload: InteractionPayload): Promise<RecordedRequest> {
    return this.fake.waitForRequest(
      (r) =>
        r.method === 'PATCH' &&
        r.path === `/webhooks/${payload.application_id}/${payload.token}/messages/@original`,
    );
  }

  async close(): Promise<void> {
    await this.adapter.stop();
    await this.server.close();
    await this.fake.close();
    await this.db.close();
    const unknown = this.fake.requests.filter((r) => r.unknownRoute);
    if (unknown.length)
      throw new Error(
        `The fake Discord did not know: ${unknown.map((r) => `${r.method} ${r.path}`).join(', ')}`,
      );
    const lost = this.logLines.filter((line) => line.includes('Could not answer a Discord interaction'));
    if (lost.length) throw new Error(`Answers were lost: ${lost.join('\n')}`);
  }
}
