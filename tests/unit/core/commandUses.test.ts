/**
 * Each command declares the repositories it uses (issue 12): the list is well formed, and at run
 * time a command's context holds those and throws, naming the command and the repository, for
 * any other. That a command cannot reach an undeclared one is the compiler's check; the
 * `@ts-expect-error` below keeps that check honest (`tsc` fails if the error ever disappears).
 */
import { describe, expect, it } from 'vitest';
import { declaredRepos, UndeclaredRepositoryError } from '../../../src/core/commandRepos.js';
import { defineCommand, EVERYONE } from '../../../src/core/commands/define.js';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { ok } from '../../../src/core/result.js';
import { REPO_KEYS, type Repos } from '../../../src/core/store.js';

/**
 * Commands that honestly reach no repository: help reads the command list, `settings` and
 * `nudges show` only the person and the organization the context already holds.
 */
const NO_REPOSITORY = new Set(['help', 'settings', 'nudges show']);

/** A stand-in for each repository, told apart by name: only identity matters here. */
const FAKE_REPOS = Object.fromEntries(REPO_KEYS.map((key) => [key, { fake: key }])) as unknown as Repos;

const tiny = defineCommand({
  name: 'tiny',
  roles: EVERYONE,
  audience: 'student',
  summary: 'A test command',
  usage: 'tiny',
  examples: [],
  options: [],
  parse: () => ok({}),
  uses: ['contacts', 'nudges'],
  async run(ctx) {
    await ctx.repos.contacts.listByOwner(ctx.person.id);
    // @ts-expect-error `persons` is not in `uses`, so the context does not have it.
    await ctx.repos.persons.listByOrg(ctx.org.id);
    return ok({ blocks: [] });
  },
});

describe("each command's uses", () => {
  it('when the command list is walked, then each command declares known repositories, once each', () => {
    const known = new Set<string>(REPO_KEYS);
    for (const command of COMMANDS) {
      const where = `command "${command.name}"`;
      expect(Array.isArray(command.uses), where).toBe(true);
      expect(
        command.uses.filter((key) => !known.has(key)),
        where,
      ).toEqual([]);
      expect(new Set(command.uses).size, where).toBe(command.uses.length);
      if (!NO_REPOSITORY.has(command.name)) expect(command.uses.length, where).toBeGreaterThan(0);
    }
  });
});

describe('the repositories a command receives', () => {
  it('when scoped to a command, then the declared ones are the very same objects, and only they are listed', () => {
    const scoped = declaredRepos(tiny, FAKE_REPOS);
    expect(scoped.contacts).toBe(FAKE_REPOS.contacts);
    expect(scoped.nudges).toBe(FAKE_REPOS.nudges);
    expect(Object.keys(scoped).sort()).toEqual(['contacts', 'nudges']);
  });

  it('when an undeclared one is reached, then it throws an error naming the command and the repository', () => {
    const scoped = declaredRepos(tiny, FAKE_REPOS) as unknown as Repos;
    expect(() => scoped.persons).toThrow(UndeclaredRepositoryError);
    expect(() => scoped.persons).toThrow(
      'command "tiny" reached the repository "persons", which its uses does not declare',
    );
    for (const key of REPO_KEYS.filter((k) => k !== 'contacts' && k !== 'nudges')) {
      expect(() => scoped[key], key).toThrow(`"${key}"`);
    }
  });

  it('when something that is no repository is asked for (a promise check), then it is simply absent', () => {
    const scoped = declaredRepos(tiny, FAKE_REPOS) as unknown as Record<string, unknown>;
    expect(scoped.then).toBeUndefined();
  });
});
