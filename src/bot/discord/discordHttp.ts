/**
 * Discord over HTTP (DISCORD_PUBLIC_KEY): the same adapter as the gateway mode, with its
 * interactions taken from `POST /discord/interactions` instead of a gateway connection. The
 * endpoint verifies and sorts each request (interactionEndpoint.ts), hands it to the adapter's
 * Client exactly where the gateway would, and answers Discord with the first answer the command
 * code gives (firstAnswers.ts). No process holds a connection, so any number of replicas can run
 * behind a load balancer: Discord sends each interaction to one of them.
 */
import type { Client } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { HttpServer } from '../http/httpServer.js';
import { createDiscordAdapter, type DiscordAdapter, type DiscordAdapterOptions } from './discordAdapter.js';
import { createFirstAnswers } from './firstAnswers.js';
import { createGuildAdmission } from './guildAdmission.js';
import { type InteractionBody, mountInteractionEndpoint } from './interactionEndpoint.js';
import { formPaths } from './placement.js';

export interface DiscordHttpOptions extends Omit<DiscordAdapterOptions, 'http' | 'discord'> {
  discord: Pick<DiscordConfig, 'token' | 'apiUrl'> & { publicKey: string };
  /** The shared HTTP server the endpoint is added to (and its front door's lane, if it has one). */
  server: Pick<HttpServer, 'route' | 'front'>;
  /** Milliseconds since the epoch, for the signature timestamp's window; tests pass their own. */
  now?: () => number;
}

/**
 * Gives an interaction to the Client as its gateway does for INTERACTION_CREATE (discord.js's
 * websocket/handlers/INTERACTION_CREATE.js): discord.js offers no public way to take one from
 * elsewhere, and this one call builds the same interaction objects the gateway mode handles.
 */
function handToClient(client: Client, body: InteractionBody): void {
  const internal = client as unknown as { actions: { InteractionCreate: { handle(data: unknown): void } } };
  internal.actions.InteractionCreate.handle(body);
}

export function createDiscordHttpAdapter(options: DiscordHttpOptions): DiscordAdapter {
  const { discord, server, now, ...adapterOptions } = options;
  const answers = createFirstAnswers();
  const guilds = createGuildAdmission({
    token: discord.token,
    ...(discord.apiUrl ? { apiUrl: discord.apiUrl } : {}),
    logger: options.logger,
  });
  const adapter = createDiscordAdapter({
    ...adapterOptions,
    discord,
    http: { makeRequest: answers.makeRequest, guildName: guilds.nameOf },
  });
  // With a front door, the commands it may defer itself (frontLane.ts) come from it already
  // deferred, and skip the endpoint: the first answer went out, and their server is served.
  const lane = server.front?.openDiscordLane(
    {
      publicKey: discord.publicKey,
      formPaths: formPaths(options.api.commands),
      clockOffsetMs: now ? now() - Date.now() : 0,
    },
    (text) => {
      const body = JSON.parse(text) as InteractionBody;
      answers.deferredInFront(body);
      handToClient(adapter.client, body);
    },
  );
  mountInteractionEndpoint({
    route: server.route,
    publicKey: discord.publicKey,
    admit: async (guildId) => {
      const admission = await guilds.admit(guildId);
      if (admission === 'served') lane?.served(guildId);
      return admission;
    },
    deliver: (body) => {
      // Waiting before handing it over: the first answer may come before handle() returns.
      const pending = answers.expect(body.id);
      handToClient(adapter.client, body);
      return pending;
    },
    logger: options.logger,
    ...(now ? { now } : {}),
  });
  return adapter;
}
