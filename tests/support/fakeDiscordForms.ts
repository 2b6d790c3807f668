/**
 * Interaction payloads for Discord's forms, shaped as Discord sends them (API v10): a user
 * context-menu command (type 2, data type 2, with `target_id` and the resolved user and member),
 * and a modal submission (type 5) answering a modal the bot opened, with each label's component
 * and the value typed or picked.
 */
import {
  type CommandInput,
  chatInputInteraction,
  type FakeUser,
  type InteractionBase,
  type InteractionPayload,
  snowflake,
} from './fakeDiscord.js';

/** A modal as the bot sent it in a type 9 callback (`data`). */
export interface SentModal {
  custom_id: string;
  title: string;
  components: SentComponent[];
}

export interface SentComponent {
  type: number;
  label?: string;
  content?: string;
  component?: {
    type: number;
    custom_id: string;
    value?: string;
    style?: number;
    required?: boolean;
    options?: { label: string; value: string }[];
  };
}

/** An interaction (in a guild, or a DM without one) with every field but `type` and `data` as a slash command has them. */
function interactionOf(
  type: number,
  input: InteractionBase,
  data: Record<string, unknown>,
): InteractionPayload {
  const command: CommandInput = { ...input, command: 'rapport', subcommand: 'help' };
  return { ...chatInputInteraction(command), type, data };
}

export interface UserMenuInput extends InteractionBase {
  /** The menu item's name, e.g. "Log a meeting". */
  name: string;
  target: FakeUser;
  /** The target's nickname in the server. */
  targetNick?: string | null;
}

/** A user context-menu command used on `target`. */
export function userMenuInteraction(input: UserMenuInput): InteractionPayload {
  const target = { discriminator: '0', avatar: null, global_name: null, public_flags: 0, ...input.target };
  return interactionOf(2, input, {
    id: snowflake(),
    name: input.name,
    type: 2,
    target_id: target.id,
    ...(input.guild ? { guild_id: input.guild.id } : {}),
    resolved: {
      users: { [target.id]: target },
      members: {
        [target.id]: {
          roles: [],
          joined_at: new Date(0).toISOString(),
          nick: input.targetNick ?? null,
          avatar: null,
          flags: 0,
          pending: false,
          permissions: '0',
        },
      },
    },
  });
}

export interface ModalSubmitInput extends InteractionBase {
  modal: SentModal;
  /** What was typed (text) or picked (selects) per field custom_id; fields left out stay as sent. */
  answers?: Record<string, string | string[]>;
}

/**
 * The submission of `modal`: every field with its answer, else the value it was opened with, else
 * empty; a text display comes back as its type and id, as Discord sends it.
 */
export function modalSubmitInteraction(input: ModalSubmitInput): InteractionPayload {
  const answers = input.answers ?? {};
  let id = 0;
  const components = input.modal.components.map((sent) => {
    id += 1;
    const inner = sent.component;
    if (!inner) return { type: sent.type, id };
    const answer = answers[inner.custom_id];
    const field =
      inner.type === 4
        ? { type: 4, id: id + 100, custom_id: inner.custom_id, value: String(answer ?? inner.value ?? '') }
        : {
            type: inner.type,
            id: id + 100,
            custom_id: inner.custom_id,
            values: answer === undefined ? [] : Array.isArray(answer) ? answer : [answer],
          };
    return { type: sent.type, id, component: field };
  });
  return interactionOf(5, input, { custom_id: input.modal.custom_id, components });
}
