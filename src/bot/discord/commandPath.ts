/**
 * A command's path on Discord (`/rapport settings tz`: command, group, subcommand), its key in
 * lookups, and how it is read from the options of an interaction. Kept apart from placement.ts,
 * which loads every command, and free of discord.js, so that the front door's thread
 * (frontLane.ts) reads paths the same way the adapter does (interactionOptions.ts).
 */
export interface CommandPath {
  command: string;
  group?: string | undefined;
  subcommand: string;
}

/** The key of a command path in lookups: `rapport/settings/tz`. */
export const pathKey = (path: CommandPath): string =>
  `${path.command}/${path.group ?? ''}/${path.subcommand}`;

/** Discord's option types that nest: ApplicationCommandOptionType.Subcommand and SubcommandGroup. */
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

/** An option as Discord sends it, raw or as discord.js holds it: all a path is read from. */
export interface OptionNode {
  type: number;
  name: string;
  options?: readonly OptionNode[] | undefined;
}

/**
 * The path of a command run with `options`, and the options given to its subcommand; null when
 * they name no subcommand.
 */
export function subcommandOf<O extends OptionNode>(
  command: string,
  options: readonly O[],
): { path: CommandPath; given: readonly O[] } | null {
  let group: string | undefined;
  let leaves = options;
  const [first] = options;
  if (first?.type === SUBCOMMAND_GROUP) {
    group = first.name;
    leaves = (first.options ?? []) as readonly O[];
  }
  const [sub] = leaves;
  if (sub?.type !== SUBCOMMAND || typeof sub.name !== 'string') return null;
  const path: CommandPath = group
    ? { command, group, subcommand: sub.name }
    : { command, subcommand: sub.name };
  return { path, given: (sub.options ?? []) as readonly O[] };
}
