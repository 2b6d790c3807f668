/**
 * Discord's application-command JSON, derived from core's one command list: `/rapport`, `/mentor`
 * and `/coordinator`, each with its subcommands (and subcommand groups), typed options, choices
 * and autocomplete. Discord refuses the whole PUT when any rule below is broken, so they are
 * checked here, at build time, with an error that names the command at fault.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  Routes,
} from 'discord.js';
import type { Command, OptionSpec } from '../../core/command.js';
import { MAX_TEXT_LENGTH } from '../../core/domain.js';
import { contextMenuJson, type UserCommandJson } from './contextMenus.js';
import { type DiscordPlacement, placeCommands, type TopLevel } from './placement.js';

/** Discord's documented limits for application commands. */
export const COMMAND_LIMITS = {
  /** Subcommands and groups under one command, subcommands in one group, options of one subcommand. */
  options: 25,
  choices: 25,
  description: 100,
  name: 32,
  choiceName: 100,
  stringLength: 6000,
} as const;

/** Discord's pattern for command and option names (lowercase where the script has case). */
const NAME = /^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const TOP_LEVEL: Record<TopLevel, string> = {
  rapport: 'Your informational interviews: contacts, stages, questions, reminders',
  mentor: 'For mentors: log meetings held with students and see your mentees',
  coordinator: 'For coordinators: roles, nudge timing, the weekly digest, figures and reports',
};

/**
 * Who sees a command in Discord's picker before Rapport's own role check runs: `/coordinator`
 * only for members who may manage the server, so students never see it; a server's admins can
 * widen it in Server Settings > Integrations. The role check in core still decides.
 */
const DEFAULT_PERMISSIONS: Partial<Record<TopLevel, bigint>> = {
  coordinator: PermissionFlagsBits.ManageGuild,
};

/** Discord's descriptions are 1 to 100 characters; longer summaries are shortened, not refused. */
function description(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '') return '-';
  return clean.length <= COMMAND_LIMITS.description
    ? clean
    : `${clean.slice(0, COMMAND_LIMITS.description - 1)}…`;
}

/** An error in the command list that Discord would refuse; the message says which command. */
export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';
}

function checkName(name: string, where: string): string {
  if (!NAME.test(name)) {
    throw new RegistrationError(
      `${where}: "${name}" is not a valid Discord name (1 to 32 lowercase letters, digits, "-" or "_").`,
    );
  }
  return name;
}

/** One option as Discord's registration JSON has it (types 3 string, 4 integer, 6 user). */
export type OptionJson = {
  type: ApplicationCommandOptionType;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string }[];
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  max_length?: number;
};

const OPTION_TYPES: Record<OptionSpec['type'], ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  user: ApplicationCommandOptionType.User,
};

function optionJson(spec: OptionSpec, where: string): OptionJson {
  const at = `${where} option "${spec.name}"`;
  const json: OptionJson = {
    type: OPTION_TYPES[spec.type],
    name: checkName(spec.name, at),
    description: description(spec.description),
  };
  if (spec.required) json.required = true;
  if (spec.choices && spec.autocomplete) {
    throw new RegistrationError(`${at}: Discord does not allow both choices and autocomplete on one option.`);
  }
  if (spec.choices) {
    if (spec.type !== 'string')
      throw new RegistrationError(`${at}: choices are only supported on string options.`);
    if (spec.choices.length === 0 || spec.choices.length > COMMAND_LIMITS.choices) {
      throw new RegistrationError(
        `${at}: an option holds 1 to ${COMMAND_LIMITS.choices} choices, not ${spec.choices.length}.`,
      );
    }
    json.choices = spec.choices.map((choice) => ({
      name: description(choice.name).slice(0, COMMAND_LIMITS.choiceName),
      value: choice.value,
    }));
  }
  if (spec.autocomplete) {
    if (spec.type !== 'string')
      throw new RegistrationError(`${at}: autocomplete is only supported on string options.`);
    json.autocomplete = true;
  }
  if (spec.type === 'integer') {
    if (spec.minValue !== undefined) json.min_value = spec.minValue;
    if (spec.maxValue !== undefined) json.max_value = spec.maxValue;
  }
  if (spec.type === 'string') json.max_length = Math.min(MAX_TEXT_LENGTH, COMMAND_LIMITS.stringLength);
  return json;
}

function subcommandJson(command: Command, placement: DiscordPlacement) {
  const where = `Command "${command.name}"`;
  const names = new Set<string>();
  for (const spec of command.options) {
    if (names.has(spec.name)) throw new RegistrationError(`${where}: option "${spec.name}" appears twice.`);
    names.add(spec.name);
  }
  if (command.options.length > COMMAND_LIMITS.options) {
    throw new RegistrationError(
      `${where}: ${command.options.length} options; Discord allows ${COMMAND_LIMITS.options}.`,
    );
  }
  // A command with a form opens it when run with no options (discordModals.ts), so Discord must
  // let it run with none: its options are all optional there, and core still asks for a missing
  // one with the typed command's sentence.
  const options: readonly OptionSpec[] = command.form
    ? command.options.map((option) => ({ ...option, required: false }))
    : command.options;
  // Discord requires every required option before the optional ones; the order is otherwise kept.
  const ordered = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
  return {
    type: ApplicationCommandOptionType.Subcommand as const,
    name: checkName(placement.subcommand, where),
    description: description(command.summary),
    options: ordered.map((spec) => optionJson(spec, where)),
  };
}

