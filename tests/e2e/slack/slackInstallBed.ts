/**
 * The Add to Slack install end to end: a real database, the real core, the shared HTTP server on
 * 127.0.0.1 with `/slack/install`, `/slack/oauth_redirect` and `/slack/events`, the real Bolt App
 * authorizing each request from the database, and the fake Slack (which also plays Slack's
 * authorize page through `grantInstall`). The clock is fixed and moved by hand.
 */
import { randomBytes } from 'node:crypto';
import { createHttpServer, type HttpServer } from '../../../src/bot/http/httpServer.js';
import { PLATFORM_REFERENCES } from '../../../src/bot/references.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bot/slack/slackAdapter.js';
import { createSlackInstall, type SlackInstall, tokensOf } from '../../../src/bot/slack/slackInstall.js';
import { createSlackNotifier } from '../../../src/bot/slack/slackNotifier.js';
import type { SlackOAuthConfig } from '../../../src/configSlackOAuth.js';
import type { Notifier } from '../../../src/core/notifier.js';
import { Rapport } from '../../../src/core/rapport.js';
import { slackDeliveryLog } from '../../../src/db/deliveryLog.js';
import { leavingRepository } from '../../../src/db/repos/leavingRepository.js';
import { parseEncryptionKey } from '../../../src/db/secretBox.js';
import {
  type FakeSlack,
  type FakeSlackInstall,
  signSlackRequest,
  startFakeSlack,
} from '../../support/fakeSlack.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import { linesLogger, SIGNING_SECRET, START, slackEscape } from './slackTestBed.js';

export const STATE_COOKIE = 'slack-app-oauth-state';

/** A fresh 32-byte key, as `openssl rand -base64 32` makes. */
export const newKeyText = () => randomBytes(32).toString('base64');

export interface CallbackResult {
  status: number;
  body: string;
}

export class SlackInstallBed {
  readonly logLines: string[] = [];
  private sequence = 0;

  private constructor(
    readonly slack: FakeSlack,
    readonly db: TestDatabase,
    readonly http: HttpServer,
    readonly adapter: SlackAdapter,
    readonly install: SlackInstall,
    readonly notifier: Notifier,
    readonly base: string,
    readonly clock: { now: Date },
    logLines: string[],
  ) {
    this.logLines = logLines;
  }

  static async start(options: { keys?: string[] } = {}): Promise<SlackInstallBed> {
    const clock = { now: START };
    const logLines: string[] = [];
    const logger = linesLogger(logLines);
    const [slack, db] = await Promise.all([startFakeSlack(), openTestDatabase()]);
    const keys = (options.keys ?? [newKeyText()]).map((text) => parseEncryptionKey(text));
    const oauth: SlackOAuthConfig = {
      clientId: '111.222',
      clientSecret: 'client-secret-do-not-log',
      stateSecret: 'state-secret-0123456789abcdef',
      signingSecret: SIGNING_SECRET,
      apiUrl: slack.apiUrl,
      encryptionKeys: keys.map((key) => {
        if (typeof key === 'string') throw new Error(key);
        return key;
      }),
    };
    const install = createSlackInstall({ oauth, db: db.db, timezone: 'UTC', logger });
    const rapport = new Rapport({
      references: PLATFORM_REFERENCES,
      store: db.store,
      clock: { now: () => clock.now },
      timezone: 'UTC',
      coordinators: [],
      logger,
    });
    const http = createHttpServer({ health: () => db.ping(), logger });
    const adapter = createSlackAdapter({
      api: rapport,
      slack: { botToken: '', signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, socketMode: false },
      http,
      firstDelivery: slackDeliveryLog(db.db),
      logger,
      now: () => clock.now.getTime(),
      install,
      leaving: leavingRepository(db.db),
    });
    await adapter.start();
    const port = await http.listen(0, '127.0.0.1');
    const notifier = createSlackNotifier({ tokenFor: tokensOf(install), apiUrl: slack.apiUrl, logger });
    return new SlackInstallBed(
      slack,
      db,
      http,
      adapter,
      install,
      notifier,
      `http://127.0.0.1:${port}`,
      clock,
      logLines,
    );
  }

  async close(): Promise<void> {
    await this.adapter.stop();
    await this.http.close();
    await Promise.all([this.slack.close(), this.db.close().catch(() => {})]);
  }

  /** Opens the install page: its status, the state in its Add to Slack link, and the state cookie. */
  async openInstallPage(): Promise<{ status: number; state: string; cookie: string; html: string }> {
    const response = await fetch(`${this.base}/slack/install`);
    const html = await response.text();
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const link = /href="(https:\/\/slack.com[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const state = link ? (new URL(link).searchParams.get('state') ?? '') : '';
    return { status: response.status, state, cookie, html };
  }

  /** DMs a user through the worker's Notifier; resolves with the token the post carried. */
  async dmToken(teamId: string, userId: string): Promise<string | undefined> {
    const to = {
      personId: 'p',
      platform: 'slack',
      spaceExternalId: teamId,
      externalUserId: userId,
      dmChannelId: null,
    } as const;
    const sent = await this.notifier.send(
      to,
      { blocks: [{ type: 'header', text: 'Hello' }] },
      `key-${teamId}`,
    );
    if (sent.status !== 'sent') return undefined;
    return this.slack.callsTo('chat.postMessage').at(-1)?.token;
  }

  /** Slack sends the installer back with `query` (code and state, or an error). */
  async callback(query: Record<string, string>, cookie?: string): Promise<CallbackResult> {
    const response = await fetch(`${this.base}/slack/oauth_redirect?${new URLSearchParams(query)}`, {
      headers: cookie ? { cookie } : {},
    });
    return { status: response.status, body: await response.text() };
  }

  /** The whole Add to Slack dance for one workspace (or enterprise); returns its bot token. */
  async installWorkspace(install: FakeSlackInstall): Promise<string> {
    this.sequence += 1;
    const code = `code-${this.sequence}`;
    const token = this.slack.grantInstall(code, install);
    const { state, cookie } = await this.openInstallPage();
    const result = await this.callback({ code, state }, cookie);
    if (result.status !== 200) throw new Error(`install failed: ${result.status} ${result.body}`);
    return token;
  }

  /** `/rapport <text>` from a user of a workspace, signed as Slack signs; resolves with the reply. */
  async command(
    teamId: string,
    userId: string,
    text: string,
    enterpriseId?: string,
    orgWide = false,
  ): Promise<{ status: number; reply: Record<string, unknown> | undefined }> {
    this.sequence += 1;
    const responseId = `r${this.sequence}`;
    const form = new URLSearchParams({
      team_id: teamId,
      team_domain: teamId.toLowerCase(),
      ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
      channel_id: 'C0GENERAL',
      user_id: userId,
      user_name: userId.toLowerCase(),
      command: '/rapport',
      text: slackEscape(text),
      api_app_id: 'A0RAPPORT',
      // Slack marks every request to an org-wide install this way, whichever workspace it comes from.
      is_enterprise_install: String(orgWide),
      response_url: this.slack.responseUrl(responseId),
      trigger_id: `trigger.${this.sequence}`,
    }).toString();
    const response = await fetch(`${this.base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest(form, SIGNING_SECRET, Math.floor(this.clock.now.getTime() / 1000)),
      },
      body: form,
    });
    await response.text();
    await this.adapter.idle();
    return { status: response.status, reply: this.slack.responsesTo(responseId)[0]?.body };
  }
}

/** The text of a reply, blocks included, for matching. */
export const replyText = (reply: Record<string, unknown> | undefined): string => JSON.stringify(reply ?? {});
