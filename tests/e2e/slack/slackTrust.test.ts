/**
 * What Rapport refuses and what it never lets through: forged, stale and future-dated requests
 * (401, nothing touched), retried deliveries (applied once), the wrong content type, mention and
 * markup injection in what people type (checked on the payloads that leave for Slack), and the
 * log, which never holds what people typed or a secret.
 */
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, persons, processedRequests } from '../../../src/db/schema.js';
import { signSlackRequest } from '../../support/fakeSlack.js';
import {
  BOT_TOKEN,
  buttonsIn,
  payloadText,
  SIGNING_SECRET,
  SlackTestBed,
  type Student,
  TEAM,
} from './slackTestBed.js';

let bed: SlackTestBed;

beforeAll(async () => {
  bed = await SlackTestBed.start();
}, 60_000);

afterAll(async () => {
  await bed?.close();
});

/** Rows that any applied request would add, and what went out to Slack. */
async function footprint() {
  const [p] = await bed.db.db.select({ n: count() }).from(persons);
  const [c] = await bed.db.db.select({ n: count() }).from(contacts);
  const [d] = await bed.db.db.select({ n: count() }).from(processedRequests);
  return {
    persons: p!.n,
    contacts: c!.n,
    deliveries: d!.n,
    calls: bed.slack.calls.length,
    responses: bed.slack.responses.length,
  };
}

async function contactsOf(student: Student) {
  const actor = await bed.rapport.identify({
    platform: 'slack',
    spaceExternalId: TEAM.id,
    externalUserId: student.id,
    displayName: student.name,
  });
  return bed.db.store.transaction((repos) => repos.contacts.listByOwner(actor.personId));
}

const nowSeconds = () => Math.floor(bed.now.getTime() / 1000);

describe('refusing requests that Slack did not send', () => {
  it('when the signature is made with another secret, then 401 and nothing is touched', async () => {
    const before = await footprint();
    const result = await bed.command('add Mallory at Evil', {
      user: bed.newStudent(),
      secret: 'not-the-secret',
    });
    expect(result.status).toBe(401);
    expect(await footprint()).toEqual(before);
  });

  it('when the signature headers are missing, then 401 and nothing is touched', async () => {
    const before = await footprint();
    const form = new URLSearchParams({
      command: '/rapport',
      text: 'add Mallory',
      team_id: TEAM.id,
      user_id: 'UEVIL',
    }).toString();
    expect((await bed.post(form, { unsigned: true })).status).toBe(401);
    expect(await footprint()).toEqual(before);
  });

  it('when a correctly signed request is more than 5 minutes old, then 401 and nothing is touched', async () => {
    const before = await footprint();
    const result = await bed.command('add Replayed Person', {
      user: bed.newStudent(),
      timestamp: nowSeconds() - 301,
    });
    expect(result.status).toBe(401);
    expect(await footprint()).toEqual(before);
  });

  it('when a correctly signed request is dated more than 5 minutes ahead, then 401 and nothing is touched', async () => {
    const before = await footprint();
    const result = await bed.command('add Future Person', {
      user: bed.newStudent(),
      timestamp: nowSeconds() + 301,
    });
    expect(result.status).toBe(401);
    expect(await footprint()).toEqual(before);
  });

  it('when a request is signed within the 5 minutes on either side, then it is accepted', async () => {
    const student = bed.newStudent();
    expect(
      (await bed.command('add Early Bird', { user: student, timestamp: nowSeconds() + 299 })).status,
    ).toBe(200);
    expect((await bed.command('add Late Owl', { user: student, timestamp: nowSeconds() - 299 })).status).toBe(
      200,
    );
    expect((await contactsOf(student)).map((c) => c.name)).toEqual(['Early Bird', 'Late Owl']);
  });

  it('when the body is changed after signing, then 401', async () => {
    const form = new URLSearchParams({
      command: '/rapport',
      text: 'help',
      team_id: TEAM.id,
      user_id: 'U1',
    }).toString();
    const headers = signSlackRequest(form, SIGNING_SECRET, nowSeconds());
    const tampered = form.replace('help', 'list');
    const response = await fetch(bed.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: tampered,
    });
    expect(response.status).toBe(401);
  });

  it('when a signed request has an unsupported content type, then 415 and nothing is touched', async () => {
    const before = await footprint();
    const result = await bed.command('add Plain Text', { user: bed.newStudent(), contentType: 'text/plain' });
    expect(result.status).toBe(415);
    expect(await footprint()).toEqual(before);
  });

  it('when the form content type carries a charset, then the command is still read', async () => {
    const student = bed.newStudent();
    const result = await bed.command('add Charset Person', {
      user: student,
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    });
    expect(result.status).toBe(200);
    expect((await contactsOf(student)).map((c) => c.name)).toEqual(['Charset Person']);
  });

  it('when a signed JSON body is malformed, then 400', async () => {
    expect((await bed.post('{"type":', { contentType: 'application/json' })).status).toBe(400);
  });

  it("when Slack verifies the URL or probes the certificate, then it gets Slack's expected answer", async () => {
    const challenge = await bed.post(
      JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }),
      { contentType: 'application/json' },
    );
    expect(JSON.parse(challenge.body)).toEqual({ challenge: 'abc123' });
    const before = await footprint();
    expect((await bed.post('ssl_check=1&token=x', { unsigned: true })).status).toBe(200);
    expect(await footprint()).toEqual(before);
  });
});

