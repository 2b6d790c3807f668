/**
 * The Slack surfaces beyond messages: the add-contact and note modals (and what their submissions
 * mean), a contact card shown in a modal, and the App Home tab.
 */
import type { types as SlackTypes, ViewOutput } from '@slack/bolt';
import type { RawArgs } from '../../core/command.js';
import { SOURCE_LABELS, SOURCES } from '../../core/domain.js';
import type { Reply } from '../../core/reply.js';
import { truncatePlain } from './mrkdwn.js';
import { renderBlocks, SLACK_LIMITS } from './slackRenderer.js';

type ModalView = SlackTypes.ModalView;
type HomeView = SlackTypes.HomeView;

/** `callback_id`s of our modals; the adapter routes submissions by them. */
export const VIEW_IDS = { add: 'rapport_add', note: 'rapport_note', card: 'rapport_card' } as const;

/** The single action id of every input, so a value is always at `state.values[block][VALUE]`. */
const VALUE = 'value';
const TITLE_MAX = 24;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

function textInput(
  blockId: string,
  label: string,
  options: { optional?: boolean; maxLength: number; multiline?: boolean; placeholder?: string },
): SlackTypes.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: options.optional ?? false,
    label: plain(label),
    element: {
      type: 'plain_text_input',
      action_id: VALUE,
      max_length: options.maxLength,
      multiline: options.multiline ?? false,
      ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
    },
  };
}

/** The modal a bare `/rapport add` opens. */
export function addContactModal(): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW_IDS.add,
    title: plain('Add a contact'),
    submit: plain('Add'),
    close: plain('Cancel'),
    blocks: [
      textInput('name', 'Name', { maxLength: 200, placeholder: 'Jane Doe' }),
      textInput('org', 'Organization', { optional: true, maxLength: 200, placeholder: 'Figma' }),
      textInput('role', 'Role', { optional: true, maxLength: 200, placeholder: 'UX Researcher' }),
      {
        type: 'input',
        block_id: 'source',
        optional: true,
        label: plain('How you know of them'),
        element: {
          type: 'static_select',
          action_id: VALUE,
          placeholder: plain('Choose a source'),
          options: SOURCES.map((source) => ({ text: plain(SOURCE_LABELS[source]), value: source })),
        },
      },
      textInput('link', 'Profile link or email', { optional: true, maxLength: 500 }),
    ],
  };
}

/** The modal the "Add note" button opens; the contact rides along in `private_metadata`. */
export function noteModal(contactValue: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW_IDS.note,
    private_metadata: contactValue,
    title: plain('Add a note'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      textInput('text', 'Note', { maxLength: 3000, multiline: true, placeholder: 'What did you learn?' }),
    ],
  };
}

/** A reply (a contact card) shown in a modal, for buttons pressed in App Home. */
export function replyModal(reply: Reply, title = 'Rapport'): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW_IDS.card,
    title: plain(truncatePlain(title, TITLE_MAX)),
    close: plain('Close'),
    blocks: renderBlocks(reply.blocks, SLACK_LIMITS.viewBlocks),
  };
}

export function homeView(reply: Reply): HomeView {
  return { type: 'home', blocks: renderBlocks(reply.blocks, SLACK_LIMITS.viewBlocks) };
}

/** The trimmed text of a plain input or the value of a select; undefined when left empty. */
export function inputValue(view: ViewOutput, blockId: string): string | undefined {
  const state = view.state.values[blockId]?.[VALUE];
  const raw = state?.type === 'static_select' ? state.selected_option?.value : state?.value;
  const value = typeof raw === 'string' ? raw.trim() : '';
  return value === '' ? undefined : value;
}

/** The options of an add-contact submission, named as core's `add` command names them. */
export function addContactOptions(view: ViewOutput): RawArgs {
  return {
    name: inputValue(view, 'name'),
    org: inputValue(view, 'org'),
    role: inputValue(view, 'role'),
    source: inputValue(view, 'source'),
    link: inputValue(view, 'link'),
  };
}
