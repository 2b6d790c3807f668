/**
 * `npm run bench -- discord-http`: Discord interactions over HTTP, as Discord delivers them to a
 * load balancer: signed `/rapport list` interactions from 50 clients at once against one Rapport
 * replica and then two (requests alternate between them, as a round-robin balancer sends them),
 * with PostgreSQL holding 1,000 students of 10 contacts each. Each client is a person: after the
 * deferral (the HTTP answer) it waits for the command's final answer (the webhook edit of
 * `@original`, received by the fake Discord in a process of its own) before it sends the next, so at most
 * 50 commands are in the bot at once and interactions/s counts commands answered in full. (A
 * client that sent again as soon as it was deferred would measure how fast "busy" is said: the bot
 * defers at once and its work queue fills.)
 *
 * The floor, measured in the same run: a bare node:http responder that verifies the Ed25519
 * signature with node:crypto, parses the JSON and answers a deferral. It has no final answer to
 * wait for, so its 50 clients wait after each deferral as long as the clients of the Rapport phase
 * it is paced like waited (sampled from their waits): both see the same arrival of requests.
 * Goals: each Rapport phase's deferral p99 within 1.5× its bare phase's, and each replica's peak
 * RSS under 150 MB.
 *
 * Each responder is a child process run transpiled with plain node (bench/discordHttpChild.ts,
 * the bot with the flags of `npm run start:prod`), so its RSS is its own, its front door's thread
 * included. The time measured runs from the request written to the answer's last byte, which is
 * what Discord's 3-second deadline covers. All traffic stays on 127.0.0.1.
 *
 * To give the responders cores of their own, pin them with RAPPORT_BENCH_RESPONDER_CPUS (a
 * taskset list, "1") and run the bench itself, and PostgreSQL, on the others: for example
 * `taskset -a -p -c 0 <postmaster pid>` then
 * `RAPPORT_BENCH_RESPONDER_CPUS=1 taskset -c 0 npm run bench -- discord-http`.
 */
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DiscordSigner, discordSigner } from '../tests/support/discordSigner.js';
import {
  chatInputInteraction,
  FAKE_APP_ID,
  type FakeGuild,
  type FakeUser,
} from '../tests/support/fakeDiscord.js';
import * as ack from './ackBench.js';
import { type LoopDelay, watchLoopDelay } from './ackChildSampler.js';
import type { Benchmark } from './benchmark.js';
import type { HttpChildMessage, HttpChildSpec, HttpParentMessage, ServedIn } from './discordHttpChild.js';

const GUILD: FakeGuild = {
  id: '1160000000000000001',
  name: 'Bench University',
  channelId: '1160000000000000002',
};
const BOT_TOKEN = 'bench-discord-bot-token';
const GOALS = { p99Ratio: 1.5, rssMb: 150 } as const;
/** A request not answered by then counts as failed (Discord itself gives up after 3 s). */
const ANSWER_TIMEOUT_MS = 10_000;
/** How long a final answer may take after its request before the client gives up on it. */
const REPLY_LIMIT_MS = 30_000;

const userId = (index: number) => (1_210_000_000_000_000_000n + BigInt(index + 1)).toString();
const studentUser = (index: number): FakeUser => ({ id: userId(index), username: ack.userName(index) });
const SPACE = { platform: 'discord', externalId: GUILD.id, name: GUILD.name, userId } as const;

type Responder = ack.Child<HttpChildMessage, HttpParentMessage>;

