/**
 * Everything an end-to-end Slack test drives: a real database (PGlite in memory, or PostgreSQL
 * when DATABASE_URL is set), the real core, the shared HTTP server on 127.0.0.1, the real Bolt
 * App behind our receiver, and the fake Slack Web API it talks to. Requests are signed like
 * Slack signs them; the clock is fixed and moved by hand.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createHttpServer, type HttpServer } from '../../../src/bot/http/httpServer.js';
import { PLATFORM_REFERENCES } from '../../../src/bot/references.js';
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
} from '../../../src/bot/slack/slackAdapter.js';
import { createSlackChannelDirectory } from '../../../src/bot/slack/slackChannels.js';
import type { RapportApi } from '../../../src/core/api.js';
import { Rapport } from '../../../src/core/rapport.js';
import { slackDeliveryLog } from '../../../src/db/deliveryLog.js';
import { type FakeSlack, signSlackRequest, startFakeSlack } from '../../support/fakeSlack.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-bot-token-do-not-log';
export const TEAM = { id: 'T0TEAM', domain: 'state-u' } as const;
/** A Monday afternoon in Chicago. */
export const START = new Date('2026-11-16T20:00:00.000Z');

export interface Student {
  id: string;
  name: string;
}

export interface PostResult {
  status: number;
  body: string;
}

export interface CommandOptions {
  user?: Student;
  /** Sends `text` as given, without Slack's escaping of `&`, `<`, `>`. */
  raw?: boolean;
  retryNum?: number;
  triggerId?: string;
  /** Seconds since the epoch for the signature header (default: the clock's now). */
  timestamp?: number;
  secret?: string;
  contentType?: string;
  /** Returns with the ack, without waiting for the work after it. */
  ackOnly?: boolean;
}

export interface CommandResult extends PostResult {
  /** The response_url id the command carried: `slack.responsesTo(responseId)`. */
  responseId: string;
  triggerId: string;
}

/** Slack's escaping of what people type in a slash command. */
export const slackEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A pino logger whose lines go to `lines` (tests read what was logged). */
export function linesLogger(lines: string[]) {
  return pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
}

/**
 * The real core as both Slack beds run it: UTC, the bed's clock, UCOORD as first coordinator,
 * channels looked up with the real `conversations.info` on the fake Slack.
 */
export function bedRapport(
  db: TestDatabase,
  now: () => Date,
  logger: ReturnType<typeof linesLogger>,
  slack: FakeSlack,
): Rapport {
  return new Rapport({
    references: PLATFORM_REFERENCES,
    store: db.store,
    clock: { now },
    timezone: 'UTC',
    coordinators: [{ platform: 'slack', spaceId: TEAM.id, userId: 'UCOORD' }],
    logger,
    channels: createSlackChannelDirectory({ botToken: BOT_TOKEN, apiUrl: slack.apiUrl, logger }),
  });
}

/** Fresh Slack user ids and other ids, unique within one bed. */
export class BedIds {
  private sequence = 0;

  student(name = 'maria'): Student {
    this.sequence += 1;
    return { id: `U${String(this.sequence).padStart(4, '0')}${name.toUpperCase().slice(0, 4)}`, name };
  }

