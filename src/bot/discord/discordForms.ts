/**
 * Forms on the gateway client: a command with a form run with no options opens it (the modal is
 * the first answer, so nothing is deferred); a user context-menu command opens its command's form
 * on the member it was used on, after the role check; a button that has a form where forms exist
 * (a card's Add note) opens it with the button's value filled in; a submitted form runs the command like the
 * typed one, deferred and answered privately in turn (answerInTurn.ts). What the forms hold and
 * how a submission reads back is plain data (discordModals.ts, contextMenus.ts).
 */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  type ModalSubmitInteraction,
  type UserContextMenuCommandInteraction,
} from 'discord.js';
import type { RapportApi } from '../../core/api.js';
import type { Actor, Command, RawArgs } from '../../core/command.js';
import type { Logger } from '../logger.js';
import { answerInTurn, type TurnOptions } from './answerInTurn.js';
import { contextMenuModal, contextMenuNamed, type MenuTarget, mentionOf } from './contextMenus.js';
import { settle, within } from './deadline.js';
import type { ButtonRoute } from './discordButtons.js';
import {
  buttonOfForm,
  type FormRoute,
  type FormValues,
  formArgs,
  formModal,
  opensForm,
  parseFormCustomId,
} from './discordModals.js';
import { plainMessage, renderReply } from './discordRenderer.js';
import { replyOptions } from './interactionReplies.js';
import { DISCORD_SENTENCES } from './sentences.js';

/** What the person reads when a form or a menu item is not one this version knows. */
export const FORM_SENTENCES = {
  staleForm: 'That form is from an older version of Rapport. Run the command again to get a fresh one.',
  staleMenu: 'That menu item is from an older version of Rapport. Use the slash command instead.',
} as const;

export interface FormDeps {
  api: RapportApi;
  logger: Logger;
  turns: TurnOptions;
  identify: (interaction: Interaction, guildId: string) => Promise<Actor>;
  /**
   * How long the role check before a menu's form may take: the form must be Discord's first
   * answer, within 3 s. Past this the form opens anyway and the submission is checked instead.
   */
  checkWithinMs?: number;
}

export interface FormHandlers {
  /** Opens the command's form when it was run with no options; false when it runs as typed. */
  openIfBare(interaction: ChatInputCommandInteraction, command: Command, options: RawArgs): Promise<boolean>;
  /** Opens the form a button opens where forms exist (a card's Add note); false when it has none. */
  openForButton(interaction: ButtonInteraction, route: ButtonRoute): Promise<boolean>;
  onUserMenu(interaction: UserContextMenuCommandInteraction): Promise<void>;
  onSubmit(interaction: ModalSubmitInteraction): Promise<void>;
}

/** The target's name in the server: nickname, else global name, else username. */
function targetOf(interaction: UserContextMenuCommandInteraction): MenuTarget {
  const member = interaction.targetMember;
  const nick = member && 'displayName' in member ? member.displayName : member?.nick;
  const user = interaction.targetUser;
  return { id: interaction.targetId, name: nick ?? user.globalName ?? user.username };
}

/** A submission's values as discord.js has read them: text, or a select's picks. */
function valuesOf(interaction: ModalSubmitInteraction): FormValues {
  const values: FormValues = {};
  for (const [id, field] of interaction.fields.fields) {
    if ('value' in field && typeof field.value === 'string') values[id] = field.value;
    else if ('values' in field) values[id] = field.values;
  }
  return values;
}

export function createFormHandlers(deps: FormDeps): FormHandlers {
  const { api, logger, turns, identify } = deps;
  const checkWithinMs = deps.checkWithinMs ?? 2000;
  const byName = new Map(api.commands.map((command) => [command.name, command]));

  /**
   * Who submitted a form: in a server, Discord says which; in a DM (a card's button on a
   * reminder), the row the button's value names must be theirs, as for the button itself.
   */
  function actorOf(interaction: ModalSubmitInteraction, route: FormRoute): Promise<Actor | null> {
    if (interaction.guildId) return identify(interaction, interaction.guildId);
    const button = buttonOfForm(route);
    if (!button) return Promise.resolve(null);
    return api.identifyClick(
      { platform: 'discord', externalUserId: interaction.user.id },
      button.action,
      button.value,
    );
  }

  return {
    async openIfBare(interaction, command, options) {
      if (!opensForm(command, options)) return false;
      await interaction.showModal(formModal(command));
      return true;
    },

    async openForButton(interaction, route) {
      const form = api.formForAction(route.action, route.value);
      if (!form) return false;
      const [filled] = Object.entries(form.prefill);
      const prefill = filled && { option: filled[0], value: String(filled[1]) };
      await interaction.showModal(formModal(form.command, prefill ? { prefill } : {}));
      return true;
    },

    async onUserMenu(interaction) {
      const menu = contextMenuNamed(interaction.commandName);
      const command = menu && byName.get(menu.command);
      if (!menu || !command) {
        await interaction.reply(replyOptions(plainMessage(FORM_SENTENCES.staleMenu)));
        return;
      }
      if (!interaction.inGuild()) {
        await interaction.reply(replyOptions(plainMessage(DISCORD_SENTENCES.notInGuild)));
        return;
      }
      const target = targetOf(interaction);
      const checked = await within(
        settle(identify(interaction, interaction.guildId)),
        checkWithinMs,
        turns.wait,
      );
      if (checked === 'late') logger.warn({ menu: menu.name }, 'Role check before a Discord form was slow');
      else if (!checked.ok)
        logger.error({ menu: menu.name, err: checked.error }, 'Role check before a form failed');
      else if (!command.roles.includes(checked.value.role)) {
        // Core refuses before running anything, in the typed command's words.
        const refusal = await api.runOptions(checked.value, command.name, {
          [menu.option]: mentionOf(target),
        });
        await interaction.reply(replyOptions(renderReply(refusal)));
        return;
      }
      await interaction.showModal(contextMenuModal(menu, command, target));
    },

    async onSubmit(interaction) {
      const route = parseFormCustomId(interaction.customId);
      const command = route && byName.get(route.command);
      if (!route || !command) {
        await interaction.reply(replyOptions(plainMessage(FORM_SENTENCES.staleForm)));
        return;
      }
      if (!interaction.guildId && !buttonOfForm(route)) {
        await interaction.reply(replyOptions(plainMessage(DISCORD_SENTENCES.notInGuild)));
        return;
      }
      const args = formArgs(command, route, valuesOf(interaction));
      await answerInTurn(turns, {
        interaction,
        defer: () => interaction.deferReply({ flags: MessageFlags.Ephemeral }),
        bytes: JSON.stringify(args).length,
        what: { form: command.name },
        work: async () => {
          const actor = await actorOf(interaction, route);
          if (!actor) return plainMessage(DISCORD_SENTENCES.notYourButton);
          return renderReply(await api.runOptions(actor, command.name, args));
        },
      });
    },
  };
}
