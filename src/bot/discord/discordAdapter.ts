/**
 * Discord through discord.js: a gateway Client that turns interactions into core calls and
 * renders the answers. Thin by design: it parses, calls one RapportApi method, renders.
 *
 * Every interaction gets an answer. Commands and buttons are deferred at once (Discord's
 * 3-second rule), then edited with the reply (see answerInTurn.ts: the slow notice, the apology,
 * and "busy" in place of the deferral when the work queue is full). Autocomplete cannot be
 * deferred, so it answers an empty list when late. Forms answer with a modal instead: a command
 * that has one run with no options, a button that has one, and the user menus (discordForms.ts).
 *
 * The work after a deferral (identify, core, render, the final edit) runs through a bounded work
 * queue, one person's interactions in order, as Slack's does after its ack: a burst of
 * interactions then waits as small closures instead of thousands of half-run commands competing
 * for the database pool, where each one's later queries wait behind the first queries of newer
 * ones and nothing finishes. Autocomplete stays outside the queue: Discord gives it 3 s and no
 * deferral.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  type RESTOptions,
  Status,
} from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { AutocompleteChoice, RapportApi } from '../../core/api.js';
import type { Actor } from '../../core/command.js';
import type { Adapter } from '../adapter.js';
import type { Logger } from '../logger.js';
import { createWorkQueue, logFullness, QUEUE_DEFAULTS, type QueueSettings } from '../workQueue.js';
import { answerInTurn } from './answerInTurn.js';
import { realWait, settle, type Wait, within } from './deadline.js';
import { parseButtonCustomId } from './discordButtons.js';
import { createFormHandlers } from './discordForms.js';
import { plainMessage, renderReply } from './discordRenderer.js';
import { fitText } from './discordText.js';
import { readCommand } from './interactionOptions.js';
import { replyOptions } from './interactionReplies.js';
import { interactionRestOptions } from './interactionRest.js';
import { placeCommands } from './placement.js';
import { DISCORD_SENTENCES } from './sentences.js';

export { DISCORD_SENTENCES } from './sentences.js';

export interface DiscordAdapterOptions {
  api: RapportApi;
  discord: Pick<DiscordConfig, 'token' | 'apiUrl'>;
  logger: Logger;
  /** How long a command may run before the person is told it is slow (default 5 s). */
  slowAfterMs?: number;
  /** Autocomplete must answer within 3 s; past this it answers an empty list (default 2.5 s). */
  autocompleteWithinMs?: number;
  /** Waits for those deadlines; tests pass one they control. */
  wait?: Wait;
  /**
   * Commands and buttons whose work runs at once after their deferral (default 10, the database
   * pool's size); the others wait their turn, first come, first served.
   */
  concurrency?: number;
  /** What may wait for its turn before interactions are answered "busy" (default QUEUE_DEFAULTS). */
  queue?: Partial<QueueSettings> | undefined;
  /**
   * Interactions over HTTP (DISCORD_PUBLIC_KEY; see discordHttp.ts): the Client never logs in to
   * the gateway, interactions are handed to it by the HTTP endpoint, and its REST keeps each first
   * answer for the HTTP response (`makeRequest`). Servers are not cached, so their names come
   * from `guildName`.
   */
  http?: { makeRequest: RESTOptions['makeRequest']; guildName(guildId: string): string | undefined };
}

export interface DiscordAdapter extends Adapter {
  readonly client: Client;
}

