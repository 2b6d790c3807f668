/** Shared pieces of command definitions: who may run them, and the one way to define a command. */
import type { Command } from '../command.js';
import { ROLES, type Role } from '../domain.js';
import type { Repos } from '../store.js';

/** Every role may keep a list of contacts; mentors and coordinators are students too. */
export const EVERYONE: readonly Role[] = ROLES;
export const MENTORS: readonly Role[] = ['mentor', 'coordinator'];
export const COORDINATORS: readonly Role[] = ['coordinator'];
/** Advisors run the same commands as coordinators, on their own cohorts only. */
export const ADVISORS: readonly Role[] = ['advisor', 'coordinator'];

/**
 * A command whose repositories are exactly those its `uses` lists: `K` is inferred from that list
 * (`const`, so `[]` means none), and `run` sees only those, so touching another one, directly or
 * through a helper that declares it, does not compile.
 */
export function defineCommand<const K extends keyof Repos>(command: Command<K>): Command<K> {
  return command;
}

export type { Command } from '../command.js';
