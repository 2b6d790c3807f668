import { describe, expect, it } from 'vitest';
import { COMMANDS, commandMap } from '../../../../src/core/commands/index.js';
import { closestCommand, editDistance, splitSubcommand } from '../../../../src/core/grammar/subcommands.js';

/** Every text-form path (names and aliases) and every command name, as dispatch knows them. */
const PATHS = new Set(commandMap(COMMANDS).keys());
const NAMES = COMMANDS.map((c) => c.name);

describe('splitSubcommand', () => {
  it.each([
    ['add Jane Doe at Figma', 'add', 'Jane Doe at Figma'],
    ['  ADD   Jane  ', 'add', 'Jane'],
    ['settings tz America/Chicago', 'settings tz', 'America/Chicago'],
    ['Settings Quiet 22:00 - 08:00', 'settings quiet', '22:00 - 08:00'],
    ['digest at monday 9:00', 'digest at', 'monday 9:00'],
    ['digest channel <#C1|general>', 'digest channel', '<#C1|general>'],
    ['digest preview', 'digest preview', ''],
    ['digest csv on', 'digest csv', 'on'],
    ['Digest CSV', 'digest csv', ''],
    ['digest', 'digest', ''],
    ['settings', 'settings', ''],
    ['settings colour blue', 'settings', 'colour blue'],
    ['forget-me ABC', 'forget-me', 'ABC'],
    ['note jane   two  spaces', 'note', 'jane   two  spaces'],
    ['', '', ''],
    ['   ', '', ''],
  ])('when %j is typed, then the path is %j and the rest %j', (text, path, rest) => {
    expect(splitSubcommand(text, PATHS)).toEqual({ path, rest });
  });
});

describe('closestCommand', () => {
  it.each([
    ['add', 'add'],
    ['lsit', 'list'],
    ['sched', 'scheduled'],
    ['schedule', 'scheduled'],
    ['thank', 'thanked'],
    ['shwo', 'show'],
    ['remove', 'move'],
    ['settings', 'settings'],
    ['setings', 'settings'],
    ['digset', 'digest preview'],
    ['forgetme', 'forget-me'],
    ['QUESTION', 'questions'],
  ])('when %j is typed, then the suggestion is %j', (word, expected) => {
    expect(closestCommand(word, NAMES)).toBe(expected);
  });

  it.each(['xylophone', '', 'z'.repeat(100), 'qqq'])(
    'when %j is typed, then there is no suggestion',
    (word) => {
      expect(closestCommand(word, NAMES)).toBeUndefined();
    },
  );
});

describe('editDistance', () => {
  it('when two letters are swapped, then the distance is one', () => {
    expect(editDistance('lsit', 'list')).toBe(1);
  });

  it('when words share nothing, then the distance is the longer length', () => {
    expect(editDistance('abc', 'xyzw')).toBe(4);
    expect(editDistance('', 'met')).toBe(3);
  });
});
