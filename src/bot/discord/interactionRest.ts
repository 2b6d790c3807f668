/**
 * The options of the Discord Client's REST, which carries interaction traffic only: the deferrals
 * and the edits of `@original`, plus GET /gateway/bot at login. The Notifier and the command
 * registrar build their own REST clients.
 */
import type { RESTOptions } from 'discord.js';
import { discordRestAgent } from './restAgent.js';

/** How often the Client's REST lets go of the request queues of interactions gone quiet. */
export const INTERACTION_QUEUE_SWEEP_MS = 60_000;

export function interactionRestOptions(
  apiUrl: string | undefined,
  makeRequest: RESTOptions['makeRequest'] | undefined,
): Partial<RESTOptions> {
  return {
    ...(apiUrl ? { api: apiUrl } : {}),
    // Discord does not count interaction endpoints against its global limit of 50 requests/s, but
    // discord.js's own budget (`globalRequestsPerSecond`, default 50, counted locally, not read
    // from Discord) holds back the webhook edits of @original once a burst passes 50 answers a
    // second. So no local global budget here: per-route buckets still apply as Discord's headers
    // describe them, and a real 429 carrying X-RateLimit-Global still pauses every request of
    // this client for its Retry-After.
    globalRequestsPerSecond: Number.POSITIVE_INFINITY,
    // discord.js keeps a request queue per interaction token (the edits of its @original), about
    // 1 KB each, and sweeps idle ones every hour by default: 100 interactions a second would hold
    // some 360 MB before the first sweep. An interaction's edits are seconds apart, so idle queues
    // go after a minute.
    handlerSweepInterval: INTERACTION_QUEUE_SWEEP_MS,
    agent: discordRestAgent(),
    ...(makeRequest ? { makeRequest } : {}),
  };
}
