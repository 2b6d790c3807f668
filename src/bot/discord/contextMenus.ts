/**
 * User context-menu commands (Discord's "Apps" menu on a member): a command of core's list placed
 * on a person, its person option filled with the member the menu was opened on. Today one: mentors
 * right-click a student, *Log a meeting*, and get `log`'s form with that student settled.
 *
 * The target comes from the interaction's resolved user (Discord's `target_id` and
 * `resolved.users`/`members`), never from anything typed, and rides to the submission in the
 * form's custom_id. Plain data in and out, so a gateway client and an HTTP endpoint share it.
 */
import {
  type APIModalInteractionResponseCallbackData,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord.js';
import type { Command } from '../../core/command.js';
import { formModal } from './discordModals.js';

/** A user context-menu command: its label in Discord's menu, the command it runs, the option it fills. */
export interface ContextMenu {
  /** What the menu shows (1 to 32 characters, spaces and capitals allowed). */
  name: string;
  command: string;
  option: string;
  /** The form's line about the target. */
  shown: (targetName: string) => string;
  /** Text fields filled in advance. */
  values?: Record<string, string>;
}

export const CONTEXT_MENUS: readonly ContextMenu[] = [
  {
    name: 'Log a meeting',
    command: 'log',
    option: 'student',
    shown: (name) => `Meeting with ${name}`,
    // Core reads the date in the mentor's time zone; "today" is what most logs mean.
    values: { date: 'today' },
  },
];

/** A user command (type 2) as registered. */
export interface UserCommandJson {
  type: ApplicationCommandType.User;
  name: string;
  contexts: InteractionContextType[];
  integration_types: ApplicationIntegrationType[];
}

/** The menus whose command is in the list, as registration JSON. */
export function contextMenuJson(commands: readonly Pick<Command, 'name'>[]): UserCommandJson[] {
  const names = new Set(commands.map((command) => command.name));
  return CONTEXT_MENUS.filter((menu) => names.has(menu.command)).map((menu) => ({
    type: ApplicationCommandType.User,
    name: menu.name,
    // As the slash commands: used in the community's server, not in DMs or as a user app.
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  }));
}

/** The menu Discord names in a user command interaction (`data.name`). */
export function contextMenuNamed(name: string): ContextMenu | undefined {
  return CONTEXT_MENUS.find((menu) => menu.name === name);
}

/** The person a menu was opened on, from the interaction's resolved data. */
export interface MenuTarget {
  id: string;
  /** Their name in the server (nickname, else global name, else username). */
  name: string;
}

/**
 * The target of a raw user command interaction (`interaction.data` as Discord sends it over HTTP):
 * its `target_id`, named as the server shows them. Null when the resolved user is missing.
 */
export function menuTargetFromData(data: {
  target_id: string;
  resolved?: {
    users?: Record<string, { username: string; global_name?: string | null }>;
    members?: Record<string, { nick?: string | null }>;
  };
}): MenuTarget | null {
  const user = data.resolved?.users?.[data.target_id];
  if (!user) return null;
  const nick = data.resolved?.members?.[data.target_id]?.nick;
  return { id: data.target_id, name: nick || user.global_name || user.username };
}

/** How a person option names a member: a mention core resolves by user id. */
export const mentionOf = (target: MenuTarget): string => `<@${target.id}>`;

/** The form a menu opens on a target: the command's form, its person option settled. */
export function contextMenuModal(
  menu: ContextMenu,
  command: Pick<Command, 'name' | 'options' | 'form' | 'summary'>,
  target: MenuTarget,
): APIModalInteractionResponseCallbackData {
  return formModal(command, {
    title: menu.name,
    prefill: { option: menu.option, value: mentionOf(target), shown: menu.shown(target.name) },
    ...(menu.values ? { values: menu.values } : {}),
  });
}
