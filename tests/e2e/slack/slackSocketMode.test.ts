/**
 * Slack over Socket Mode, end to end: the real adapter with an app-level token (Bolt's
 * SocketModeReceiver and @slack/socket-mode's client) against the fake Slack's WebSocket on
 * 127.0.0.1, the real core on a real database, and no HTTP server at all. Every request arrives
 * as an envelope and must be acknowledged on the socket with its envelope_id; the answers travel
 * the same ways as over HTTP (response_url, Web API).
 *
 * The client waits `clientPingTimeout` (5 s by default) before it reconnects, so the two
 * reconnection tests take about five seconds each; they wait on the fake's events, never a sleep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, SlackSocketBed } from './slackSocketBed.js';
import { BOT_TOKEN, buttonsIn, payloadText, START } from './slackTestBed.js';

/** A guard against a hang, far above the client's 5 s reconnection delay; never a pacing wait. */
const RECONNECT_TIMEOUT_MS = 20_000;
const DAY_MS = 24 * 60 * 60 * 1000;

let bed: SlackSocketBed;

beforeAll(async () => {
  bed = await SlackSocketBed.start();
}, 60_000);

afterAll(async () => {
  await bed?.close();
});

describe('starting in Socket Mode', () => {
  it('when the adapter starts with an app token, then it opens a connection with that token and is connected without any HTTP route', async () => {
    // createSlackAdapter got `http: undefined`: the socket is the only way in.
    const opens = bed.slack.callsTo('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]!.token).toBe(APP_TOKEN);
    // The bot token still makes the Web API calls (auth.test at start), never the app token.
    expect(bed.slack.callsTo('auth.test')[0]?.token).toBe(BOT_TOKEN);
    expect(
      bed.slack.calls.filter((c) => c.method !== 'apps.connections.open').map((c) => c.token),
    ).not.toContain(APP_TOKEN);
    const connection = await bed.slack.socketConnected();
    expect(bed.slack.socketConnections).toHaveLength(1);
    expect(connection).toMatchObject({ number: 1, state: 'open', greeted: true });
  });

  it('when Slack refuses the app token, then start fails with a sentence naming SLACK_APP_TOKEN instead of waiting', async () => {
    const refused = await SlackSocketBed.start({ start: false });
    try {
      refused.slack.failAlways('apps.connections.open', { error: 'invalid_auth' });
      await expect(refused.adapter.start()).rejects.toThrow(
        'Slack did not accept SLACK_APP_TOKEN (apps.connections.open failed: invalid_auth).',
      );
      expect(refused.slack.callsTo('apps.connections.open')).toHaveLength(1);
      expect(refused.slack.socketConnections).toHaveLength(0);
    } finally {
      await refused.close();
    }
  });
});

describe('/rapport over the socket', () => {
  it('when a student adds a contact, then the envelope is acked by its id, the reply reaches the response_url, and list shows the contact', async () => {
    const student = bed.newStudent();
    const added = await bed.command('add Jane Doe at Figma', { user: student });
    // An empty ack: Slack shows nothing from it; the reply comes through the response_url.
    expect(added.ack).toEqual({ envelope_id: added.envelopeId, payload: {} });
    const reply = bed.replyTo(added);
    expect(reply.response_type).toBe('ephemeral');
    expect(payloadText(reply)).toContain('Added #1 Jane Doe at Figma');

    const listed = await bed.command('list', { user: student });
    expect(listed.ack.envelope_id).toBe(listed.envelopeId);
    expect(bed.replyText(listed)).toContain('Jane Doe');
    const contacts = await bed.contactsOf(student);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ number: 1, name: 'Jane Doe', company: 'Figma', stage: 'identified' });
  });

  it("when the typed text holds &, < or >, then it is decoded from Slack's escaping as over HTTP", async () => {
    const student = bed.newStudent();
    await bed.command('add Ana Ruiz at AT&T', { user: student });
    const [ana] = await bed.contactsOf(student);
    expect(ana).toMatchObject({ name: 'Ana Ruiz', company: 'AT&T' });
  });

  it('when a student types /rapport add alone, then the add modal opens through views.open and nothing is posted', async () => {
    const student = bed.newStudent();
    const result = await bed.command('add', { user: student });
    expect(result.ack.envelope_id).toBe(result.envelopeId);
    const open = bed.slack.callsTo('views.open').find((c) => c.body.trigger_id === result.triggerId);
    expect(open?.token).toBe(BOT_TOKEN);
    expect(open?.body.view).toMatchObject({ type: 'modal', callback_id: 'rapport_add' });
    expect(bed.slack.responsesTo(result.responseId)).toHaveLength(0);
  });

  it('when Slack redelivers a command envelope with retry_attempt 1, then it is acked again but applied once', async () => {
    const student = bed.newStudent();
    const first = await bed.command('add Rita Moreno at Canva', {
      user: student,
      triggerId: 'trigger.sm-retry',
    });
    const again = await bed.command('add Rita Moreno at Canva', {
      user: student,
      triggerId: 'trigger.sm-retry',
      retryAttempt: 1,
    });
    // Acked, or Slack would keep redelivering it.
    expect(again.ack.envelope_id).toBe(again.envelopeId);
    expect(await bed.contactsOf(student)).toHaveLength(1);
    expect(bed.slack.responsesTo(first.responseId)).toHaveLength(1);
    expect(bed.slack.responsesTo(again.responseId)).toHaveLength(0);
    // The envelope's retry_attempt reached Bolt's context as retryNum.
    const skipped = bed.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find(
        (line) => line.msg === 'Skipped a delivery that was already applied' && line.surface === 'command',
      );
    expect(skipped?.retryNum).toBe(1);
  });
});

