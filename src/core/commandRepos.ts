/**
 * A command runs with the repositories its `uses` declares, and no others. The compiler already
 * holds each command to its list (`defineCommand`); this holds it at run time too, where a cast or
 * a list edited without its code would otherwise hand the command `undefined`: reaching an
 * undeclared repository throws an error that names the command and the repository.
 */
import type { Command, CommandContext, RawArgs } from './command.js';
import type { Reply } from './reply.js';
import type { Result } from './result.js';
import { REPO_KEYS, type Repos } from './store.js';

/** A command reached a repository its `uses` leaves out: a bug in the command's definition. */
export class UndeclaredRepositoryError extends Error {
  /** Kept by `safeError` in the log line, which drops messages. */
  readonly code = 'undeclared_repository';

  constructor(
    readonly command: string,
    readonly repository: keyof Repos,
  ) {
    super(`command "${command}" reached the repository "${repository}", which its uses does not declare`);
    this.name = 'UndeclaredRepositoryError';
  }
}

/**
 * The repositories of `repos` that `command.uses` declares; every other one throws when reached.
 * The result holds only the declared keys as its own (enumerable) properties.
 */
export function declaredRepos<K extends keyof Repos>(
  command: Pick<Command<K>, 'name' | 'uses'>,
  repos: Repos,
): Pick<Repos, K> {
  const declared = new Set<keyof Repos>(command.uses);
  const scoped = {};
  for (const key of REPO_KEYS) {
    Object.defineProperty(
      scoped,
      key,
      declared.has(key)
        ? { value: repos[key], enumerable: true }
        : {
            get() {
              throw new UndeclaredRepositoryError(command.name, key);
            },
          },
    );
  }
  return scoped as Pick<Repos, K>;
}

/**
 * Runs a command in a context whose repositories are those it declares. Whoever calls it keeps the
 * full set for its own work (the facade forgets a code's wrong tries, the transaction adds the
 * time-zone notice). Every dispatch of a command, typed, by name or from a button, goes through here.
 */
export function runCommand(command: Command, ctx: CommandContext, args: RawArgs): Promise<Result<Reply>> {
  return command.run({ ...ctx, repos: declaredRepos(command, ctx.repos) }, args);
}
