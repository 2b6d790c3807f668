/**
 * Where the first answer to an interaction goes in HTTP interactions mode. discord.js answers
 * every interaction by posting to `/interactions/{id}/{token}/callback` (a deferral, a reply, a
 * modal, autocomplete choices). Over the gateway that post is the answer; over HTTP, Discord wants
 * the same body as the response to its own request. So the Client's REST is given this
 * `makeRequest`: a callback for an interaction the HTTP endpoint is waiting on is kept for that
 * response (and discord.js is told 204, as Discord would); every other request (the webhook edits
 * and follow-ups) goes to DISCORD_API_URL as usual. The command code stays the same in both modes.
 */
import { DefaultRestOptions, type RESTOptions, type ResponseLike } from 'discord.js';

/** The body of an interaction response, as discord.js encoded it (JSON, or multipart with files). */
export interface FirstAnswer {
  contentType: string;
  body: Buffer;
}

export interface FirstAnswers {
  /** Resolves with the first answer given to this interaction; `cancel` stops waiting for it. */
  expect(interactionId: string): { answer: Promise<FirstAnswer>; cancel(): void };
  /**
   * An interaction the front door has already deferred privately (frontLane.ts). Its deferral is
   * taken as given; a reply in its place ("busy", "restarting") becomes the edit of the deferred
   * message, as it would after any deferral; anything else is refused as Discord refuses a
   * second first answer.
   */
  deferredInFront(interaction: { id: string; token: string; application_id: string }): void;
  /** For the Client's `rest.makeRequest`. */
  readonly makeRequest: RESTOptions['makeRequest'];
  /** Interactions still waiting for their first answer. */
  readonly waiting: number;
}

const CALLBACK = /\/interactions\/(\d+)\/[^/]+\/callback$/;

/** Discord's interaction response types that matter here. */
const REPLY = 4;
const DEFERRED_REPLY = 5;

/** How long an interaction deferred in front is remembered without its first answer. */
const FRONT_MEMORY_MS = 60_000;

function response(status: number, json?: unknown): ResponseLike {
  const body = json === undefined ? null : JSON.stringify(json);
  return new Response(body, {
    status,
    headers: json === undefined ? {} : { 'content-type': 'application/json' },
  }) as unknown as ResponseLike;
}

/** The request body as bytes, with its content type (FormData gets its boundary here). */
async function encode(init: RequestInit): Promise<FirstAnswer> {
  const declared = new Headers(init.headers).get('content-type');
  // Nearly every first answer is JSON text (a deferral, a modal, choices): read as it is, without
  // a web stream, since this is on the way to the answer Discord waits 3 seconds for.
  if (typeof init.body === 'string')
    return { contentType: declared ?? 'application/json', body: Buffer.from(init.body) };
  const encoded = new Response(init.body ?? null);
  return {
    contentType: declared ?? encoded.headers.get('content-type') ?? 'application/json',
    body: Buffer.from(await encoded.arrayBuffer()),
  };
}

export function createFirstAnswers(
  send: RESTOptions['makeRequest'] = DefaultRestOptions.makeRequest,
): FirstAnswers {
  const waiting = new Map<string, (answer: FirstAnswer) => void>();
  // Oldest first (a Map keeps insertion order): id -> where its message is, and since when.
  const inFront = new Map<string, { token: string; applicationId: string; at: number }>();

  /** The first answer given to an interaction deferred in front. */
  const afterFront = async (
    url: string,
    init: RequestInit,
    front: { token: string; applicationId: string },
  ): Promise<ResponseLike> => {
    const { contentType, body } = await encode(init);
    let answer: { type?: unknown; data?: Record<string, unknown> } = {};
    if (contentType.startsWith('application/json'))
      try {
        answer = JSON.parse(body.toString('utf8')) as typeof answer;
      } catch {
        // Not an answer this can turn into an edit: refused below.
      }
    if (answer.type === DEFERRED_REPLY) return response(204);
    if (answer.type === REPLY && answer.data) {
      // The deferral is private already, and an edit cannot change a message's flags.
      const { flags: _flags, ...message } = answer.data;
      // The same API base, the message's path in place of the callback's, and no query.
      const edit = new URL(url);
      edit.pathname = edit.pathname.replace(
        CALLBACK,
        `/webhooks/${front.applicationId}/${front.token}/messages/@original`,
      );
      edit.search = '';
      const sent = await send(edit.href, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
      });
      return sent.ok ? response(204) : sent;
    }
    return response(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
  };

  const makeRequest: RESTOptions['makeRequest'] = async (url, init) => {
    const id = CALLBACK.exec(new URL(url).pathname)?.[1];
    if (id === undefined) return send(url, init);
    const front = inFront.get(id);
    if (front) {
      inFront.delete(id);
      return afterFront(url, init as RequestInit, front);
    }
    const resolve = waiting.get(id);
    // Too late (the HTTP response has gone) or never awaited: Discord's own answer for an
    // interaction whose 3 seconds are over.
    if (!resolve) return response(404, { message: 'Unknown interaction', code: 10062 });
    waiting.delete(id);
    resolve(await encode(init as RequestInit));
    return response(204);
  };

  return {
    expect(interactionId) {
      const answer = new Promise<FirstAnswer>((resolve) => waiting.set(interactionId, resolve));
      return { answer, cancel: () => waiting.delete(interactionId) };
    },
    deferredInFront(interaction) {
      const now = Date.now();
      for (const [id, front] of inFront) {
        if (now - front.at < FRONT_MEMORY_MS) break;
        inFront.delete(id);
      }
      inFront.set(interaction.id, {
        token: interaction.token,
        applicationId: interaction.application_id,
        at: now,
      });
    },
    makeRequest,
    get waiting() {
      return waiting.size;
    },
  };
}