describe('interactivity over the socket', () => {
  it('when Snooze 2 days is clicked on a contact card, then the interactive envelope is acked and the card is replaced by the result', async () => {
    const student = bed.newStudent();
    await bed.command('add Jane Doe at Figma', { user: student });
    await bed.command('reached jane', { user: student });
    const card = bed.replyTo(await bed.command('show jane', { user: student }));
    const snooze = buttonsIn(card).find((b) => b.action_id === 'contact_snooze');
    expect(snooze).toBeDefined();

    const click = await bed.click(student, snooze!);
    expect(click.ack).toEqual({ envelope_id: click.envelopeId, payload: {} });
    const [update] = bed.slack.responsesTo(click.responseId);
    expect(update?.body).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    // The follow-up falls due after two days, so core says nothing needed moving; the snooze
    // still holds on the contact and is on its timeline.
    expect(payloadText(update?.body)).toMatch(/Jane Doe.*nothing to snooze/);
    const [jane] = await bed.contactsOf(student);
    expect(jane?.snoozedUntil?.getTime()).toBe(START.getTime() + 2 * DAY_MS);
    const timeline = await bed.db.store.transaction((repos) => repos.timeline.listForContact(jane!.id));
    expect(timeline.map((entry) => entry.kind)).toContain('snooze');
  });

  it("when the add modal is submitted without a name, then the field error travels back in the ack's payload", async () => {
    const student = bed.newStudent();
    const result = await bed.deliver('interactive', {
      type: 'view_submission',
      team: { id: 'T0TEAM', domain: 'state-u' },
      user: { id: student.id, username: student.name, name: student.name, team_id: 'T0TEAM' },
      api_app_id: 'A0RAPPORT',
      token: 'legacy-verification-token',
      trigger_id: bed.nextId('trigger.'),
      view: {
        id: bed.nextId('V'),
        team_id: 'T0TEAM',
        type: 'modal',
        callback_id: 'rapport_add',
        private_metadata: '',
        hash: 'h1',
        title: { type: 'plain_text', text: 'x' },
        blocks: [],
        state: { values: { name: { value: { type: 'plain_text_input', value: '  ' } } } },
      },
    });
    expect(result.ack).toEqual({
      envelope_id: result.envelopeId,
      payload: { response_action: 'errors', errors: { name: expect.any(String) } },
    });
    expect(await bed.contactsOf(student)).toEqual([]);
  });

  it('when a student opens the Home tab, then the events_api envelope is acked and their pipeline is published', async () => {
    const student = bed.newStudent();
    await bed.command('add Jane Doe at Figma', { user: student });
    const opened = await bed.homeOpened(student);
    expect(opened.ack.envelope_id).toBe(opened.envelopeId);
    const publish = await bed.slack.waitFor('views.publish', (c) => c.body.user_id === student.id);
    expect(publish.token).toBe(BOT_TOKEN);
    expect(publish.body.view).toMatchObject({ type: 'home' });
    expect(payloadText(publish.body.view)).toContain('Jane Doe');
  });
});