const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { api, logger } = options;
  const slowAfterMs = options.slowAfterMs ?? 5000;
  const autocompleteWithinMs = options.autocompleteWithinMs ?? 2500;
  const wait = options.wait ?? realWait;
  const placements = placeCommands(api.commands);

  const clientOptions: ClientOptions = {
    // Interactions arrive whatever the intents; Guilds keeps the server's name in the cache.
    // No DirectMessages: DMs go out over REST (the Notifier) and commands are guild-only.
    intents: [GatewayIntentBits.Guilds],
    // As many gateway shards as Discord recommends (GET /gateway/bot), all in this process: one
    // below 2,500 servers, more above, with no change here (see docs/operations.md).
    shards: 'auto',
    allowedMentions: { parse: [] },
    rest: interactionRestOptions(options.discord.apiUrl, options.http?.makeRequest),
  };
  const client = new Client(clientOptions);
  const inFlight = new Set<Promise<void>>();
  const { concurrency, ...bounds } = { ...QUEUE_DEFAULTS, ...options.queue };
  const queue = createWorkQueue(options.concurrency ?? concurrency, {
    ...bounds,
    onFull: logFullness(logger, 'discord'),
  });
  const turns = { queue, logger, wait, slowAfterMs };
  let stopping = false;
  let serving = false;

  function identify(interaction: Interaction, guildId: string): Promise<Actor> {
    const guildName = client.guilds.cache.get(guildId)?.name ?? options.http?.guildName(guildId);
    const member = interaction.member;
    const displayName =
      member && 'displayName' in member ? member.displayName : (member?.nick ?? interaction.user.displayName);
    return api.identify({
      platform: 'discord',
      spaceExternalId: guildId,
      ...(guildName ? { spaceName: guildName } : {}),
      externalUserId: interaction.user.id,
      displayName,
      // Discord sends the person's client language with every interaction ("en-GB", "fr").
      ...('locale' in interaction && interaction.locale ? { localeHint: interaction.locale } : {}),
    });
  }

  const forms = createFormHandlers({ api, logger, turns, identify });

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    if (!interaction.inGuild()) {
      await interaction.reply(replyOptions(plainMessage(DISCORD_SENTENCES.notInGuild)));
      return;
    }
    const read = readCommand(interaction.commandName, interaction.options.data);
    const { guildId } = interaction;
    const placed = read ? placements.at(read.path) : undefined;
    if (placed && read && (await forms.openIfBare(interaction, placed, read.options))) return;
    await answerInTurn(turns, {
      interaction,
      // Deferred privately: core's replies are private (a `public` one, which no command returns
      // today, would still show only to the person who asked).
      defer: () => interaction.deferReply({ flags: MessageFlags.Ephemeral }),
      bytes: JSON.stringify(read ?? {}).length,
      what: { command: interaction.commandName, ...read?.path },
      work: async () => {
        const actor = await identify(interaction, guildId);
        const command = read ? placements.at(read.path) : undefined;
        // A path this version does not know (a stale registration) reads as the words typed.
        const reply = command
          ? await api.runOptions(actor, command.name, read?.options ?? {})
          : await api.runText(actor, read ? [read.path.group, read.path.subcommand].join(' ') : 'help');
        return renderReply(reply);
      },
    });
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const route = parseButtonCustomId(interaction.customId);
    if (!route) {
      await interaction.reply(replyOptions(plainMessage(DISCORD_SENTENCES.staleButton)));
      return;
    }
    if (await forms.openForButton(interaction, route)) return;
    const { guildId } = interaction;
    await answerInTurn(turns, {
      interaction,
      // The answer replaces the message the button sits on (a nudge, a card).
      defer: () => interaction.deferUpdate(),
      bytes: interaction.customId.length,
      what: { action: route.action },
      work: async () => {
        // In a server, Discord says which one. A click in a DM names none, and nothing in the
        // custom_id may stand in for it: the reminder or contact the button refers to says
        // whose it is, and a click that is not its owner's creates nothing.
        const actor = guildId
          ? await identify(interaction, guildId)
          : await api.identifyClick(
              { platform: 'discord', externalUserId: interaction.user.id },
              route.action,
              route.value,
            );
        if (!actor) {
          await interaction.followUp(replyOptions(plainMessage(DISCORD_SENTENCES.notYourButton)));
          return null;
        }
        return renderReply(await api.runAction(actor, route.action, route.value));
      },
    });
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const read = readCommand(interaction.commandName, interaction.options.data);
    const command = read ? placements.at(read.path) : undefined;
    const source = command?.options.find((option) => option.name === read?.focused?.name)?.autocomplete;
    let choices: AutocompleteChoice[] = [];
    if (interaction.inGuild() && read?.focused && source) {
      const { guildId } = interaction;
      const typed = read.focused.value;
      const work = settle(
        identify(interaction, guildId).then((actor) => api.autocomplete(actor, source, typed)),
      );
      const outcome = await within(work, autocompleteWithinMs, wait);
      if (outcome === 'late')
        logger.warn({ source }, 'Discord autocomplete was too slow; answered no choices');
      else if (!outcome.ok) logger.error({ source, err: outcome.error }, 'Discord autocomplete failed');
      else choices = outcome.value;
    }
    await interaction.respond(
      choices
        // A value over 100 characters would make Discord refuse the whole list.
        .filter((choice) => choice.value.length > 0 && choice.value.length <= MAX_CHOICE_LENGTH)
        .slice(0, MAX_CHOICES)
        .map((choice) => ({
          name: fitText(choice.name || choice.value, MAX_CHOICE_LENGTH),
          value: choice.value,
        })),
    );
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (stopping && interaction.isRepliable()) {
      await interaction.reply(replyOptions(plainMessage(DISCORD_SENTENCES.stopping)));
      return;
    }
    if (interaction.isChatInputCommand()) return onCommand(interaction);
    if (interaction.isAutocomplete()) return onAutocomplete(interaction);
    if (interaction.isButton()) return onButton(interaction);
    if (interaction.isModalSubmit()) return forms.onSubmit(interaction);
    if (interaction.isUserContextMenuCommand()) return forms.onUserMenu(interaction);
    logger.debug({ type: interaction.type }, 'Ignored a Discord interaction of a kind Rapport does not use');
  }

  client.on(Events.InteractionCreate, (interaction) => {
    const task = onInteraction(interaction)
      .catch((err: unknown) => {
        // Usually Discord refusing our answer (an expired token, a 5xx): nothing left to tell the person.
        logger.error({ err, interaction: interaction.id }, 'Could not answer a Discord interaction');
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'Discord client error'));
  client.on(Events.Warn, (message) => logger.warn({}, `Discord: ${message}`));
  client.on(Events.ShardError, (err) => logger.warn({ err }, 'Discord gateway connection error'));
  // discord.js's Debug event is not forwarded, at any level: its login line quotes the first two
  // parts of the bot token ("Provided token: ..."), and a log is no place for any of a token.

  return {
    name: 'discord',
    client,
    // Every gateway shard is connected and identified; a reconnecting one is not ready. Over
    // HTTP there is no connection to keep: ready from start to stop.
    ready: () =>
      (options.http !== undefined && serving && !stopping) ||
      (!stopping &&
        client.isReady() &&
        client.ws.shards.size > 0 &&
        client.ws.shards.every((shard) => shard.status === Status.Ready)),
    async start() {
      serving = true;
      if (options.http) {
        logger.info({}, 'Discord interactions over HTTP; no gateway connection');
        return;
      }
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.discord.token);
      await ready;
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'Discord connected');
    },
    async stop() {
      stopping = true;
      // Interactions arriving meanwhile are answered with the "restarting" sentence; wait for those
      // too, and for the work in the queue (each task is in `inFlight` until its answer is sent).
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await queue.idle();
      await client.destroy();
    },
  };
}
