/**
 * A command's path on Discord (`/rapport settings tz`: command, group, subcommand) and its key in
 * lookups. Kept apart from placement.ts, which loads every command, so that the front door's
 * thread (frontLane.ts) can read paths without loading the core.
 */
export interface CommandPath {
  command: string;
  group?: string | undefined;
  subcommand: string;
}

/** The key of a command path in lookups: `rapport/settings/tz`. */
export const pathKey = (path: CommandPath): string =>
  `${path.command}/${path.group ?? ''}/${path.subcommand}`;
