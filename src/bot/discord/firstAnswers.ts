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
  /** For the Client's `rest.makeRequest`. */
  readonly makeRequest: RESTOptions['makeRequest'];
  /** Interactions still waiting for their first answer. */
  readonly waiting: number;
}

const CALLBACK = /\/interactions\/(\d+)\/[^/]+\/callback$/;

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

  const makeRequest: RESTOptions['makeRequest'] = async (url, init) => {
    const id = CALLBACK.exec(new URL(url).pathname)?.[1];
    if (id === undefined) return send(url, init);
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
    makeRequest,
    get waiting() {
      return waiting.size;
    },
  };
}
