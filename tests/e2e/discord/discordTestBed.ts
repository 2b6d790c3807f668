/**
 * The real discord.js Client (through our adapter) against the fake Discord, on a real database
 * with the real core, and a clock the test sets. Helpers dispatch interactions and wait for the
 * answers the adapter sends back over REST.
 */

import type { DiscordAdapterOptions } from '../../../src/bot/discord/discordAdapter.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bot/discord/discordAdapter.js';
import { createDiscordChannelDirectory } from '../../../src/bot/discord/discordChannels.js';
import { createLogger } from '../../../src/bot/logger.js';
import { PLATFORM_REFERENCES } from '../../../src/bot/references.js';
import type { LogLevel } from '../../../src/config.js';
import type { RapportApi } from '../../../src/core/api.js';
import type { Actor } from '../../../src/core/command.js';
import type { Role } from '../../../src/core/domain.js';
import type { ChannelDirectory } from '../../../src/core/notifier.js';
import { Rapport } from '../../../src/core/rapport.js';
import type { Store } from '../../../src/core/store.js';
import {
  autocompleteInteraction,
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

export interface Answer {
  payload: InteractionPayload;
  /** The interaction callback (defer, reply or autocomplete result). */
  callback: RecordedRequest;
  /** The last edit of the deferred answer, when there is one. */
  edit: RecordedRequest | undefined;
}

export interface TestBedOptions {
  start?: string;
  /** Wraps the real store (a slow or failing database). */
  store?: (real: Store) => Store;
  /** Wraps the real core as the adapter sees it (to watch or hold its calls). */
  api?: (real: Rapport) => RapportApi;
  adapter?: Partial<
    Pick<DiscordAdapterOptions, 'slowAfterMs' | 'autocompleteWithinMs' | 'wait' | 'concurrency' | 'queue'>
  >;
  guilds?: FakeGuild[];
  /** The bot token the adapter logs in with (default `fake-token`). */
  token?: string;
  /** What `logLines` keeps (default warn and above). */
  logLevel?: LogLevel;
}

export class DiscordTestBed {
  private userCount = 0;
  /** What the clock reads; tests set it. */
  now: Date;

  private constructor(
    readonly fake: FakeDiscord,
    readonly db: TestDatabase,
    readonly rapport: Rapport,
    readonly adapter: DiscordAdapter,
    /** The real Discord channel lookup against the fake, as core has it (for worker passes too). */
    readonly channels: ChannelDirectory,
    /** Log lines at warn and above (or `logLevel`), as JSON, to assert what is logged. */
    readonly logLines: string[],
    start: Date,
  ) {
    this.now = start;
  }

  static async open(options: TestBedOptions = {}): Promise<DiscordTestBed> {
    const fake = await FakeDiscord.start(options.guilds ? { guilds: options.guilds } : {});
    const db = await openTestDatabase();
    let bed: DiscordTestBed | undefined;
    const clock = { now: () => bed?.now ?? new Date(options.start ?? '2026-11-23T15:00:00Z') };
    const logLines: string[] = [];
    const logger = createLogger({
      level: options.logLevel ?? 'warn',
      pretty: false,
      destination: { write: (line: string) => logLines.push(line) },
    });
    const channels = createDiscordChannelDirectory({
      token: options.token ?? 'fake-token',
      apiUrl: fake.apiUrl,
    });
    const rapport = new Rapport({
      references: PLATFORM_REFERENCES,
      store: options.store ? options.store(db.store) : db.store,
      clock,
      timezone: 'UTC',
      coordinators: [],
      logger,
      channels,
    });
    const adapter = createDiscordAdapter({
      api: options.api ? options.api(rapport) : rapport,
      discord: { token: options.token ?? 'fake-token', apiUrl: fake.apiUrl },
      logger,
      ...options.adapter,
    });
    bed = new DiscordTestBed(
      fake,
      db,
      rapport,
      adapter,
      channels,
      logLines,
      new Date(options.start ?? '2026-11-23T15:00:00Z'),
    );
    await adapter.start();
    return bed;
  }

  get guild(): FakeGuild {
    return this.fake.guild;
  }

  /** A new Discord user, unique in this test bed. */
  user(name?: string): FakeUser {
    this.userCount += 1;
    const username = name ?? `user${this.userCount}`;
    return { id: snowflake(), username, global_name: name ?? null };
  }

  /** The core actor behind a Discord user (created on first use, as a command would). */
  actor(user: FakeUser, guild: FakeGuild = this.guild): Promise<Actor> {
    return this.rapport.identify({
      platform: 'discord',
      spaceExternalId: guild.id,
      spaceName: guild.name,
      externalUserId: user.id,
      displayName: user.global_name ?? user.username,
    });
  }

  /** Gives a person a role directly in the database (the coordinator command is tested elsewhere). */
  async setRole(user: FakeUser, role: Role, guild: FakeGuild = this.guild): Promise<Actor> {
    const actor = await this.actor(user, guild);
    await this.db.store.transaction((repos) => repos.persons.update(actor.orgId, actor.personId, { role }));
    return { ...actor, role };
  }

  /** Dispatches a slash command and waits until its deferred answer has been edited `edits` times. */
  async command(user: FakeUser, input: Omit<CommandInput, 'user'>, edits = 1): Promise<Answer> {
    const payload = chatInputInteraction({ guild: this.guild, ...input, user });
    return this.run(payload, edits);
  }

  async autocomplete(user: FakeUser, input: Omit<CommandInput, 'user'>): Promise<Answer> {
    const payload = autocompleteInteraction({ guild: this.guild, ...input, user });
    return this.run(payload, 0);
  }

  async click(user: FakeUser, customId: string, inDm = false): Promise<Answer> {
    const payload = buttonInteraction(
      inDm ? { user, customId } : { user, customId, guild: this.guild, ephemeral: true },
    );
    return this.run(payload, 1);
  }

  async run(payload: InteractionPayload, edits: number): Promise<Answer> {
    const mine = (request: RecordedRequest) => request.path.includes(`/${payload.token}`);
    const callback = this.fake.waitForRequest((r) => mine(r) && r.path.endsWith('/callback'));
    const edited =
      edits > 0
        ? this.fake.waitForRequest(
            (r) =>
              mine(r) &&
              r.method === 'PATCH' &&
              this.fake.requestsFor(payload.token).filter((x) => x.method === 'PATCH').length >= edits,
          )
        : Promise.resolve(undefined);
    this.fake.dispatchInteraction(payload);
    const [first, last] = await Promise.all([callback, edited]);
    return { payload, callback: first, edit: last };
  }

  /** Closes everything, then fails if the fake did not understand a request or an answer was lost. */
  async close(): Promise<void> {
    await this.adapter.stop();
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

/** The visible text of a message body: content, embed titles, descriptions and fields. */
export function textOf(request: RecordedRequest | undefined): string {
  const body = (request?.body ?? {}) as {
    content?: string;
    embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
    data?: { content?: string; embeds?: unknown[] };
  };
  const message = body.data ? (body.data as typeof body) : body;
  const parts: string[] = [];
  if (message.content) parts.push(message.content);
  for (const embed of message.embeds ?? []) {
    if (embed.title) parts.push(embed.title);
    if (embed.description) parts.push(embed.description);
    for (const field of embed.fields ?? []) parts.push(`${field.name}: ${field.value}`);
  }
  return parts.join('\n');
}

/** The custom_ids of the buttons in a message body. */
export function buttonsOf(request: RecordedRequest | undefined): { label: string; custom_id: string }[] {
  const body = (request?.body ?? {}) as {
    components?: { components: { label: string; custom_id: string }[] }[];
  };
  return (body.components ?? []).flatMap((row) => row.components);
}
