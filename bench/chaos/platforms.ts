/**
 * The loopback fake Slack and Discord of `npm run chaos`, in a process of their own: a worker's
 * SIGKILL never touches them, and they count what landed by idempotency key across every worker
 * that ever ran. Driven over the IPC channel by platformsClient.ts: failures to inject (429
 * storms, 5xx bursts, some after the message landed) and a report of what they saw.
 */
import { FakeDiscord } from '../../tests/support/fakeDiscord.js';
import { type FakeSlackFailure, startFakeSlack } from '../../tests/support/fakeSlack.js';

/** What the parent asks. */
export type PlatformsRequest =
  | { id: number; type: 'slack-fail'; failure: FakeSlackFailure; times: number }
  | {
      id: number;
      type: 'discord-fail';
      status: 429 | 503;
      retryAfterSeconds?: number;
      landed?: boolean;
      times: number;
    }
  | { id: number; type: 'report'; since: number };

/** A 429 window one client was given, and what it sent inside it. */
interface Window {
  token: string;
  answeredAt: number;
  until: number;
}

/** What one platform saw (times are Date.now() milliseconds). */
export interface PlatformReport {
  /** Message posts received, answered any way. */
  attempted: number;
  /** Message posts answered with success. */
  acknowledged: number;
  /** How many messages landed per key (Slack: the metadata key; Discord: the nonce). */
  landed: Record<string, number>;
  /** 429s answered. */
  rateLimited: number;
  /** Posts by a client that arrived inside a Retry-After it had been given (after the grace). */
  insideRetryAfter: number;
  /** The first message that landed at or after `since`, or null. */
  firstLandedAfter: number | null;
}

export interface PlatformsReport {
  slack: PlatformReport & { historyAnswered: number; historyLimited: number };
  discord: PlatformReport;
}

/**
 * A post that reaches the fake this soon after a 429 was answered to the same client was on its
 * way before the client could read the 429 (a busy event loop on a shared machine): not counted.
 */
export const RETRY_AFTER_GRACE_MS = 250;

/** Counts the posts that arrived inside a window given to the same client. */
function insideWindows(posts: readonly { token: string; at: number }[], windows: readonly Window[]): number {
  let count = 0;
  for (const post of posts) {
    if (
      windows.some(
        (w) => w.token === post.token && post.at > w.answeredAt + RETRY_AFTER_GRACE_MS && post.at < w.until,
      )
    )
      count += 1;
  }
  return count;
}

async function main(): Promise<void> {
  const historyPerMinute = Number(process.argv[2] ?? '0');
  const slack = await startFakeSlack(historyPerMinute > 0 ? { historyPerMinute } : {});
  const discord = await FakeDiscord.start();
  const posts = /^\/channels\/\d+\/messages$/;
  const epoch = (performanceMs: number) => performance.timeOrigin + performanceMs;
  // The Retry-After of the Discord 429s injected (one value per run is all the scenarios use).
  let discordRetryAfter = 1;

  const slackReport = (since: number): PlatformsReport['slack'] => {
    const calls = slack.callsTo('chat.postMessage');
    const windows: Window[] = calls.flatMap((call) =>
      call.failure && 'status' in call.failure && call.failure.status === 429
        ? [
            {
              token: call.token ?? '',
              answeredAt: call.at,
              until: call.at + call.failure.retryAfterSeconds * 1000,
            },
          ]
        : [],
    );
    const landed: Record<string, number> = {};
    for (const message of slack.history.all()) {
      if (message.key) landed[message.key] = (landed[message.key] ?? 0) + 1;
    }
    const firstAfter = calls.filter(
      (c) => (!c.failed || (c.failure as { landed?: boolean }).landed) && c.at >= since,
    );
    return {
      attempted: calls.length,
      acknowledged: calls.filter((c) => !c.failed).length,
      landed,
      rateLimited: windows.length,
      insideRetryAfter: insideWindows(
        calls.map((c) => ({ token: c.token ?? '', at: c.at })),
        windows,
      ),
      firstLandedAfter: firstAfter.length > 0 ? Math.min(...firstAfter.map((c) => c.at)) : null,
      historyAnswered: slack.history.calls.answered,
      historyLimited: slack.history.calls.limited,
    };
  };

  const discordReport = (since: number): PlatformReport => {
    const requests = discord.requests.filter((r) => r.method === 'POST' && posts.test(r.path));
    const token = (r: (typeof requests)[number]) => String(r.headers.authorization ?? '');
    const windows: Window[] = requests.flatMap((r) => {
      if (r.status !== 429) return [];
      const seconds = discordRetryAfter;
      const answeredAt = epoch(r.answeredAt ?? r.receivedAt);
      return [{ token: token(r), answeredAt, until: answeredAt + seconds * 1000 }];
    });
    const landed: Record<string, number> = {};
    for (const message of discord.messages) {
      if (message.nonce) landed[message.nonce] = (landed[message.nonce] ?? 0) + 1;
    }
    const after = discord.messages.map((m) => epoch(m.at)).filter((at) => at >= since);
    return {
      attempted: requests.length,
      acknowledged: requests.filter((r) => r.status === 200).length,
      landed,
      rateLimited: windows.length,
      insideRetryAfter: insideWindows(
        requests.map((r) => ({ token: token(r), at: epoch(r.receivedAt) })),
        windows,
      ),
      firstLandedAfter: after.length > 0 ? Math.min(...after) : null,
    };
  };

  process.on('message', (message: PlatformsRequest) => {
    const reply = (body: unknown) => process.send?.({ id: message.id, body });
    switch (message.type) {
      case 'slack-fail':
        slack.fail('chat.postMessage', message.failure, message.times);
        return reply(null);
      case 'discord-fail':
        for (let i = 0; i < message.times; i += 1) {
          if (message.status === 429) {
            discordRetryAfter = message.retryAfterSeconds ?? 1;
            discord.injectRateLimit({ method: 'POST', path: posts }, discordRetryAfter);
          } else {
            discord.inject(
              { method: 'POST', path: posts },
              {
                status: 503,
                body: { message: 'upstream trouble', code: 0 },
                landed: message.landed === true,
              },
            );
          }
        }
        return reply(null);
      case 'report':
        return reply({ slack: slackReport(message.since), discord: discordReport(message.since) });
    }
  });
  process.send?.({ id: 0, body: { slackApiUrl: slack.apiUrl, discordApiUrl: discord.apiUrl } });
  process.on('disconnect', () => {
    void Promise.all([slack.close(), discord.close()]).finally(() => process.exit(0));
  });
}

void main();