  next(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${this.sequence}`;
  }
}

export interface SlackBedOptions {
  /** Wraps the real core as the adapter sees it (to watch or hold its calls). */
  api?: (real: Rapport) => RapportApi;
  adapter?: Partial<Pick<SlackAdapterOptions, 'concurrency' | 'queue'>>;
}

export class SlackTestBed {
  private readonly ids = new BedIds();
  readonly logLines: string[] = [];

  private constructor(
    readonly slack: FakeSlack,
    readonly db: TestDatabase,
    readonly rapport: Rapport,
    readonly http: HttpServer,
    readonly adapter: SlackAdapter,
    readonly url: string,
    private readonly clock: { now: Date },
    logLines: string[],
  ) {
    this.logLines = logLines;
  }

  static async start(options: SlackBedOptions = {}): Promise<SlackTestBed> {
    const clock = { now: START };
    const logLines: string[] = [];
    const logger = linesLogger(logLines);
    const [slack, db] = await Promise.all([startFakeSlack({ teamId: TEAM.id }), openTestDatabase()]);
    const rapport = bedRapport(db, () => clock.now, logger, slack);
    const http = createHttpServer({ health: () => db.ping(), logger });
    const adapter = createSlackAdapter({
      ...options.adapter,
      api: options.api ? options.api(rapport) : rapport,
      slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, socketMode: false },
      http,
      firstDelivery: slackDeliveryLog(db.db),
      logger,
      now: () => clock.now.getTime(),
    });
    await adapter.start();
    const port = await http.listen(0, '127.0.0.1');
    return new SlackTestBed(
      slack,
      db,
      rapport,
      http,
      adapter,
      `http://127.0.0.1:${port}/slack/events`,
      clock,
      logLines,
    );
  }

  async close(): Promise<void> {
    await this.adapter.stop();
    await this.http.close();
    // A test may have closed the database already to simulate an outage.
    await Promise.all([this.slack.close(), this.db.close().catch(() => {})]);
  }

  get now(): Date {
    return this.clock.now;
  }

  /** Moves the clock (core's and the signature check's) forward. */
  advance(ms: number): void {
    this.clock.now = new Date(this.clock.now.getTime() + ms);
  }

  /** A Slack user seen for the first time in this test. */
  newStudent(name = 'maria'): Student {
    return this.ids.student(name);
  }

  nextId(prefix: string): string {
    return this.ids.next(prefix);
  }

  /** Posts a raw body, signed unless told otherwise, and waits for the whole request to be handled. */
  async post(
    body: string,
    options: {
      contentType?: string;
      timestamp?: number;
      secret?: string;
      headers?: Record<string, string>;
      unsigned?: boolean;
      /** Returns with the response, without waiting for the work after the ack. */
      ackOnly?: boolean;
    } = {},
  ): Promise<PostResult> {
    const timestamp = options.timestamp ?? Math.floor(this.clock.now.getTime() / 1000);
    const signature = options.unsigned
      ? {}
      : signSlackRequest(body, options.secret ?? SIGNING_SECRET, timestamp);
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
        ...signature,
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    if (!options.ackOnly) await this.adapter.idle();
    return { status: response.status, body: text };
  }

  /** `/rapport <text>` from a student, as Slack delivers it. */
  async command(text: string, options: CommandOptions = {}): Promise<CommandResult> {
    const user = options.user ?? { id: 'U0DEFAULT', name: 'student' };
    const responseId = this.nextId('cmd');
    const triggerId = options.triggerId ?? this.nextId('trigger.');
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: user.id,
      user_name: user.name,
      command: '/rapport',
      text: options.raw ? text : slackEscape(text),
      api_app_id: 'A0RAPPORT',
      is_enterprise_install: 'false',
      response_url: this.slack.responseUrl(responseId),
      trigger_id: triggerId,
    });
    const result = await this.post(form.toString(), {
      ...(options.contentType ? { contentType: options.contentType } : {}),
      ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
      ...(options.secret ? { secret: options.secret } : {}),
      ...(options.ackOnly ? { ackOnly: true } : {}),
      headers:
        options.retryNum !== undefined
          ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
          : {},
    });
    return { ...result, responseId, triggerId };
  }

  /** The ephemeral reply a command posted to its response_url. */
  replyTo(result: CommandResult): Record<string, unknown> {
    const responses = this.slack.responsesTo(result.responseId);
    if (responses.length !== 1)
      throw new Error(`expected one response to ${result.responseId}, saw ${responses.length}`);
    return responses[0]!.body;
  }

  /** The mrkdwn and plain text of a reply's blocks and fallback, one string to search. */
  replyText(result: CommandResult): string {
    return payloadText(this.replyTo(result));
  }

  /** An interactive payload (`payload=<json>`), as Slack posts button clicks and submissions. */
  async interact(payload: Record<string, unknown>, options: { retryNum?: number } = {}): Promise<PostResult> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(
      body,
      options.retryNum !== undefined ? { headers: { 'x-slack-retry-num': String(options.retryNum) } } : {},
    );
  }

  /** A button click on a message (ephemeral, or a DM when `message_ts` is given). */
  async click(
    user: Student,
    button: { action_id: string; value: string },
    where: { ephemeral: true } | { channelId: string; messageTs: string } | { view: Record<string, unknown> },
    options: { actionTs?: string; retryNum?: number } = {},
  ): Promise<PostResult & { responseId: string }> {
    const responseId = this.nextId('act');
    const container =
      'view' in where
        ? { type: 'view', view_id: where.view.id }
        : 'ephemeral' in where
          ? { type: 'message', message_ts: '1700000000.000001', channel_id: 'C0GENERAL', is_ephemeral: true }
          : {
              type: 'message',
              message_ts: where.messageTs,
              channel_id: where.channelId,
              is_ephemeral: false,
            };
    const result = await this.interact(
      {
        type: 'block_actions',
        team: { id: TEAM.id, domain: TEAM.domain },
        user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
        api_app_id: 'A0RAPPORT',
        token: 'legacy-verification-token',
        container,
        trigger_id: this.nextId('trigger.'),
        ...('view' in where ? { view: where.view } : { channel: { id: 'C0GENERAL', name: 'general' } }),
        response_url: this.slack.responseUrl(responseId),
        actions: [
          {
            type: 'button',
            action_id: button.action_id,
            block_id: 'b1',
            value: button.value,
            text: { type: 'plain_text', text: 'x' },
            action_ts:
              options.actionTs ?? `${Math.floor(this.clock.now.getTime() / 1000)}.${this.nextId('')}`,
          },
        ],
      },
      options.retryNum !== undefined ? { retryNum: options.retryNum } : {},
    );
    return { ...result, responseId };
  }

  /** A modal submission with the given input values (`{ block: value }`; selects by `select:`). */
  async submitView(
    user: Student,
    view: { callback_id: string; private_metadata?: string; id?: string },
    values: Record<string, string | undefined>,
    selects: Record<string, string | undefined> = {},
  ): Promise<PostResult> {
    const state: Record<string, Record<string, unknown>> = {};
    for (const [block, value] of Object.entries(values))
      state[block] = { value: { type: 'plain_text_input', value: value ?? null } };
    for (const [block, value] of Object.entries(selects)) {
      state[block] = {
        value: {
          type: 'static_select',
          selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null,
        },
      };
    }
    return this.interact({
      type: 'view_submission',
      team: { id: TEAM.id, domain: TEAM.domain },
      user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
      api_app_id: 'A0RAPPORT',
      token: 'legacy-verification-token',
      trigger_id: this.nextId('trigger.'),
      view: {
        id: view.id ?? this.nextId('V'),
        team_id: TEAM.id,
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata ?? '',
        hash: 'h1',
        title: { type: 'plain_text', text: 'x' },
        blocks: [],
        state: { values: state },
      },
    });
  }

  /** An Events API delivery of `app_home_opened`. */
  async homeOpened(
    user: Student,
    options: { eventId?: string; retryNum?: number } = {},
  ): Promise<PostResult> {
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: TEAM.id,
      api_app_id: 'A0RAPPORT',
      type: 'event_callback',
      event_id: options.eventId ?? this.nextId('Ev'),
      event_time: Math.floor(this.clock.now.getTime() / 1000),
      authorizations: [{ team_id: TEAM.id, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
      event: {
        type: 'app_home_opened',
        user: user.id,
        channel: `D${user.id}`,
        tab: 'home',
        event_ts: '1700000000.000100',
      },
    });
    return this.post(body, {
      contentType: 'application/json',
      ...(options.retryNum !== undefined
        ? {
            headers: {
              'x-slack-retry-num': String(options.retryNum),
              'x-slack-retry-reason': 'http_timeout',
            },
          }
        : {}),
    });
  }
}

type Json = unknown;

/** Every `text` string inside a payload (blocks, fields, context, fallback), joined by newlines. */
export function payloadText(payload: Json): string {
  const out: string[] = [];
  const walk = (value: Json, key?: string) => {
    if (typeof value === 'string') {
      if (key === 'text') out.push(value);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(payload);
  return out.join('\n');
}

/** All buttons in a payload's blocks. */
export function buttonsIn(payload: Json): { action_id: string; value: string; text: string }[] {
  const out: { action_id: string; value: string; text: string }[] = [];
  const walk = (value: Json) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (v.type === 'button' && typeof v.action_id === 'string') {
        out.push({
          action_id: v.action_id,
          value: String(v.value ?? ''),
          text: String((v.text as { text?: string })?.text ?? ''),
        });
      }
      for (const child of Object.values(v)) walk(child);
    }
  };
  walk(payload);
  return out;
}