/** One signed POST; resolves with the status and body, or an error reason. */
function post(
  agent: Agent,
  port: number,
  body: string,
  signer: DiscordSigner,
): Promise<{ status: number; body: string } | { error: string }> {
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...signer.headers(body, Math.floor(Date.now() / 1000)),
  };
  return new Promise((resolve) => {
    const req = request(
      { agent, host: '127.0.0.1', port, method: 'POST', path: '/discord/interactions', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.setTimeout(ANSWER_TIMEOUT_MS, () => req.destroy(new Error('no answer')));
    req.on('error', (error) => resolve({ error: error.message }));
    req.end(body);
  });
}

interface Load extends ack.Load {
  tokens: string[];
  /** Milliseconds from each request written to its final answer (bot only). */
  answered: number[];
  /** Milliseconds from each deferral to its final answer (bot only): what a person waits after it. */
  waits: number[];
  /** The load generator's own event-loop delay meanwhile: a stall here is counted in the latencies. */
  generatorLoop: LoopDelay;
}

/** The final answers (webhook edits other than the slow notice) the fake Discord receives. */
class Finals {
  private readonly waiting = new Map<string, () => void>();
  pipelines = 0;
  slowNotices = 0;

  constructor(fake: Responder) {
    fake.onMessage((message) => {
      if (message.type !== 'final') return;
      if (message.kind === 'slow') {
        this.slowNotices += 1;
        return;
      }
      if (message.kind === 'pipeline') this.pipelines += 1;
      this.waiting.get(message.token)?.();
      this.waiting.delete(message.token);
    });
  }

  /** Resolves true once the interaction's final answer came, false past REPLY_LIMIT_MS. */
  of(token: string): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(token);
        resolve(false);
      }, REPLY_LIMIT_MS);
      this.waiting.set(token, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/**
 * `count` interactions from `concurrency` clients, spread round-robin over `ports`; with `finals`
 * each client waits for the final answer before its next interaction.
 */
async function fire(
  ports: number[],
  signer: DiscordSigner,
  finals: Finals | undefined,
  options: { count: number; concurrency: number; students: number; seed: number; waits?: number[] },
): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const pick = ack.prng(options.seed);
  const latencies: number[] = [];
  const tokens: string[] = [];
  const answered: number[] = [];
  const waits: number[] = [];
  const failures = new Map<string, number>();
  const fail = (reason: string) => failures.set(reason, (failures.get(reason) ?? 0) + 1);
  let next = 0;
  const loop = watchLoopDelay();
  const started = performance.now();
  const client = async () => {
    while (next < options.count) {
      const port = ports[next % ports.length]!;
      next += 1;
      const payload = chatInputInteraction({
        user: studentUser(Math.floor(pick() * options.students)),
        guild: GUILD,
        command: 'rapport',
        subcommand: 'list',
      });
      const body = JSON.stringify(payload);
      const final = finals?.of(payload.token);
      const sentAt = performance.now();
      const answer = await post(agent, port, body, signer);
      const at = performance.now();
      if ('error' in answer) fail(answer.error);
      else if (answer.status !== 200) fail(`HTTP ${answer.status}`);
      else if (!answer.body.startsWith('{"type":5')) fail(`answer ${answer.body.slice(0, 60)}`);
      else {
        latencies.push(at - sentAt);
        tokens.push(payload.token);
        if (final && (await final)) {
          answered.push(performance.now() - sentAt);
          waits.push(performance.now() - at);
        } else if (final) fail('no final answer');
        // Paced like a Rapport phase: the person waits as long as they waited there.
        const wait = options.waits?.[Math.floor(pick() * options.waits.length)];
        if (wait !== undefined) await sleep(wait);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  agent.destroy();
  const generatorLoop = loop.read();
  loop.stop();
  return {
    latencies,
    sent: next,
    failures,
    wallMs: performance.now() - started,
    tokens,
    answered,
    waits,
    generatorLoop,
  };
}

interface Phase {
  name: string;
  measured: Load;
  warmup: Load;
  peakRss: number[];
  readyRss: number[];
  /** Each responder's own event-loop delay, from ready to the end of the phase. */
  loops: LoopDelay[];
  /** Each responder's own time per request, headers parsed to response finished (warm-up included). */
  served: ServedIn[];
  pipelines: number;
  slowNotices: number;
  logged: string[];
}

async function runPhase(
  name: string,
  mode: HttpChildSpec['mode'],
  replicas: number,
  setup: ack.BenchSetup & { interactions: number; signer: DiscordSigner },
  /** For the bare responder: the waits after the deferral of the Rapport phase it is paced like. */
  pacedLike?: Phase,
): Promise<Phase> {
  // The fake Discord runs in a process of its own in every phase, whether answers reach it or not.
  const fake = await ack.startChild<HttpChildMessage, HttpParentMessage>(
    setup.entry,
    { mode: 'fake', apiUrl: '', token: BOT_TOKEN, publicKey: setup.signer.publicKeyHex, guild: GUILD },
    [],
  );
  const apiUrl = (fake.ready as { apiUrl: string }).apiUrl;
  const finals = mode === 'bot' ? new Finals(fake) : undefined;
  const children: Responder[] = [];
  try {
    for (let i = 0; i < replicas; i += 1) {
      const spec: HttpChildSpec = {
        mode,
        apiUrl,
        token: BOT_TOKEN,
        publicKey: setup.signer.publicKeyHex,
        ...(mode === 'bot' ? { databaseUrl: setup.databaseUrl, appId: FAKE_APP_ID } : {}),
      };
      children.push(
        await ack.startChild(
          setup.entry,
          spec,
          mode === 'bot' ? setup.botFlags : [],
          process.env.RAPPORT_BENCH_RESPONDER_CPUS,
        ),
      );
    }
    const ports = children.map((child) => (child.ready as { port: number }).port);
    const shared = { concurrency: setup.concurrency, students: setup.students };
    const waits = pacedLike ? { waits: pacedLike.measured.waits } : {};
    const warmup = await fire(ports, setup.signer, finals, {
      ...shared,
      ...waits,
      count: setup.warmup,
      seed: 1,
    });
    const measured = await fire(ports, setup.signer, finals, {
      ...shared,
      ...waits,
      count: setup.interactions,
      seed: 2,
    });
    const peakRss: number[] = [];
    const readyRss: number[] = [];
    const loops: LoopDelay[] = [];
    const served: ServedIn[] = [];
    const logged: string[] = [];
    for (const child of children) {
      const answer = await child.ask({ type: 'finish' }, 'stats', 10_000);
      const stats = (answer as Extract<HttpChildMessage, { type: 'stats' }>).stats;
      peakRss.push(stats.peakRss);
      readyRss.push(stats.readyRss);
      loops.push(stats.loopDelay);
      served.push(stats.servedIn);
      logged.push(...stats.logged);
    }
    return {
      name,
      measured,
      warmup,
      peakRss,
      readyRss,
      loops,
      served,
      pipelines: finals?.pipelines ?? 0,
      slowNotices: finals?.slowNotices ?? 0,
      logged,
    };
  } finally {
    for (const child of children) await child.stop();
    await fake.stop();
  }
}

const delay = (loop: LoopDelay) => `${ack.ms(loop.p99Ms)} / ${ack.ms(loop.maxMs)}`;

/** The responders' own event-loop delay and the load generator's, over the measured load. */
const loopLine = (phase: Phase) =>
  `${phase.loops.map(delay).join(' and ')} in the ${phase.loops.length > 1 ? 'replicas' : 'responder'}, ` +
  `${delay(phase.measured.generatorLoop)} in the load generator`;

const servedLine = (phase: Phase) =>
  phase.served
    .map((s) =>
      s.count === 0
        ? 'none'
        : `${ack.ms(s.p50Ms)} / ${ack.ms(s.p99Ms)} / ${ack.ms(s.maxMs)} of ${ack.count(s.count)}`,
    )
    .join(' and ');

function report(
  log: (line: string) => void,
  pairs: { bot: Phase; bare: Phase }[],
  loadBefore: number,
  flags: string[],
): void {
  log(
    'signed /rapport list interactions from 50 clients, each waiting for its final answer before the next ' +
      '(the bare responder has none: its clients wait as long as those of the Rapport phase it is paced like); ' +
      'the deferral, from the request written to its HTTP answer read (acks/s: interactions/s):',
  );
  for (const { bot, bare } of pairs) {
    log(ack.row(bot.name, bot.measured, 24));
    log(ack.row(bare.name, bare.measured, 24));
  }
  for (const { bot, bare } of pairs) {
    const f = ack.figures(bot.measured);
    const floor = ack.figures(bare.measured);
    const full = ack.figures({ ...bot.measured, latencies: bot.measured.answered });
    const ratio = f.p99 / floor.p99;
    const acked = bot.warmup.tokens.length + bot.measured.tokens.length;
    const answered = bot.warmup.answered.length + bot.measured.answered.length;
    log(
      `${bot.name}: deferral p99 ${ack.ms(f.p99)} = ${ratio.toFixed(2)}× the bare responder's ${ack.ms(floor.p99)} ` +
        `(goal within ${GOALS.p99Ratio}×: ${ack.verdict(ratio <= GOALS.p99Ratio)}), p50 ${(f.p50 / floor.p50).toFixed(2)}×; ` +
        `peak RSS ${bot.peakRss.map(ack.mb).join(' and ')} (${bot.readyRss.map(ack.mb).join(' and ')} when ready; ` +
        `goal under ${GOALS.rssMb} MB per replica: ${ack.verdict(bot.peakRss.every((rss) => rss < GOALS.rssMb * ack.MB))})`,
    );
    log(
      `   final answers ${ack.count(answered)} of ${ack.count(acked)} deferred (${ack.count(bot.pipelines)} pipelines, ` +
        `${bot.slowNotices} slow notices); request to final answer p50 ${ack.ms(full.p50)}, p99 ${ack.ms(full.p99)}` +
        (bot.logged.length ? `; logged ${bot.logged.length} warnings, first "${bot.logged[0]}"` : ''),
    );
    log(`   event-loop delay p99 / max: ${loopLine(bot)}; beside the bare responder: ${loopLine(bare)}`);
    log(
      `   served in, as each responder's main-thread HTTP server timed it (p50 / p99 / max; for Rapport only what its front door passed on): ${servedLine(bot)}; bare: ${servedLine(bare)}`,
    );
  }
  log(
    `bare responder peak RSS ${ack.mb(pairs[0]?.bare.peakRss[0] ?? 0)}; the bot ran with ${flags.join(' ') || "node's defaults"}`,
  );
  log(ack.machineLine(loadBefore, 'Discord', 'apart'));
}

export async function runDiscordHttpBench(
  options: ack.BenchSizes & { interactions?: number } = {},
): Promise<void> {
  const interactions = options.interactions ?? 1500;
  await ack.withSeededBench(
    options,
    interactions,
    SPACE,
    'discordHttpChild.ts',
    async (setup) => {
      const loadBefore = loadavg()[0]!;
      const settings = { ...setup, interactions, signer: discordSigner() };
      const one = await runPhase('Rapport ×1', 'bot', 1, settings);
      const bareOne = await runPhase('bare, paced like ×1', 'bare', 1, settings, one);
      const two = await runPhase('Rapport ×2', 'bot', 2, settings);
      const bareTwo = await runPhase('bare, paced like ×2', 'bare', 1, settings, two);
      report(
        setup.log,
        [
          { bot: one, bare: bareOne },
          { bot: two, bare: bareTwo },
        ],
        loadBefore,
        setup.botFlags,
      );
    },
    ['../tests/support/fakeDiscord.ts'],
  );
}

export const discordHttpBenchmark: Benchmark = {
  name: 'discord-http',
  description:
    'interactions over HTTP: deferral latency and rate at 50 clients for one and two replicas beside a bare Ed25519-verifying responder, and peak RSS per replica',
  run: (ctx) =>
    runDiscordHttpBench({ databaseUrl: ctx.config.databaseUrl ?? ack.DEFAULT_DATABASE_URL, log: ctx.log }),
};
