/**
 * `POST /discord/interactions`: Discord's interactions over HTTP (DISCORD_PUBLIC_KEY), on the
 * shared HTTP server. What the headers can tell is checked before the body is read: the
 * signature headers and the timestamp's window, five minutes either way (401), the declared
 * length (413). The body is read up to 1 MB (413 past it, and reading stops), its Ed25519
 * signature checked (401), its JSON parsed (400). A PING gets PONG; a kind of interaction Rapport
 * does not know gets 400; an interaction from a server the bot is not in gets one private
 * sentence and reaches nothing else. The others go to the Discord adapter, the same handlers the
 * gateway feeds, and their first answer (a deferral, mostly) becomes the response; the rest of the
 * answer follows through the interaction's webhook.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord.js';
import type { HttpServer } from '../http/httpServer.js';
import { MAX_CONCURRENT_READS, Refusal, refuse, refuseFor } from '../http/signedRequests.js';
import type { Logger } from '../logger.js';
import { createWorkQueue } from '../workQueue.js';
import type { FirstAnswer } from './firstAnswers.js';
import type { Admission } from './guildAdmission.js';
import {
  discordPublicKey,
  INTERACTIONS_PATH,
  MAX_INTERACTION_BYTES,
  readSignedBody,
} from './interactionSignature.js';
import { DISCORD_SENTENCES } from './sentences.js';

export { INTERACTIONS_PATH, MAX_INTERACTION_BYTES };

/** The interaction kinds Rapport answers (PING aside). */
const HANDLED: ReadonlySet<number> = new Set([
  InteractionType.ApplicationCommand,
  InteractionType.MessageComponent,
  InteractionType.ApplicationCommandAutocomplete,
  InteractionType.ModalSubmit,
]);

/** The fields every interaction carries and the adapter relies on. */
export interface InteractionBody {
  id: string;
  type: number;
  token: string;
  application_id: string;
  guild_id?: string;
  [field: string]: unknown;
}

export interface InteractionEndpointOptions {
  route: HttpServer['route'];
  /** The application's public key, 64 hex characters. */
  publicKey: string;
  /** Hands a verified interaction to the adapter; resolves with its first answer. */
  deliver(body: InteractionBody): { answer: Promise<FirstAnswer>; cancel(): void };
  /** Whether the interaction's server is one the bot is in. */
  admit(guildId: string): Promise<Admission>;
  logger: Pick<Logger, 'warn' | 'error' | 'debug'>;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
  /** Discord waits 3 s for the first answer; past this the response is 503 (default 2.5 s). */
  answerWithinMs?: number;
  /** Bodies read at once (default MAX_CONCURRENT_READS); past it a request gets 503 at once. */
  maxConcurrentReads?: number;
}

function send(res: ServerResponse, answer: FirstAnswer): void {
  res.writeHead(200, { 'content-type': answer.contentType, 'content-length': answer.body.length });
  res.end(answer.body);
}

function json(body: unknown): FirstAnswer {
  return { contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) };
}

function parse(raw: Buffer): InteractionBody {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Refusal(400, 'malformed JSON body');
  }
  const body = value as Partial<InteractionBody> | null;
  if (
    body === null ||
    typeof body !== 'object' ||
    typeof body.type !== 'number' ||
    typeof body.id !== 'string' ||
    (body.type !== InteractionType.Ping &&
      (typeof body.token !== 'string' || typeof body.application_id !== 'string'))
  )
    throw new Refusal(400, 'not an interaction');
  return body as InteractionBody;
}

/** One private sentence as the whole answer (autocomplete can only answer choices: none). */
function sentence(body: InteractionBody, text: string): FirstAnswer {
  if (body.type === InteractionType.ApplicationCommandAutocomplete)
    return json({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [] },
    });
  return json({
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content: text, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
  });
}

export function mountInteractionEndpoint(options: InteractionEndpointOptions): void {
  const { logger } = options;
  const key = discordPublicKey(options.publicKey);
  const now = options.now ?? Date.now;
  const answerWithinMs = options.answerWithinMs ?? 2500;
  const reading = createWorkQueue(options.maxConcurrentReads ?? MAX_CONCURRENT_READS);

  const verified = async (req: IncomingMessage): Promise<InteractionBody> =>
    parse(await readSignedBody(req, { key, nowMs: now(), reading }));

  const firstAnswer = async (body: InteractionBody): Promise<FirstAnswer | null> => {
    if (body.type === InteractionType.Ping) return json({ type: InteractionResponseType.Pong });
    if (!HANDLED.has(body.type)) throw new Refusal(400, `unknown interaction type ${body.type}`);
    if (typeof body.guild_id === 'string') {
      const admission = await options.admit(body.guild_id);
      if (admission === 'unknown') return sentence(body, DISCORD_SENTENCES.unknownGuild);
      if (admission === 'unavailable') return sentence(body, DISCORD_SENTENCES.apology);
    }
    const { answer, cancel } = options.deliver(body);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), answerWithinMs);
    });
    try {
      const first = await Promise.race([answer, late]);
      if (!first) cancel();
      return first;
    } finally {
      clearTimeout(timer);
    }
  };

  options.route('POST', INTERACTIONS_PATH, async (req, res) => {
    let body: InteractionBody;
    try {
      body = await verified(req);
    } catch (error) {
      refuseFor(res, error, logger, 'Refused a Discord interaction request');
      return;
    }
    try {
      const answer = await firstAnswer(body);
      if (answer) send(res, answer);
      else {
        logger.error(
          { interaction: body.id, type: body.type },
          'A Discord interaction got no first answer in time',
        );
        refuse(res, 503);
      }
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      logger.warn({ status: error.status, reason: error.message }, 'Refused a Discord interaction');
      refuse(res, error.status);
    }
  });
}
