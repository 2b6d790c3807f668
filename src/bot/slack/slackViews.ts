/**
 * The Slack surfaces beyond messages: a modal form for any command that has one (derived from
 * the command's options), the note modal that a contact card's button opens, a contact card
 * shown in a modal, and the App Home tab.
 */
import type { types as SlackTypes, ViewOutput } from '@slack/bolt';
import type { Command, OptionSpec, RawArgs } from '../../core/command.js';
import type { Reply } from '../../core/reply.js';
import { truncatePlain } from './mrkdwn.js';
import { renderBlocks, SLACK_LIMITS } from './slackRenderer.js';

type ModalView = SlackTypes.ModalView;
type HomeView = SlackTypes.HomeView;
type InputBlock = SlackTypes.InputBlock;

/** The `callback_id` of the modal that shows a contact card. */
export const CARD_VIEW_ID = 'rapport_card';

/** The `callback_id` of a command's form: `rapport_add`, `rapport_settings_tz`. */
export const formCallbackId = (name: string): string => `rapport_${name.replace(/\s+/g, '_')}`;

/** The single action id of every input, so a value is always at `state.values[block][VALUE]`. */
const VALUE = 'value';
const TITLE_MAX = 24;
/** Slack's longest plain_text_input. */
const INPUT_MAX = 3000;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** The label a form shows for an option: its own, else its name capitalized. */
const labelOf = (option: OptionSpec): string =>
  option.label ?? `${option.name.charAt(0).toUpperCase()}${option.name.slice(1)}`;

/** One option as a form input: a select for choices, a user picker, a number, or text; `initial` fills a text field. */
function optionInput(option: OptionSpec, initial?: string): InputBlock {
  const placeholder = option.placeholder ? { placeholder: plain(option.placeholder) } : {};
  const element: InputBlock['element'] = option.choices
    ? {
        type: 'static_select',
        action_id: VALUE,
        placeholder: plain(option.placeholder ?? 'Choose one'),
        options: option.choices.map((choice) => ({
          text: plain(truncatePlain(choice.name, 75)),
          value: choice.value,
        })),
      }
    : option.type === 'user'
      ? { type: 'users_select', action_id: VALUE, ...placeholder }
      : option.type === 'integer'
        ? {
            type: 'number_input',
            action_id: VALUE,
            is_decimal_allowed: false,
            ...(option.minValue !== undefined ? { min_value: String(option.minValue) } : {}),
            ...(option.maxValue !== undefined ? { max_value: String(option.maxValue) } : {}),
            ...placeholder,
          }
        : {
            type: 'plain_text_input',
            action_id: VALUE,
            max_length: Math.min(option.maxLength ?? INPUT_MAX, INPUT_MAX),
            multiline: option.multiline ?? false,
            ...placeholder,
            ...(initial
              ? { initial_value: initial.slice(0, Math.min(option.maxLength ?? INPUT_MAX, INPUT_MAX)) }
              : {}),
          };
  return {
    type: 'input',
    block_id: option.name,
    optional: !option.required,
    label: plain(truncatePlain(labelOf(option), 2000)),
    element,
  };
}

/**
 * A command's form as a modal. A button may fill one option (`prefill`): that option is not
 * shown, and its value rides along in `private_metadata` (see `formOptions`). `initial` fills
 * text fields the person still sees and may change (a shortcut's suggestions).
 */
export function commandModal(command: Command, prefill: RawArgs = {}, initial: RawArgs = {}): ModalView {
  const form = command.form ?? { title: command.name, submit: 'Save' };
  const [filled] = Object.entries(prefill);
  return {
    type: 'modal',
    callback_id: formCallbackId(command.name),
    ...(filled ? { private_metadata: String(filled[1]) } : {}),
    title: plain(truncatePlain(form.title, TITLE_MAX)),
    submit: plain(form.submit),
    close: plain('Cancel'),
    blocks: command.options
      .filter((option) => option.name !== filled?.[0])
      .map((option) => {
        const value = initial[option.name];
        return optionInput(option, value === undefined ? undefined : String(value));
      }),
  };
}

/** A reply (a contact card) shown in a modal, for buttons pressed in App Home. */
export function replyModal(reply: Reply, title = 'Rapport'): ModalView {
  return {
    type: 'modal',
    callback_id: CARD_VIEW_ID,
    title: plain(truncatePlain(title, TITLE_MAX)),
    close: plain('Close'),
    blocks: renderBlocks(reply.blocks, SLACK_LIMITS.viewBlocks),
  };
}

export function homeView(reply: Reply): HomeView {
  return { type: 'home', blocks: renderBlocks(reply.blocks, SLACK_LIMITS.viewBlocks) };
}

/** The trimmed value of an input (text, number, select, user picker); undefined when left empty. */
export function inputValue(view: ViewOutput, blockId: string): string | undefined {
  const state = view.state.values[blockId]?.[VALUE];
  const raw =
    state?.type === 'static_select'
      ? state.selected_option?.value
      : state?.type === 'users_select'
        ? state.selected_user
        : state?.value;
  const value = typeof raw === 'string' ? raw.trim() : '';
  return value === '' ? undefined : value;
}

/**
 * A form's submission as the command's options, or the field errors to show when a required one
 * is empty. Numbers come back as numbers, a picked user as the user's id, and the one option the
 * form did not show (a button's prefill) from `private_metadata`.
 */
export function formOptions(
  command: Pick<Command, 'options'>,
  view: ViewOutput,
): { options: RawArgs } | { errors: Record<string, string> } {
  const options: RawArgs = {};
  const errors: Record<string, string> = {};
  for (const option of command.options) {
    if (!Object.hasOwn(view.state.values, option.name)) {
      if (view.private_metadata) options[option.name] = view.private_metadata;
      continue;
    }
    const value = inputValue(view, option.name);
    if (value === undefined && option.required) {
      errors[option.name] = `Please enter ${option.prompt ?? labelOf(option).toLowerCase()}.`;
    }
    options[option.name] = option.type === 'integer' && value !== undefined ? Number(value) : value;
  }
  return Object.keys(errors).length ? { errors } : { options };
}
