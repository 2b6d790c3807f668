/**
 * `npm run bench -- statements` (issue 12, "Fewer round trips"): how many SQL statements each
 * student command sends, counted by the engine's opt-in statement watcher (drizzle's query
 * logger; BEGIN and COMMIT are not counted), for a student with 10 and with 100 contacts, beside
 * the issue's targets. The command runs as an adapter runs it once the person is known
 * (`runText` with the actor in hand); identifying the person is counted on a line of its own.
 * Embedded PGlite by default; a throwaway PostgreSQL database when DATABASE_URL is set.
 */

import { PLATFORM_REFERENCES } from '../src/bot/references.js';
import { Rapport } from '../src/core/rapport.js';
import { openDatabase } from '../src/db/engine.js';
import type { Benchmark } from './benchmark.js';
import { createScratchDatabase } from './scratchDatabase.js';

const SIZES = [10, 100] as const;
/** Past "next tue 3pm" seen from Monday 16 November: the meeting is over when `met` runs. */
const MEETING_PASSED_MS = 10 * 24 * 60 * 60 * 1000;

const TARGETS: Record<string, number> = {
  list: 2,
  show: 3,
  add: 4,
  reached: 6,
  met: 6,
  thanked: 6,
  scheduled: 7,
};

/** A four-letter word per index, so each contact has a name fragment that matches it alone. */
function word(index: number): string {
  let out = '';
  let n = index;
  for (let i = 0; i < 4; i++) {
    out += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  }
  return out;
}

/** The commands measured, on the contact `w` (by its name fragment, as people type). */
const commandsFor = (w: string): [string, string][] => [
  ['list', 'list'],
  ['show', `show ${w}`],
  ['add', 'add Robin Newcomer at Acme as Analyst via alumni'],
  ['reached', `reached ${w} by email`],
  ['scheduled', `scheduled ${w} next tue 3pm for 30 min video`],
  ['met', `met ${w} learned about research ops`],
  ['thanked', `thanked ${w}`],
];

async function measure(databaseUrl: string | undefined, log: (line: string) => void) {
  let counting = false;
  let statements = 0;
  const onStatement = () => {
    if (counting) statements++;
  };
  const scratch = databaseUrl ? await createScratchDatabase(databaseUrl, 10, onStatement) : undefined;
  const database = scratch?.database ?? (await openDatabase({ dataDir: 'memory://', onStatement }));
  const counted = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    statements = 0;
    counting = true;
    try {
      return [await work(), statements];
    } finally {
      counting = false;
    }
  };
  try {
    log(`engine: ${database.kind}`);
    const start = new Date('2026-11-16T20:00:00Z');
    let now = start;
    const rapport = new Rapport({
      references: PLATFORM_REFERENCES,
      store: database.store,
      clock: { now: () => now },
      timezone: 'UTC',
      coordinators: [],
    });
    const table = new Map<string, number[]>();
    for (const [column, size] of SIZES.entries()) {
      const identity = {
        platform: 'slack' as const,
        spaceExternalId: 'T0BENCH',
        spaceName: 'bench',
        externalUserId: `U${size}`,
        displayName: `Student ${size}`,
      };
      now = start;
      const actor = await rapport.identify(identity);
      for (let i = 0; i < size; i++) await rapport.runText(actor, `add Pat ${word(i)} at Org${i}`);
      const [, identify] = await counted(() => rapport.identify(identity));
      (table.get('(identify)') ?? table.set('(identify)', []).get('(identify)')!)[column] = identify;
      // A contact in the middle of the list, untouched so far.
      for (const [name, text] of commandsFor(word(Math.floor(size / 2)))) {
        // `met` after the meeting has happened: before it, the command only asks to confirm.
        if (name === 'met') now = new Date(start.getTime() + MEETING_PASSED_MS);
        const [reply, count] = await counted(() => rapport.runText(actor, text));
        const said = JSON.stringify(reply);
        if (said.includes('went wrong')) throw new Error(`${text} failed`);
        if (said.includes('anyway')) throw new Error(`${text} was answered with a check, not run`);
        (table.get(name) ?? table.set(name, []).get(name)!)[column] = count;
      }
    }
    log(`${'command'.padEnd(12)}${SIZES.map((s) => `${s} contacts`.padStart(14)).join('')}   target`);
    for (const [name, counts] of table) {
      const target = TARGETS[name];
      const grows = counts[1] !== counts[0] ? '  grows with contacts' : '';
      const met = target === undefined ? '' : Math.max(...counts) <= target ? '  ok' : '  over';
      log(
        `${name.padEnd(12)}${counts.map((c) => String(c).padStart(14)).join('')}   ${target === undefined ? '-' : `<= ${target}`}${met}${grows}`,
      );
    }
  } finally {
    if (scratch) await scratch.drop();
    else await database.close();
  }
}

export const statementsBenchmark: Benchmark = {
  name: 'statements',
  description: 'SQL statements per student command at 10 and 100 contacts, beside the targets',
  run: ({ config, log }) => measure(config.databaseUrl, log),
};
