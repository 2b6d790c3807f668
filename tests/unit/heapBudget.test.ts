/**
 * The bot's heap budget lives in three places that must agree: `npm start`, `npm run start:prod`
 * (which the Slack ack benchmark reads, so the bot is measured as deployed) and the Docker image.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFlagsOf } from '../../bench/nodeFlags.js';

const root = new URL('../../', import.meta.url);
const scripts = (
  JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;
const heapFlag = (flags: string[]) => flags.find((flag) => flag.startsWith('--max-old-space-size='));

describe('nodeFlagsOf', () => {
  it('when a node command line has flags, then they are read up to the script', () => {
    expect(nodeFlagsOf('node --max-old-space-size=512 --import tsx src/bot/main.ts')).toEqual([
      '--max-old-space-size=512',
      '--import',
    ]);
    expect(nodeFlagsOf('  node   --a=1 dist/x.js --not-a-node-flag')).toEqual(['--a=1']);
    expect(nodeFlagsOf('node dist/bot/main.js')).toEqual([]);
  });

  it('when the program is not node, then there are no node flags', () => {
    expect(nodeFlagsOf('tsx --max-old-space-size=512 src/bot/main.ts')).toEqual([]);
    expect(nodeFlagsOf('')).toEqual([]);
  });
});

describe('the heap budget', () => {
  const budget = heapFlag(nodeFlagsOf(scripts['start:prod'] ?? ''));

  it('when the bot is started for production, then node gets a heap budget', () => {
    expect(budget).toMatch(/^--max-old-space-size=\d+$/);
  });

  it('when the bot is started with npm start, then the budget is the same', () => {
    expect(heapFlag(nodeFlagsOf(scripts.start ?? ''))).toBe(budget);
  });

  it('when the Docker image runs the bot, then NODE_OPTIONS carries the same flags as start:prod', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
    const options = /NODE_OPTIONS="([^"]+)"|NODE_OPTIONS=(\S+)/.exec(dockerfile);
    const flags = (options?.[1] ?? options?.[2] ?? '').split(/\s+/);
    expect(heapFlag(flags)).toBe(budget);
    expect(flags).toEqual(nodeFlagsOf(scripts['start:prod'] ?? ''));
  });
});