describe('keeping the connection', () => {
  /** Breaks the newest connection, waits for the next one, and checks it was opened afresh. */
  async function reconnectAfter(how: 'refresh_requested' | 'drop', expectedCloseCode: number): Promise<void> {
    const opensBefore = bed.slack.callsTo('apps.connections.open').length;
    const connectionsBefore = bed.slack.socketConnections.length;
    const old = await bed.slack.disconnectSocket(how);
    expect(old.closeCode).toBe(expectedCloseCode);

    const fresh = await bed.slack.socketConnected(connectionsBefore + 1, RECONNECT_TIMEOUT_MS);
    // A new URL each time: the client called apps.connections.open again, with the app token.
    const opens = bed.slack.callsTo('apps.connections.open');
    expect(opens).toHaveLength(opensBefore + 1);
    expect(opens.at(-1)?.token).toBe(APP_TOKEN);
    expect(fresh.ticket).not.toBe(old.ticket);
    expect(fresh.state).toBe('open');
  }

  it('when Slack asks for a refresh, then the client closes cleanly, reconnects with a new URL, and the next command works', async () => {
    await reconnectAfter('refresh_requested', 1000);
    const student = bed.newStudent();
    const added = await bed.command('add Lee Park at Notion', { user: student });
    expect(added.ack.envelope_id).toBe(added.envelopeId);
    expect(bed.replyText(added)).toContain('Added #1 Lee Park at Notion');
    expect(await bed.contactsOf(student)).toHaveLength(1);
  }, 30_000);

  it('when the connection drops without a close frame, then the client reconnects and the next command works', async () => {
    await reconnectAfter('drop', 1006);
    const student = bed.newStudent();
    await bed.command('add Sam Diaz at Stripe', { user: student });
    const listed = await bed.command('list', { user: student });
    expect(listed.ack.envelope_id).toBe(listed.envelopeId);
    expect(bed.replyText(listed)).toContain('Sam Diaz');
  }, 30_000);
});

describe('stopping', () => {
  it('when the adapter stops, then it resolves once the socket has closed with 1000 and opens no new one', async () => {
    const connection = bed.slack.socketConnections.at(-1)!;
    expect(connection.state).toBe('open');
    const opens = bed.slack.callsTo('apps.connections.open').length;

    await bed.adapter.stop();
    // stop() waits for the client's `disconnected`, which it emits only once the close handshake is
    // over and only when it will not reconnect; so the fake has had the client's close frame.
    expect(connection.state).not.toBe('open');
    const closed = await bed.slack.socketClosed(connection);
    expect(closed.closeCode).toBe(1000);
    expect(bed.slack.socketConnections.filter((c) => c.state !== 'closed')).toEqual([]);
    expect(bed.slack.callsTo('apps.connections.open')).toHaveLength(opens);
    await expect(bed.slack.sendEnvelope('slash_commands', { command: '/rapport' })).rejects.toThrow(
      'No Socket Mode connection is open',
    );
  });
});
