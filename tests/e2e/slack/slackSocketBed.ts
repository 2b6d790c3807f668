/**
 * The Socket Mode twin of `SlackTestBed`: a real database (PGlite, or PostgreSQL when
 * DATABASE_URL is set), the real core, and the real Slack adapter with an app-level token, so Bolt
 * runs its `SocketModeReceiver` against the fake Slack's WebSocket on 127.0.0.1. There is no
 * HTTP server: every request arrives as an envelope on the socket and is acknowledged on it.
 */

import { createSlackAdapter, type SlackAdapter } from '../../../src/bot/slack/slackAdapter.js';
import type { Contact } from '../../../src/core/pipeline/contactPorts.js';
import type { Rapport } from '../../../src/core/rapport.js';
import { slackDeliveryLog } from '../../../src/db/deliveryLog.js';
import {
  type FakeSlack,
  type FakeSlackAck,
  type FakeSlackEnvelopeType,
  startFakeSlack,
} from '../../support/fakeSlack.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import {
  BedIds,
  BOT_TOKEN,
  bedRapport,
  linesLogger,
  payloadText,
  START,
  type Student,
  slackEscape,
  TEAM,
} from './slackTestBed.js';

export const APP_TOKEN = 'xapp-1-A0RAPPORT-1234567890-socket-mode-test-token';
export const APP_ID = 'A0RAPPORT';

export interface EnvelopeResult {
  ack: FakeSlackAck;
  envelopeId: string;
}

export interface SocketCommandResult extends EnvelopeResult {
  /** The response_url id the command carried: `slack.responsesTo(responseId)`. */
  responseId: string;
  triggerId: string;
}

export class SlackSocketBed {
  private readonly ids = new BedIds();

  private constructor(
    readonly slack: FakeSlack,
    readonly db: TestDatabase,
    readonly rapport: Rapport,
    readonly adapter: SlackAdapter,
    readonly logLines: string[],
  ) {}

  /** Everything up to a started adapter (unless `start: false`), connected over Socket Mode. */
  static async start(options: { start?: boolean } = {}): Promise<SlackSocketBed> {
    const logLines: string[] = [];
    const logger = linesLogger(logLines);
    const [slack, db] = await Promise.all([
      startFakeSlack({ teamId: TEAM.id, appId: APP_ID }),
      openTestDatabase(),
    ]);
    const rapport = bedRapport(db, () => START, logger, slack);
    const adapter = createSlackAdapter({
      api: rapport,
      slack: { botToken: BOT_TOKEN, appToken: APP_TOKEN, socketMode: true, apiUrl: slack.apiUrl },
      http: undefined,
      firstDelivery: slackDeliveryLog(db.db),
      logger,
    });
    const bed = new SlackSocketBed(slack, db, rapport, adapter, logLines);
    if (options.start !== false) await adapter.start();
    return bed;
  }

  /** Stops the adapter (a second stop is harmless), then the fake and the database. */
  async close(): Promise<void> {
    await this.adapter.stop();
    await Promise.all([this.slack.close(), this.db.close().catch(() => {})]);
  }

  /** A Slack user seen for the first time in this test. */
  newStudent(name = 'maria'): Student {
    return this.ids.student(name);
  }

  nextId(prefix: string): string {
    return this.ids.next(prefix);
  }

  /** Delivers one envelope, waits for its ack, then for the adapter to finish what it started. */
  async deliver(
    type: FakeSlackEnvelopeType,
    payload: Record<string, unknown>,
    options: { envelopeId?: string; retryAttempt?: number } = {},
  ): Promise<EnvelopeResult> {
    const envelopeId = options.envelopeId ?? this.nextId('env-');
    const ack = await this.slack.sendEnvelope(type, payload, {
      envelopeId,
      ...(options.retryAttempt !== undefined ? { retryAttempt: options.retryAttempt } : {}),
    });
    await this.adapter.idle();
    return { ack, envelopeId };
  }

  /**
   * `/rapport <text>` from a student as a `slash_commands` envelope: the same fields Slack posts
   * as a form over HTTP, with the typed text escaped the same way.
   */
  async command(
    text: string,
    options: { user?: Student; triggerId?: string; retryAttempt?: number } = {},
  ): Promise<SocketCommandResult> {
    const user = options.user ?? { id: 'U0DEFAULT', name: 'student' };
    const responseId = this.nextId('cmd');
    const triggerId = options.triggerId ?? this.nextId('trigger.');
    const result = await this.deliver(
      'slash_commands',
      {
        token: 'legacy-verification-token',
        team_id: TEAM.id,
        team_domain: TEAM.domain,
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: user.id,
        user_name: user.name,
        command: '/rapport',
        text: slackEscape(text),
        api_app_id: APP_ID,
        is_enterprise_install: 'false',
        response_url: this.slack.responseUrl(responseId),
        trigger_id: triggerId,
      },
      options.retryAttempt !== undefined ? { retryAttempt: options.retryAttempt } : {},
    );
    return { ...result, responseId, triggerId };
  }

  /** The one ephemeral reply a command posted to its response_url. */
  replyTo(result: { responseId: string }): Record<string, unknown> {
    const responses = this.slack.responsesTo(result.responseId);
    if (responses.length !== 1)
      throw new Error(`expected one response to ${result.responseId}, saw ${responses.length}`);
    return responses[0]!.body;
  }

  replyText(result: { responseId: string }): string {
    return payloadText(this.replyTo(result));
  }

  /** A button click on an ephemeral message, as an `interactive` block_actions envelope. */
  async click(
    user: Student,
    button: { action_id: string; value: string },
  ): Promise<EnvelopeResult & { responseId: string }> {
    const responseId = this.nextId('act');
    const result = await this.deliver('interactive', {
      type: 'block_actions',
      team: { id: TEAM.id, domain: TEAM.domain },
      user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
      api_app_id: APP_ID,
      token: 'legacy-verification-token',
      container: {
        type: 'message',
        message_ts: '1700000000.000001',
        channel_id: 'C0GENERAL',
        is_ephemeral: true,
      },
      trigger_id: this.nextId('trigger.'),
      channel: { id: 'C0GENERAL', name: 'general' },
      response_url: this.slack.responseUrl(responseId),
      actions: [
        {
          type: 'button',
          action_id: button.action_id,
          block_id: 'b1',
          value: button.value,
          text: { type: 'plain_text', text: 'x' },
          action_ts: `${Math.floor(START.getTime() / 1000)}.${this.nextId('')}`,
        },
      ],
    });
    return { ...result, responseId };
  }

  /** An `events_api` envelope carrying `app_home_opened`. */
  async homeOpened(user: Student, options: { eventId?: string } = {}): Promise<EnvelopeResult> {
    return this.deliver('events_api', {
      token: 'legacy-verification-token',
      team_id: TEAM.id,
      api_app_id: APP_ID,
      type: 'event_callback',
      event_id: options.eventId ?? this.nextId('Ev'),
      event_time: Math.floor(START.getTime() / 1000),
      authorizations: [{ team_id: TEAM.id, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event: {
        type: 'app_home_opened',
        user: user.id,
        channel: `D${user.id}`,
        tab: 'home',
        event_ts: '1700000000.000100',
      },
    });
  }

  /** The student's contacts, read from the database. */
  async contactsOf(student: Student): Promise<Contact[]> {
    const actor = await this.rapport.identify({
      platform: 'slack',
      spaceExternalId: TEAM.id,
      externalUserId: student.id,
      displayName: student.name,
    });
    return this.db.store.transaction((repos) => repos.contacts.listByOwner(actor.personId));
  }
}
