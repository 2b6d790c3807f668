import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../../src/bot/http/httpServer.js';
import { mountMetrics } from '../../../../src/bot/http/metricsEndpoint.js';
import { createRapportMetrics, type RapportMetrics } from '../../../../src/bot/http/rapportMetrics.js';
import { emptySummary } from '../../../../src/bot/worker/pass.js';
import type { Platform } from '../../../../src/core/domain.js';
import type { Notifier } from '../../../../src/core/notifier.js';
import type { OutboxBacklog } from '../../../../src/db/outboxBacklog.js';
import { FakeNotifier } from '../../../support/fakeNotifier.js';

const quiet = { warn: () => {}, error: () => {}, debug: () => {} };
const servers: HttpServer[] = [];
const TOKEN = 'metrics-token-0123456789abcdef';

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function metricsFor(): RapportMetrics {
  return createRapportMetrics({ commandNames: ['add', 'list', 'digest channel'], processMetrics: false });
}

async function serve(metrics: RapportMetrics, token?: string): Promise<string> {
  const server = createHttpServer({ health: async () => true, logger: quiet });
  servers.push(server);
  mountMetrics(server, { registry: metrics.registry, token });
  return `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/metrics`;
}

/** The sample lines of the Prometheus text, without HELP and TYPE. */
const samples = (text: string) => text.split('\n').filter((line) => line && !line.startsWith('#'));

describe('GET /metrics', () => {
  it('when no token is configured, then it answers the Prometheus text with process metrics and Rapport series', async () => {
    const metrics = createRapportMetrics({ commandNames: ['add'] });
    const response = await fetch(await serve(metrics));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const name of [
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'rapport_commands_total',
      'rapport_command_duration_seconds',
      'rapport_nudges_total',
      'rapport_digests_total',
      'rapport_rate_limited_total',
      'rapport_worker_pass_duration_seconds',
      'rapport_worker_last_pass_timestamp_seconds',
    ])
      expect(text).toContain(`# TYPE ${name} `);
  });

  it('when a token is configured, then a missing, malformed, other-scheme or wrong token is 401 and the right one is 200', async () => {
    const url = await serve(metricsFor(), TOKEN);
    const statusWith = async (authorization?: string) =>
      (await fetch(url, authorization ? { headers: { authorization } } : {})).status;
    expect(await statusWith()).toBe(401);
    expect(await statusWith('Bearer')).toBe(401);
    expect(await statusWith(`Basic ${TOKEN}`)).toBe(401);
    expect(await statusWith(`Bearer ${TOKEN.slice(0, -1)}`)).toBe(401);
    expect(await statusWith(`Bearer ${TOKEN}x`)).toBe(401);
    expect(await statusWith(`Bearer ${TOKEN} extra`)).toBe(401);
    expect(await statusWith(`Bearer ${TOKEN}`)).toBe(200);
    expect(await statusWith(`bearer ${TOKEN}`)).toBe(200);
    const refused = await fetch(url);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await refused.text()).not.toContain('rapport_');
  });
});

describe('the command series', () => {
  it('when core reports commands, then they are counted by platform, command and outcome, and timed', async () => {
    const metrics = metricsFor();
    metrics.commands.onCommand({ platform: 'slack', command: 'add', outcome: 'ok', ms: 40 });
    metrics.commands.onCommand({ platform: 'slack', command: 'add', outcome: 'ok', ms: 1500 });
    metrics.commands.onCommand({
      platform: 'discord',
      command: 'digest channel',
      outcome: 'forbidden',
      ms: 2,
    });
    const lines = samples(await metrics.registry.metrics());
    expect(lines).toContain('rapport_commands_total{platform="slack",command="add",outcome="ok"} 2');
    expect(lines).toContain(
      'rapport_commands_total{platform="discord",command="digest channel",outcome="forbidden"} 1',
    );
    expect(lines).toContain(
      'rapport_command_duration_seconds_bucket{le="0.05",platform="slack",command="add"} 1',
    );
    expect(lines).toContain(
      'rapport_command_duration_seconds_bucket{le="2",platform="slack",command="add"} 2',
    );
    expect(lines).toContain('rapport_command_duration_seconds_sum{platform="slack",command="add"} 1.54');
  });

  it('when a label is outside its fixed set, then it is counted as other, so no id or typed text becomes a series', async () => {
    const metrics = metricsFor();
    metrics.commands.onCommand({
      platform: 'teams' as Platform,
      command: 'U0123ABC said hello',
      outcome: 'weird' as 'ok',
      ms: 1,
    });
    const text = await metrics.registry.metrics();
    expect(samples(text)).toContain(
      'rapport_commands_total{platform="other",command="other",outcome="other"} 1',
    );
    expect(text).not.toContain('U0123ABC');
    expect(text).not.toContain('teams');
  });
});

