/**
 * One command, one usage: whether the words fail to parse or the run refuses them, a person sees
 * the same usage line, taken from the command's own definition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Command } from '../../../src/core/command.js';
import { COMMANDS } from '../../../src/core/commands/index.js';
import type { Reply } from '../../../src/core/reply.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';

/** The text of a reply's "Usage:" line, if it has one. */
function usageLine(reply: Reply): string | undefined {
  for (const block of reply.blocks) {
    if (block.type !== 'context') continue;
    for (const line of block.lines) {
      const [label, part] = line;
      if (label === 'Usage: ' && part && typeof part === 'object' && 'code' in part) return part.code;
    }
  }
  return undefined;
}

/** Words no grammar accepts: an unclosed quote, or anything after a command that takes nothing. */
const BAD_WORDS = ['"unclosed', 'x y z w v u t s r q p o n m l k j i h g f e d c b a'];

let h: Harness;
let coordinator: Actor;

beforeAll(async () => {
  h = await openHarness();
  coordinator = await h.person({ platform: 'console', spaceExternalId: 'local', displayName: 'Robin' });
  await h.say(coordinator, 'add Jane Doe at Figma');
});
afterAll(() => h.close());

async function parseFailure(command: Command): Promise<Reply | undefined> {
  for (const words of BAD_WORDS) {
    const reply = await h.rapport.runText(coordinator, `${command.name} ${words}`);
    if (usageLine(reply)) return reply;
  }
  return undefined;
}

describe('usage lines', () => {
  it('when a command fails to parse or to run, then both replies show its one usage line', async () => {
    let compared = 0;
    for (const command of COMMANDS) {
      const parsed = await parseFailure(command);
      // Every required option left out: the run refuses, as it must with nothing to work on.
      const run = await h.rapport.runOptions(coordinator, command.name, {});
      const expected = `/rapport ${command.usage}`;
      if (parsed) expect(usageLine(parsed), `${command.name}: parse error`).toBe(expected);
      const runUsage = usageLine(run);
      if (runUsage !== undefined) {
        expect(runUsage, `${command.name}: run error`).toBe(expected);
        compared += 1;
      }
    }
    // Most commands need something to work on; make sure the walk really compared them.
    expect(compared).toBeGreaterThan(20);
  });
});
