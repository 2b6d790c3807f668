/**
 * A command receives only the repositories it declares in `uses` (issue 12). The compiler keeps a
 * command to its list; these tests play the case it cannot see (a cast past it): on a real
 * database, through the real transaction, the command fails loudly, the person sees the apology,
 * the log line says why, and nothing the command wrote is kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/bot/console/consoleRenderer.js';
import { runAction } from '../../../src/core/actions.js';
import type { Actor, Command } from '../../../src/core/command.js';
import type { CommandOutcome, CommandWatch } from '../../../src/core/commandObserver.js';
import { runCommand, UndeclaredRepositoryError } from '../../../src/core/commandRepos.js';
import { defineCommand, EVERYONE } from '../../../src/core/commands/define.js';
import { runInTransaction } from '../../../src/core/commandTransaction.js';
import { APOLOGY } from '../../../src/core/dispatchReplies.js';
import type { RapportDeps } from '../../../src/core/rapport.js';
import { ok } from '../../../src/core/result.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';

/**
 * Renames the student's first contact's company, then reads their reminders. Its `uses` is given:
 * the parameter's type admits `nudges`, so the compiler lets the read through even when the list
 * at run time leaves it out, as a cast would in a command that forgot it.
 */
function renamer(uses: readonly ('contacts' | 'nudges')[]): Command {
  return defineCommand({
    name: 'rename',
    roles: EVERYONE,
    audience: 'student',
    summary: 'A test command',
    usage: 'rename',
    examples: [],
    options: [],
    parse: () => ok({}),
    uses,
    async run(ctx) {
      const [first] = await ctx.repos.contacts.listByOwner(ctx.person.id);
      if (first) await ctx.repos.contacts.update(ctx.person.id, first.id, { company: 'Renamed Inc' });
      const reminders = await ctx.repos.nudges.listForPerson(ctx.person.id);
      return ok({ blocks: [{ type: 'text', lines: [[`${reminders.length} reminders`]] }] });
    },
  });
}

let h: Harness;
let logged: object[];
let outcomes: [string, CommandOutcome][];
let deps: RapportDeps;
let student: Actor;

const done: CommandWatch = (command, outcome, result) => {
  outcomes.push([command, outcome]);
  return result;
};

/** Runs the command as the facade does: its own transaction, its declared repositories. */
const dispatch = (command: Command) =>
  runInTransaction(deps, { actor: student, command, name: command.name, done, args: {} }, (ctx) =>
    runCommand(command, ctx, {}),
  );

beforeEach(async () => {
  logged = [];
  outcomes = [];
  h = await openHarness();
  deps = {
    store: h.db.store,
    clock: h.clock,
    timezone: 'UTC',
    coordinators: [],
    logger: { error: (fields) => logged.push(fields), warn: () => {}, info: () => {} },
  };
  student = await h.person({ displayName: 'Maria Lopez' });
  await h.say(student, 'add Jane Doe at Figma');
});
afterEach(async () => {
  await h.close();
});

describe('a command and the repositories it declares', () => {
  it('when a command reaches a repository its uses leaves out, then the person gets the apology and nothing it wrote is kept', async () => {
    const reply = await dispatch(renamer(['contacts']));

    expect(reply).toEqual(APOLOGY);
    expect(renderReply(reply, { color: false })).toContain(
      'Sorry, something went wrong on our side and nothing was changed.',
    );
    expect(outcomes).toEqual([['rename', 'failed']]);
    // The log line names the command and the kind of error (messages are never logged).
    expect(logged).toEqual([
      expect.objectContaining({
        command: 'rename',
        platform: 'slack',
        err: expect.objectContaining({ type: 'UndeclaredRepositoryError', code: 'undeclared_repository' }),
      }),
    ]);
    // The rename happened before the failure, in the same transaction: it was rolled back.
    expect(await h.say(student, 'show jane')).toContain('Figma');
    expect(await h.say(student, 'show jane')).not.toContain('Renamed Inc');
  });

  it('when that happens, then the error itself names the command and the repository', async () => {
    const command = renamer(['contacts']);
    let thrown: unknown;
    const run = { actor: student, command, name: command.name, done };
    await runInTransaction(deps, run, (ctx) =>
      runCommand(command, ctx, {}).catch((error: unknown) => {
        thrown = error;
        throw error;
      }),
    );

    expect(thrown).toBeInstanceOf(UndeclaredRepositoryError);
    expect((thrown as Error).message).toBe(
      'command "rename" reached the repository "nudges", which its uses does not declare',
    );
  });

  it('when the same command declares the repository, then it runs and its change is kept', async () => {
    const reply = await dispatch(renamer(['contacts', 'nudges']));

    expect(outcomes).toEqual([['rename', 'ok']]);
    expect(renderReply(reply, { color: false })).toMatch(/\d+ reminders/);
    expect(await h.say(student, 'show jane')).toContain('Renamed Inc');
  });

  it('when a button runs a command (a pick from a list), then that command too gets only what it declares', async () => {
    const command = renamer(['contacts']);
    const [contact] = await h.db.store.direct((repos) => repos.contacts.listByOwner(student.personId));
    const commands = new Map([[command.name, command]]);
    const run = { actor: student, command: undefined, name: 'button', done };

    const reply = await runInTransaction(deps, run, (ctx) =>
      runAction(ctx, commands, 'pick_contact', `rename|${contact?.id}|`),
    );

    expect(reply).toEqual(APOLOGY);
    expect(outcomes).toEqual([['button', 'failed']]);
    expect(await h.say(student, 'show jane')).not.toContain('Renamed Inc');
  });
});