describe('applying a retried delivery once', () => {
  it('when the same slash command arrives again with x-slack-retry-num, then it is applied once', async () => {
    const student = bed.newStudent();
    const first = await bed.command('add Jane Doe at Figma', { user: student, triggerId: 'trigger.retry.1' });
    const retry = await bed.command('add Jane Doe at Figma', {
      user: student,
      triggerId: 'trigger.retry.1',
      retryNum: 1,
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(await contactsOf(student)).toHaveLength(1);
    expect(bed.slack.responsesTo(first.responseId)).toHaveLength(1);
    expect(bed.slack.responsesTo(retry.responseId)).toHaveLength(0);
  });

  it('when the original and its retry race each other, then still only one applies', async () => {
    const student = bed.newStudent();
    await Promise.all([
      bed.command('add Race Winner', { user: student, triggerId: 'trigger.race' }),
      bed.command('add Race Winner', { user: student, triggerId: 'trigger.race', retryNum: 1 }),
    ]);
    expect(await contactsOf(student)).toHaveLength(1);
  });

  it('when an App Home event is delivered twice, then Home is published once', async () => {
    const student = bed.newStudent();
    await bed.homeOpened(student, { eventId: 'Ev-retry-1' });
    await bed.homeOpened(student, { eventId: 'Ev-retry-1', retryNum: 1 });
    expect(bed.slack.callsTo('views.publish').filter((c) => c.body.user_id === student.id)).toHaveLength(1);
  });

  it('when a button click is delivered twice, then it is applied once', async () => {
    const student = bed.newStudent();
    await bed.command('add Jane Doe', { user: student });
    const card = bed.replyTo(await bed.command('show jane', { user: student }));
    const advance = buttonsIn(card).find((b) => b.action_id === 'contact_advance')!;
    await bed.click(student, advance, { ephemeral: true }, { actionTs: '1795000000.000001' });
    const retry = await bed.click(
      student,
      advance,
      { ephemeral: true },
      { actionTs: '1795000000.000001', retryNum: 1 },
    );
    expect(bed.slack.responsesTo(retry.responseId)).toHaveLength(0);
    const actor = await bed.rapport.identify({
      platform: 'slack',
      spaceExternalId: TEAM.id,
      externalUserId: student.id,
      displayName: student.name,
    });
    const [jane] = await contactsOf(student);
    const stages = await bed.db.store.transaction((repos) => repos.timeline.listForContact(jane!.id));
    expect(stages.filter((e) => e.kind === 'stage')).toHaveLength(1);
    expect(actor.personId).toBeTruthy();
  });
});

/** What people may type to try to ping everyone, link somewhere or restyle the bot's words. */
const CORPUS = [
  '<!channel>',
  '<!here>',
  '<!subteam^S123>',
  '<@U999>',
  '<#C123|general>',
  '<https://evil.example|click me>',
  '*bold*',
  '`code`',
  '~strike~',
  '_italic_',
  '@channel @here',
  '&lt;!channel&gt;',
];

/** Every mrkdwn text object in a payload. */
function mrkdwnObjects(
  value: unknown,
  out: { text: string; verbatim?: boolean }[] = [],
): { text: string; verbatim?: boolean }[] {
  if (Array.isArray(value)) for (const item of value) mrkdwnObjects(item, out);
  else if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (v.type === 'mrkdwn' && typeof v.text === 'string')
      out.push({ text: v.text, verbatim: v.verbatim as boolean | undefined });
    for (const child of Object.values(v)) mrkdwnObjects(child, out);
  }
  return out;
}

describe('mention and markup injection', () => {
  it('when names, notes and questions hold mentions, links and markup, then no outgoing payload carries them live', async () => {
    const student = bed.newStudent();
    const callsBefore = bed.slack.calls.length;
    const responsesBefore = bed.slack.responses.length;
    for (const [i, typed] of CORPUS.entries()) {
      // Quotes keep the whole payload the name; Slack escapes &, < and > on the way in.
      await bed.command(`add "Evil ${i} ${typed.replace(/"/g, '')}" at Acme`, { user: student });
      await bed.command(`note #${i + 1} remember ${typed}`, { user: student });
      await bed.command(`ask #${i + 1} What about ${typed}?`, { user: student });
      await bed.command(`show #${i + 1}`, { user: student });
      await bed.command(`questions #${i + 1}`, { user: student });
      await bed.command(`draft outreach #${i + 1}`, { user: student });
    }
    await bed.command('list', { user: student });
    await bed.homeOpened(student);

    const stored = (await contactsOf(student)).map((c) => c.name);
    expect(stored).toContain('Evil 0 <!channel>');
    expect(stored).toContain('Evil 11 &lt;!channel&gt;');

    const outgoing = [
      ...bed.slack.responses.slice(responsesBefore).map((r) => r.body),
      ...bed.slack.calls.slice(callsBefore).map((c) => c.body),
    ];
    const texts = outgoing.map(payloadText).join('\n');
    expect(texts).toContain('Evil 0');
    // The notes and questions were kept and shown back, so they were really put to the test.
    expect(texts).toContain('remember &lt;!channel&gt;');
    expect(texts).toContain('What about &lt;@U999&gt;?');
    // Nothing Slack would read as a control sequence: no raw angle bracket anywhere.
    expect(texts).not.toMatch(/[<>]/);
    for (const live of ['*bold*', '`code`', '~strike~', '_italic_']) expect(texts).not.toContain(live);
    expect(texts).toContain('&lt;!channel&gt;');
    expect(texts).toContain('\u2217bold\u2217');
    // The typed entity is shown as typed, not turned into a broadcast.
    expect(texts).toContain('&amp;lt;!channel&amp;gt;');
    // Slack's own pre-processing (bare @here, #channel, URLs) is off on every mrkdwn object.
    const objects = outgoing.flatMap((payload) => mrkdwnObjects(payload));
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.filter((o) => o.verbatim !== true)).toEqual([]);
  }, 60_000);
});

describe('what reaches the log', () => {
  it('when the database fails mid-request, then the person gets an apology and the log holds neither their text nor a secret', async () => {
    const student = bed.newStudent();
    await bed.command('add Jane Doe', { user: student });
    await bed.command('note jane the-secret-phrase-4471', { user: student });
    await bed.db.close();
    const result = await bed.command('note jane another-secret-phrase-9920', { user: student });
    expect(result.status).toBe(200);
    expect(payloadText(bed.replyTo(result))).toContain('Sorry, something went wrong');
    const log = bed.logLines.join('');
    expect(log).toContain('A Slack request failed');
    for (const secret of ['the-secret-phrase-4471', 'another-secret-phrase-9920', BOT_TOKEN, SIGNING_SECRET])
      expect(log).not.toContain(secret);
  });
});
