import type { ResponseLike } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { createFirstAnswers } from '../../../../src/bot/discord/firstAnswers.js';
import {
  discordPublicKey,
  headerProblem,
  isSignedBy,
} from '../../../../src/bot/discord/interactionSignature.js';
import { discordSigner } from '../../../support/discordSigner.js';

const API = 'http://127.0.0.1:1/api/v10';
const deferral = {
  method: 'POST',
  body: '{"type":5,"data":{"flags":64}}',
  headers: { 'Content-Type': 'application/json' },
};

describe('first answers kept for the HTTP response', () => {
  it('when discord.js answers an awaited interaction, then its body becomes the response and it is told 204', async () => {
    const sent: string[] = [];
    const answers = createFirstAnswers(async (url) => {
      sent.push(url);
      return new Response(null, { status: 204 }) as unknown as ResponseLike;
    });
    const { answer } = answers.expect('111');
    const told = await answers.makeRequest(`${API}/interactions/111/tok/callback`, deferral);
    expect(told.status).toBe(204);
    const first = await answer;
    expect(first.contentType).toBe('application/json');
    expect(JSON.parse(first.body.toString())).toEqual({ type: 5, data: { flags: 64 } });
    expect(sent).toEqual([]);
    expect(answers.waiting).toBe(0);
  });

  it('when the first answer carries a file (multipart), then the response is the same multipart body with its boundary', async () => {
    const answers = createFirstAnswers();
    const { answer } = answers.expect('333');
    const form = new FormData();
    form.append('payload_json', '{"type":4,"data":{"content":"chart"}}');
    form.append('files[0]', new Blob([Buffer.from('PNG')], { type: 'image/png' }), 'funnel.png');
    await answers.makeRequest(`${API}/interactions/333/tok/callback`, { method: 'POST', body: form });
    const first = await answer;
    expect(first.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const parsed = await new Response(first.body, {
      headers: { 'content-type': first.contentType },
    }).formData();
    expect(parsed.get('payload_json')).toBe('{"type":4,"data":{"content":"chart"}}');
    expect(await (parsed.get('files[0]') as Blob).text()).toBe('PNG');
  });

  it('when the answer comes after the wait was given up, then discord.js hears Unknown interaction', async () => {
    const answers = createFirstAnswers();
    answers.expect('222').cancel();
    const told = await answers.makeRequest(`${API}/interactions/222/tok/callback`, deferral);
    expect(told.status).toBe(404);
    expect(await told.json()).toEqual({ message: 'Unknown interaction', code: 10062 });
  });

  it('when discord.js edits the answer through the webhook, then the request goes to Discord', async () => {
    const sent: string[] = [];
    const answers = createFirstAnswers(async (url) => {
      sent.push(url);
      return new Response('{}', { status: 200 }) as unknown as ResponseLike;
    });
    answers.expect('333');
    await answers.makeRequest(`${API}/webhooks/1/tok/messages/%40original`, { method: 'PATCH', body: '{}' });
    expect(sent).toEqual([`${API}/webhooks/1/tok/messages/%40original`]);
    expect(answers.waiting).toBe(1);
  });
});

describe('interactions the front door deferred', () => {
  const front = { id: '444', token: 'tok', application_id: '9' };
  const recording = () => {
    const sent: { url: string; method: string | undefined; body: unknown }[] = [];
    const answers = createFirstAnswers(async (url, init) => {
      sent.push({ url, method: init.method, body: JSON.parse(String(init.body)) });
      return new Response('{}', { status: 200 }) as unknown as ResponseLike;
    });
    return { sent, answers };
  };

  it('when discord.js defers it, then the deferral is taken as given: 204, nothing sent, nothing awaited', async () => {
    const { sent, answers } = recording();
    answers.deferredInFront(front);
    const told = await answers.makeRequest(`${API}/interactions/444/tok/callback`, deferral);
    expect(told.status).toBe(204);
    expect(sent).toEqual([]);
    expect(answers.waiting).toBe(0);
  });

  it('when discord.js replies instead ("busy"), then the reply becomes the edit of the deferred message', async () => {
    const { sent, answers } = recording();
    answers.deferredInFront(front);
    const busy = { content: 'Busy, try again', flags: 64, allowed_mentions: { parse: [] } };
    const told = await answers.makeRequest(`${API}/interactions/444/tok/callback?with_response=false`, {
      method: 'POST',
      body: JSON.stringify({ type: 4, data: busy }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(told.status).toBe(204);
    expect(sent).toEqual([
      {
        url: `${API}/webhooks/9/tok/messages/@original`,
        method: 'PATCH',
        body: { content: 'Busy, try again', allowed_mentions: { parse: [] } },
      },
    ]);
  });

  it('when discord.js answers with a form, then it hears what Discord says of a second first answer', async () => {
    const { sent, answers } = recording();
    answers.deferredInFront(front);
    const told = await answers.makeRequest(`${API}/interactions/444/tok/callback`, {
      method: 'POST',
      body: JSON.stringify({ type: 9, data: { custom_id: 'form', title: 'Add', components: [] } }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(told.status).toBe(400);
    expect(await told.json()).toMatchObject({ code: 40060 });
    expect(sent).toEqual([]);
  });

  it('when one was never answered, then it is forgotten a minute later', async () => {
    const { answers } = recording();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-23T15:00:00Z') });
    try {
      answers.deferredInFront({ ...front, id: '555' });
      vi.advanceTimersByTime(61_000);
      answers.deferredInFront({ ...front, id: '666' });
    } finally {
      vi.useRealTimers();
    }
    // Forgotten: an answer now is one whose wait is over, as for any interaction.
    const late = await answers.makeRequest(`${API}/interactions/555/tok/callback`, deferral);
    expect(late.status).toBe(404);
    expect((await answers.makeRequest(`${API}/interactions/666/tok/callback`, deferral)).status).toBe(204);
  });
});

describe('the interaction signature', () => {
  const signer = discordSigner();
  const key = discordPublicKey(signer.publicKeyHex);
  const now = Date.parse('2026-11-23T15:00:00Z');
  const seconds = now / 1000;

  it('when the body is signed by the key at a fresh timestamp, then it verifies', () => {
    const headers = signer.headers('{"type":1}', seconds);
    const [signature, timestamp] = [headers['x-signature-ed25519']!, headers['x-signature-timestamp']!];
    expect(headerProblem(signature, timestamp, now)).toBeNull();
    expect(isSignedBy(key, signature, timestamp, Buffer.from('{"type":1}'))).toBe(true);
    expect(isSignedBy(key, signature, timestamp, Buffer.from('{"type":2}'))).toBe(false);
    expect(isSignedBy(key, signature, String(seconds + 1), Buffer.from('{"type":1}'))).toBe(false);
  });

  it('when the timestamp is five minutes and a second away either way, or a header is malformed, then the headers refuse it', () => {
    const signature = 'ab'.repeat(64);
    expect(headerProblem(signature, String(seconds - 301), now)).toMatch(/in the past/);
    expect(headerProblem(signature, String(seconds + 301), now)).toMatch(/in the future/);
    expect(headerProblem(signature, String(seconds + 300), now)).toBeNull();
    expect(headerProblem('ab'.repeat(10), String(seconds), now)).toMatch(/malformed/);
    expect(headerProblem(signature, 'soon', now)).toMatch(/malformed/);
    expect(headerProblem(undefined, String(seconds), now)).toMatch(/missing/);
  });
});
