/**
 * Events API deliveries to a running Rapport, signed as Slack signs them, and a worker pass
 * through the install bed's Notifier at the bed's clock: what the leaving, DM and shortcut tests
 * drive Rapport with.
 */
import { nudgeStep } from '../../../src/bot/worker/nudgeStep.js';
import { runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import { retentionStep } from '../../../src/bot/worker/retentionStep.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { recordingLogger } from '../../support/digestPass.js';
import { signSlackRequest } from '../../support/fakeSlack.js';
import type { SlackInstallBed } from './slackInstallBed.js';
import { SIGNING_SECRET } from './slackTestBed.js';

let sequence = 0;

export interface EventOptions {
  eventId?: string;
  retryNum?: number;
  enterpriseId?: string;
  orgWide?: boolean;
}

/** Posts one `event_callback` for a workspace; resolves with the HTTP status once it is handled. */
export async function sendEvent(
  bed: SlackInstallBed,
  teamId: string,
  event: Record<string, unknown>,
  options: EventOptions = {},
): Promise<number> {
  sequence += 1;
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    ...(options.enterpriseId ? { enterprise_id: options.enterpriseId } : {}),
    api_app_id: 'A0RAPPORT',
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${sequence}`,
    event_time: Math.floor(bed.clock.now.getTime() / 1000),
    is_enterprise_install: options.orgWide === true,
    authorizations: [
      {
        team_id: teamId,
        enterprise_id: options.enterpriseId ?? null,
        user_id: 'UBOT',
        is_bot: true,
        is_enterprise_install: options.orgWide === true,
      },
    ],
    event: { event_ts: `${Math.floor(bed.clock.now.getTime() / 1000)}.000100`, ...event },
  });
  const response = await fetch(`${bed.base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signSlackRequest(body, SIGNING_SECRET, Math.floor(bed.clock.now.getTime() / 1000)),
      ...(options.retryNum !== undefined
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body,
  });
  await response.text();
  await bed.adapter.idle();
  return response.status;
}

/** Moves the bed's clock on by whole days. */
export function laterBy(bed: SlackInstallBed, days: number): void {
  bed.clock.now = new Date(bed.clock.now.getTime() + days * 24 * 60 * 60 * 1000);
}

/**
 * One worker pass (nudges, then retention) at the bed's clock through its Notifier, one send at
 * a time and without pacing waits; resolves with what the worker logged.
 */
export async function workerPass(bed: SlackInstallBed, options: Partial<WorkerOptions> = {}) {
  const logger = recordingLogger();
  const summary = await runPass({
    db: bed.db.db,
    outbox: nudgeOutbox(bed.db.db),
    clock: { now: () => bed.clock.now },
    notifiers: new Map([['slack', bed.notifier]]),
    logger,
    steps: [nudgeStep, retentionStep],
    sleep: async () => {},
    options: {
      concurrency: 1,
      rateLimits: { slack: { perChannelIntervalMs: 0, perSecond: Number.POSITIVE_INFINITY, burst: 1 } },
      ...options,
    },
  });
  return { summary, lines: logger.lines };
}

/** Posts an interactive payload (a shortcut, a view submission) as Slack does: one signed `payload` field. */
export async function sendInteractive(
  bed: SlackInstallBed,
  payload: Record<string, unknown>,
): Promise<number> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const response = await fetch(`${bed.base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(body, SIGNING_SECRET, Math.floor(bed.clock.now.getTime() / 1000)),
    },
    body,
  });
  await response.text();
  await bed.adapter.idle();
  return response.status;
}
