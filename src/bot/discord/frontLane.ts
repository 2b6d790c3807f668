/**
 * Discord's lane through the front door (http/frontDoorThread.ts): which interactions the front
 * door's thread may defer itself, so that Discord's 3 seconds never wait for command work on the
 * main thread. Only a slash command in a server the bot already serves, run with options or with
 * none but not one that opens a form, is deferred there: its first answer would be the same private
 * deferral anyway (discordAdapter.ts). Everything else (a PING, a refusal, a form, autocomplete,
 * a button, a server not yet looked up) goes on to the main thread's endpoint
 * (interactionEndpoint.ts), which answers as before. Whatever the front door defers, it has first
 * checked as that endpoint would, with the same code: the signature headers, the timestamp's
 * window, the body's size and its Ed25519 signature; a request that fails them is refused here.
 *
 * Loaded by the thread: this module and what it imports stay clear of discord.js and the core.
 */
import type { IncomingMessage } from 'node:http';
import { MAX_CONCURRENT_READS } from '../http/signedRequests.js';
import { createWorkQueue } from '../workQueue.js';
import { type OptionNode, pathKey, subcommandOf } from './commandPath.js';
import { discordPublicKey, readSignedBody } from './interactionSignature.js';

/** A private deferral (DeferredChannelMessageWithSource, Ephemeral), as discordAdapter.ts defers. */
export const FRONT_DEFERRAL = '{"type":5,"data":{"flags":64}}';

/**
 * Interactions deferred in front that the main thread has not taken yet. Past this the front
 * door stops deferring, and the main thread answers each as it comes (with "busy" when its
 * work queue is full), so a stalled main thread cannot pile up deferred work in memory.
 */
export const MAX_WAITING_IN_FRONT = 256;

export interface LaneRules {
  /** DISCORD_PUBLIC_KEY, 64 hex characters. */
  publicKey: string;
  /** The pathKeys of the commands that open a form when run with no options. */
  formPaths: string[];
  /** The main thread's clock minus this process's (0 but in tests): the timestamp window's now. */
  clockOffsetMs: number;
}

const APPLICATION_COMMAND = 2;
const CHAT_INPUT = 1;

export interface DiscordLane {
  /**
   * The request's body once the endpoint's checks pass (interactionSignature.ts), made here so
   * that a refused body is never passed on half read; throws their Refusal.
   */
  read(req: IncomingMessage): Promise<Buffer>;
  /** The interaction as JSON text when the front door defers it; null when the main thread answers. */
  deferrable(raw: Buffer): string | null;
  served(guildId: string): void;
  /** The main thread took `count` deferred interactions. */
  taken(count: number): void;
}

export function createDiscordLane(rules: LaneRules, nowMs: () => number = Date.now): DiscordLane {
  const key = discordPublicKey(rules.publicKey);
  const forms = new Set(rules.formPaths);
  const guilds = new Set<string>();
  const reading = createWorkQueue(MAX_CONCURRENT_READS);
  let waiting = 0;

  return {
    read: (req) => readSignedBody(req, { key, nowMs: nowMs() + rules.clockOffsetMs, reading }),
    deferrable(raw) {
      if (waiting >= MAX_WAITING_IN_FRONT || guilds.size === 0) return null;
      const text = raw.toString('utf8');
      let body: { type?: unknown; guild_id?: unknown; token?: unknown; data?: unknown };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return null;
      }
      if (body === null || typeof body !== 'object' || body.type !== APPLICATION_COMMAND) return null;
      if (typeof body.guild_id !== 'string' || !guilds.has(body.guild_id) || typeof body.token !== 'string')
        return null;
      const data = body.data as { type?: unknown; name?: unknown; options?: unknown } | undefined;
      if (!data || data.type !== CHAT_INPUT || typeof data.name !== 'string') return null;
      const options = Array.isArray(data.options) ? (data.options as OptionNode[]) : [];
      const read = subcommandOf(data.name, options);
      if (!read || (read.given.length === 0 && forms.has(pathKey(read.path)))) return null;
      waiting += 1;
      return text;
    },
    served: (guildId) => void guilds.add(guildId),
    taken(count) {
      waiting = Math.max(0, waiting - count);
    },
  };
}
