/**
 * Discord's modal forms, derived from a command's options the way Slack's modal is: `/rapport add`
 * with no options opens one, and the *Log a meeting* user menu opens `log`'s with the student
 * filled in. Everything here is plain data in Discord's API shape (the `data` of an interaction
 * response of type 9, and a modal submission's `data`), so the gateway adapter (through
 * discord.js) and an HTTP interactions endpoint (raw JSON) build and read forms with the same code.
 *
 * A submission reads back as the command's options (`RawArgs`), which go to the same
 * `RapportApi.runOptions` as the typed command: a bad form gets the typed command's sentence.
 */
import {
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmission,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import { ACTION_FORMS } from '../../core/actions.js';
import type { Command, OptionSpec, RawArgs } from '../../core/command.js';
import type { ActionId } from '../../core/reply.js';
import { escapeDiscordText, fitText } from './discordText.js';

/** Discord's documented limits for modals. */
export const MODAL_LIMITS = {
  /** Top-level components (labels, text displays) in one modal. */
  components: 5,
  title: 45,
  label: 45,
  placeholder: 100,
  customId: 100,
  textInput: 4000,
  selectOptions: 25,
  selectOptionName: 100,
} as const;

/**
 * Which options a form shows on Discord, where a command has more than a modal holds. `add` knows
 * eight things about a contact; its form asks for the five a student has at hand when adding
 * someone (the typed command takes the rest). Every other form shows its options in order.
 */
const DISCORD_FORM_FIELDS: Partial<Record<string, readonly string[]>> = {
  add: ['name', 'org', 'role', 'source', 'note'],
};

/** An option the form does not show because the way it was opened settles it (a menu's target). */
export interface FormPrefill {
  option: string;
  /** The option's value as core reads it, e.g. `<@123>` for a person. */
  value: string;
  /** What the form says about it, e.g. "Meeting with **Maria**" (plain text; escaped here). */
  shown?: string;
}

/** What a submitted form said: each field's text, or a select's picked values. */
export type FormValues = Record<string, string | readonly string[]>;

/** Where a form came from: the command, and the option its opening filled in. */
export interface FormRoute {
  command: string;
  prefill?: { option: string; value: string };
}

const PREFIX = 'rapport-form';

/** `rapport-form:add`, `rapport-form:log:student:<@123>`; command names' spaces become dots. */
export function formCustomId(command: string, prefill?: { option: string; value: string }): string {
  const id = [PREFIX, command.replace(/\s+/g, '.'), ...(prefill ? [prefill.option, prefill.value] : [])].join(
    ':',
  );
  if (id.length > MODAL_LIMITS.customId) throw new Error(`Form custom_id over 100 characters: ${command}`);
  return id;
}

/** Reads a form's custom_id back; null when it is not one of ours. */
export function parseFormCustomId(customId: string): FormRoute | null {
  const [prefix, command, option, ...value] = customId.split(':');
  if (prefix !== PREFIX || !command) return null;
  const name = command.replace(/\./g, ' ');
  if (option === undefined) return { command: name };
  const joined = value.join(':');
  return joined === '' ? null : { command: name, prefill: { option, value: joined } };
}

/**
 * The button a form stands for when a button opened it (a card's Add note): its prefill is the
 * button's value. A form submitted in a DM has no server to say who sent it, so, as for the
 * button itself, the row that value names must be the submitter's (`RapportApi.identifyClick`).
 */
export function buttonOfForm(route: FormRoute): { action: ActionId; value: string } | undefined {
  const { prefill } = route;
  if (!prefill) return undefined;
  const entry = Object.entries(ACTION_FORMS).find(
    ([, form]) => form?.command === route.command && form.option === prefill.option,
  );
  return entry && { action: entry[0] as ActionId, value: prefill.value };
}

/** A command with a form opens it when it is run with no options at all. */
export function opensForm(command: Pick<Command, 'form'>, options: RawArgs): boolean {
  return command.form !== undefined && Object.values(options).every((value) => value === undefined);
}

/** The options a command's form shows on Discord, in order, without the one a prefill settles. */
export function formFields(command: Pick<Command, 'name' | 'options'>, hidden?: string): OptionSpec[] {
  const picked = DISCORD_FORM_FIELDS[command.name];
  const shown = picked
    ? picked.map((name) => {
        const option = command.options.find((o) => o.name === name);
        if (!option) throw new Error(`The Discord form of "${command.name}" names no option "${name}".`);
        return option;
      })
    : command.options;
  const fields = shown.filter((option) => option.name !== hidden);
  // A text display takes one of the five places when a prefill is shown.
  return fields.slice(0, MODAL_LIMITS.components - (hidden ? 1 : 0));
}

const labelOf = (option: OptionSpec): string =>
  option.label ?? `${option.name.charAt(0).toUpperCase()}${option.name.slice(1)}`;

/** One option as a labelled input: a select for choices, a user picker, else a text input. */
function fieldComponent(option: OptionSpec, value?: string) {
  const required = option.required === true;
  const placeholder = option.placeholder
    ? { placeholder: fitText(option.placeholder, MODAL_LIMITS.placeholder) }
    : {};
  const component = option.choices
    ? {
        type: ComponentType.StringSelect as const,
        custom_id: option.name,
        required,
        min_values: required ? 1 : 0,
        max_values: 1,
        ...placeholder,
        options: option.choices.slice(0, MODAL_LIMITS.selectOptions).map((choice) => ({
          label: fitText(choice.name, MODAL_LIMITS.selectOptionName),
          value: choice.value,
        })),
      }
    : option.type === 'user'
      ? { type: ComponentType.UserSelect as const, custom_id: option.name, required, max_values: 1 }
      : {
          type: ComponentType.TextInput as const,
          custom_id: option.name,
          style: option.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required,
          max_length: Math.min(option.maxLength ?? MODAL_LIMITS.textInput, MODAL_LIMITS.textInput),
          ...placeholder,
          ...(value ? { value } : {}),
        };
  return {
    type: ComponentType.Label as const,
    label: fitText(labelOf(option), MODAL_LIMITS.label),
    description: fitText(option.description, 100),
    component,
  };
}

/**
 * A command's form as a modal (the `data` of an interaction response of type 9). `values` fills
 * text fields in advance (a date of "today").
 */
export function formModal(
  command: Pick<Command, 'name' | 'options' | 'form' | 'summary'>,
  options: { prefill?: FormPrefill; title?: string; values?: Record<string, string> } = {},
): APIModalInteractionResponseCallbackData {
  const { prefill, values = {} } = options;
  const title = options.title ?? command.form?.title ?? command.summary;
  const fields = formFields(command, prefill?.option).map((option) =>
    fieldComponent(option, values[option.name]),
  );
  return {
    custom_id: formCustomId(command.name, prefill && { option: prefill.option, value: prefill.value }),
    title: fitText(title, MODAL_LIMITS.title),
    components: [
      ...(prefill?.shown
        ? [{ type: ComponentType.TextDisplay as const, content: escapeDiscordText(prefill.shown) }]
        : []),
      ...fields,
    ],
  };
}

type SubmittedComponent = APIModalSubmission['components'][number];

/** The values of a raw modal submission (`interaction.data.components`), labels or action rows. */
export function submittedValues(components: readonly SubmittedComponent[]): FormValues {
  const values: FormValues = {};
  const read = (component: unknown) => {
    const c = component as { custom_id?: string; value?: unknown; values?: unknown };
    if (typeof c.custom_id !== 'string') return;
    if (typeof c.value === 'string') values[c.custom_id] = c.value;
    else if (Array.isArray(c.values)) values[c.custom_id] = c.values.map(String);
  };
  for (const component of components) {
    if ('component' in component) read(component.component);
    else if ('components' in component) for (const inner of component.components) read(inner);
  }
  return values;
}

/**
 * A submitted form as the command's options, ready for `RapportApi.runOptions`: trimmed text,
 * empty fields left out (so a required one gets core's own "tell me ..." sentence), integers as
 * numbers when they are whole numbers, a picked person as a mention, and the prefilled option
 * from the custom_id. Fields the command does not have are ignored.
 */
export function formArgs(command: Pick<Command, 'options'>, route: FormRoute, values: FormValues): RawArgs {
  const args: RawArgs = {};
  for (const option of command.options) {
    if (route.prefill?.option === option.name) {
      args[option.name] = route.prefill.value;
      continue;
    }
    const raw = values[option.name];
    const text = (typeof raw === 'string' ? raw : raw?.[0])?.trim();
    if (!text) continue;
    if (option.type === 'user') args[option.name] = /^\d+$/.test(text) ? `<@${text}>` : text;
    else if (option.type === 'integer' && /^\d{1,9}$/.test(text)) args[option.name] = Number(text);
    else args[option.name] = text;
  }
  return args;
}