describe('the worker series', () => {
  it('when a pass ends, then its nudges and digests are counted by outcome, and its time and duration kept', async () => {
    const metrics = metricsFor();
    metrics.recordPass({
      summary: {
        ...emptySummary(),
        sent: 3,
        deferred: 1,
        noNotifier: { discord: 2, slack: 1 },
        digests: { sent: 1, retried: 0, abandoned: 1 },
      },
      ok: true,
      ms: 750,
      at: new Date('2026-12-01T10:00:00Z'),
    });
    metrics.recordPass({ summary: null, ok: false, ms: 20, at: new Date('2026-12-01T10:01:00Z') });
    const lines = samples(await metrics.registry.metrics());
    expect(lines).toContain('rapport_nudges_total{outcome="sent"} 3');
    expect(lines).toContain('rapport_nudges_total{outcome="deferred"} 1');
    expect(lines).toContain('rapport_nudges_total{outcome="no_notifier"} 3');
    expect(lines).toContain('rapport_digests_total{outcome="sent"} 1');
    expect(lines).toContain('rapport_digests_total{outcome="abandoned"} 1');
    expect(lines).toContain('rapport_worker_pass_duration_seconds_count{outcome="ok"} 1');
    expect(lines).toContain('rapport_worker_pass_duration_seconds_count{outcome="failed"} 1');
    expect(lines).toContain(
      `rapport_worker_last_pass_timestamp_seconds ${Date.parse('2026-12-01T10:01:00Z') / 1000}`,
    );
  });

  it('when a platform answers 429, then it is counted for that platform and the outcome reaches the worker unchanged', async () => {
    const metrics = metricsFor();
    const slack = new FakeNotifier('slack').script({ status: 'rate_limited', retryAfterMs: 30_000 });
    const counted = metrics.countRateLimits(new Map([['slack', slack]]));
    const to = {
      personId: 'p1',
      platform: 'slack' as const,
      spaceExternalId: 'T1',
      externalUserId: 'U1',
      dmChannelId: null,
    };
    const message = { blocks: [] };
    expect(await counted.get('slack')!.send(to, message, 'k1')).toEqual({
      status: 'rate_limited',
      retryAfterMs: 30_000,
    });
    expect((await counted.get('slack')!.send(to, message, 'k2')).status).toBe('sent');
    expect(slack.sends).toHaveLength(2);
    expect(samples(await metrics.registry.metrics())).toContain(
      'rapport_rate_limited_total{platform="slack"} 1',
    );
  });

  it('when a notifier can look through a DM for earlier sends, then the counted one still can, and one that cannot still cannot', async () => {
    const metrics = metricsFor();
    const found = new Map([['k1', 'm1']]);
    const asked: string[][] = [];
    const slack = Object.assign(new FakeNotifier('slack'), {
      findSent: async (_to: unknown, keys: readonly string[]) => {
        asked.push([...keys]);
        return { status: 'checked' as const, found, complete: true };
      },
    });
    const discord = Object.assign(new FakeNotifier('discord'), { dedupeWindowMs: 180_000 });
    const counted = metrics.countRateLimits(
      new Map<'slack' | 'discord', Notifier>([
        ['slack', slack],
        ['discord', discord],
      ]),
    );
    const to = {
      personId: 'p1',
      platform: 'slack' as const,
      spaceExternalId: 'T1',
      externalUserId: 'U1',
      dmChannelId: null,
    };
    const outcome = await counted.get('slack')!.findSent!(to, ['k1'], new Date(0));
    expect(outcome).toEqual({ status: 'checked', found, complete: true });
    expect(asked).toEqual([['k1']]);
    expect(counted.get('discord')!.findSent).toBeUndefined();
    // The nonce window shortens a Discord send's lease: it must survive the wrapper too.
    expect(counted.get('discord')!.dedupeWindowMs).toBe(180_000);
    expect(counted.get('slack')!.dedupeWindowMs).toBeUndefined();
  });
});

describe('the outbox gauges', () => {
  it('when the outbox query answers, then depth and the oldest due age are its figures, from one query per scrape', async () => {
    const metrics = metricsFor();
    let queries = 0;
    metrics.watchOutbox(async () => {
      queries += 1;
      return { due: 12, oldestDueAgeSeconds: 95.5 };
    });
    const lines = samples(await metrics.registry.metrics());
    expect(lines).toContain('rapport_outbox_depth 12');
    expect(lines).toContain('rapport_outbox_oldest_due_age_seconds 95.5');
    expect(queries).toBe(1);
  });

  it('when the query hangs, then the scrape still answers within the timeout, with NaN, and never starts a second query', async () => {
    const metrics = metricsFor();
    let queries = 0;
    metrics.watchOutbox(() => {
      queries += 1;
      return new Promise<OutboxBacklog>(() => {});
    }, 100);
    const started = performance.now();
    const lines = samples(await metrics.registry.metrics());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(lines).toContain('rapport_outbox_depth Nan');
    await metrics.registry.metrics();
    expect(queries).toBe(1);
  });

  it('when the query fails, then the gauges read NaN and the next scrape tries again', async () => {
    const metrics = metricsFor();
    let queries = 0;
    metrics.watchOutbox(async () => {
      queries += 1;
      if (queries === 1) throw new Error('connection refused');
      return { due: 0, oldestDueAgeSeconds: 0 };
    });
    expect(samples(await metrics.registry.metrics())).toContain('rapport_outbox_oldest_due_age_seconds Nan');
    expect(samples(await metrics.registry.metrics())).toContain('rapport_outbox_depth 0');
  });
});