export type SubcommandJson = ReturnType<typeof subcommandJson>;
export type GroupJson = {
  type: ApplicationCommandOptionType.SubcommandGroup;
  name: string;
  description: string;
  options: SubcommandJson[];
};

/** One top-level command (`/rapport`, `/mentor`, `/coordinator`) as registered. */
export interface CommandJson {
  type: ApplicationCommandType.ChatInput;
  name: string;
  description: string;
  contexts: InteractionContextType[];
  integration_types: ApplicationIntegrationType[];
  /** A permission bit set as a decimal string; absent, every member sees the command. */
  default_member_permissions?: string;
  options: (SubcommandJson | GroupJson)[];
}

/** Friendly descriptions of the subcommand groups core uses; any other group gets a generic one. */
const GROUP_DESCRIPTIONS: Record<string, string> = {
  settings: 'Your time zone and quiet hours',
  digest: "The coordinators' weekly digest",
  space: 'Attach another workspace or server to your organization',
  nudges: "When your organization's reminders go out",
};

/**
 * The whole registration body for `PUT /applications/{app}[/guilds/{guild}]/commands`.
 * Throws RegistrationError on anything Discord would refuse (over 25 subcommands, a duplicate,
 * choices together with autocomplete, a bad name).
 */
export function buildRegistration(commands: readonly Command[]): CommandJson[] {
  const byTop = new Map<TopLevel, (SubcommandJson | GroupJson)[]>();
  const seen = new Set<string>();
  for (const { command, placement } of placeCommands(commands).entries) {
    const { command: top, group, subcommand } = placement;
    const path = [top, group, subcommand].filter(Boolean).join(' ');
    if (seen.has(path)) throw new RegistrationError(`Two commands are registered as /${path}.`);
    seen.add(path);
    const entries = byTop.get(top) ?? [];
    byTop.set(top, entries);
    const sub = subcommandJson(command, placement);
    if (!group) {
      if (entries.some((entry) => entry.name === sub.name)) {
        throw new RegistrationError(`/${top} ${sub.name} is both a subcommand and a subcommand group.`);
      }
      entries.push(sub);
      continue;
    }
    let groupJson = entries.find(
      (entry): entry is GroupJson =>
        entry.type === ApplicationCommandOptionType.SubcommandGroup && entry.name === group,
    );
    if (!groupJson) {
      if (entries.some((entry) => entry.name === group)) {
        throw new RegistrationError(`/${top} ${group} is both a subcommand and a subcommand group.`);
      }
      groupJson = {
        type: ApplicationCommandOptionType.SubcommandGroup,
        name: checkName(group, `Group "${group}" of /${top}`),
        description: description(GROUP_DESCRIPTIONS[group] ?? `${group} commands`),
        options: [],
      };
      entries.push(groupJson);
    }
    groupJson.options.push(sub);
    if (groupJson.options.length > COMMAND_LIMITS.options) {
      throw new RegistrationError(
        `/${top} ${group} has more than ${COMMAND_LIMITS.options} subcommands; Discord allows ${COMMAND_LIMITS.options} per group.`,
      );
    }
  }
  const body: CommandJson[] = [];
  for (const top of Object.keys(TOP_LEVEL) as TopLevel[]) {
    const entries = byTop.get(top);
    if (!entries?.length) continue;
    if (entries.length > COMMAND_LIMITS.options) {
      throw new RegistrationError(
        `/${top} has ${entries.length} subcommands and groups; Discord allows ${COMMAND_LIMITS.options} per command. Move some under a group or another command.`,
      );
    }
    const permissions = DEFAULT_PERMISSIONS[top];
    body.push({
      type: ApplicationCommandType.ChatInput,
      name: top,
      description: TOP_LEVEL[top],
      // Rapport is a community-server bot: its commands are not offered in DMs or as a user app.
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      ...(permissions !== undefined ? { default_member_permissions: permissions.toString() } : {}),
      options: entries,
    });
  }
  return body;
}

/**
 * Everything one registration PUT carries: the slash commands, then the user context-menu
 * commands (contextMenus.ts) whose command is in the list.
 */
export function buildCatalogue(commands: readonly Command[]): (CommandJson | UserCommandJson)[] {
  return [...buildRegistration(commands), ...contextMenuJson(commands)];
}

/** The route of a registration: a guild's commands (instant) or the global ones (cached by clients). */
export function registrationRoute(appId: string, guildId?: string): `/${string}` {
  return guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
}
