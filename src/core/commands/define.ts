/** Shared pieces of command definitions. */
import type { Command, DiscordPlacement, RawArgs } from '../command.js';
import { ROLES, type Role } from '../domain.js';
import { COMMAND_GRAMMARS } from '../grammar/commandGrammars.js';
import type { Result } from '../result.js';

/** Every role may keep a list of contacts; mentors and coordinators are students too. */
export const EVERYONE: readonly Role[] = ROLES;
export const MENTORS: readonly Role[] = ['mentor', 'coordinator'];
export const COORDINATORS: readonly Role[] = ['coordinator'];

/** The text grammar of a subcommand, by its text-form name. Fails loudly for a missing one. */
export function grammar(name: string): (text: string) => Result<RawArgs> {
  const parse = (COMMAND_GRAMMARS as Record<string, ((text: string) => Result<RawArgs>) | undefined>)[name];
  if (!parse) throw new Error(`no text grammar for command "${name}"`);
  return parse;
}

export const onRapport = (subcommand: string, group?: string): DiscordPlacement =>
  group ? { command: 'rapport', group, subcommand } : { command: 'rapport', subcommand };

export type { Command };
