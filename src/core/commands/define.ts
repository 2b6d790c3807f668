/** Shared pieces of command definitions: who may run them. */
import { ROLES, type Role } from '../domain.js';

/** Every role may keep a list of contacts; mentors and coordinators are students too. */
export const EVERYONE: readonly Role[] = ROLES;
export const MENTORS: readonly Role[] = ['mentor', 'coordinator'];
export const COORDINATORS: readonly Role[] = ['coordinator'];
/** Advisors run the same commands as coordinators, on their own cohorts only. */
export const ADVISORS: readonly Role[] = ['advisor', 'coordinator'];

export type { Command } from '../command.js';
