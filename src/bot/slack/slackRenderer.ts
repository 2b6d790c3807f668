/**
 * Core's Reply as Block Kit: header, sections (mrkdwn), fields, context lines, buttons, dividers,
 * plus the plain `text` Slack shows in notifications and where blocks cannot be drawn. Everything
 * a person typed goes through `neutralizeUserText`; product text is entity-escaped. Slack
 * rejects a payload over its limits outright, so long replies are split or cut here instead.
 */
import type { types as SlackTypes } from '@slack/bolt';
import {
  type Action,
  type Block,
  examplesList,
  type Inline,
  type Line,
  type Reply,
} from '../../core/reply.js';
import { escapeMrkdwn, neutralizeUserText, truncateMrkdwn, truncatePlain } from './mrkdwn.js';

export type SlackBlock = SlackTypes.KnownBlock;
type MrkdwnText = SlackTypes.MrkdwnElement;
type ButtonElement = SlackTypes.Button;

/** Block Kit's limits that replies can reach (https://docs.slack.dev/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  headerText: 150,
  fallbackText: 3000,
} as const;

/** What chat.postMessage, chat.update and respond() take. */
export interface SlackMessage {
  blocks: SlackBlock[];
  /** Notification and fallback text, mrkdwn-safe like the blocks. */
  text: string;
}

const SHORTENED_NOTE = 'This reply was shortened to fit in Slack.';
const EMPTY_FIELD = '\u2014';

export function renderInline(part: Inline): string {
  if (typeof part === 'string') return escapeMrkdwn(part);
  if ('user' in part) return neutralizeUserText(part.user);
  if ('strong' in part) return part.strong === '' ? '' : `*${neutralizeUserText(part.strong)}*`;
  return part.code === '' ? '' : `\`${neutralizeUserText(part.code)}\``;
}

export function renderLine(line: Line): string {
  return line.map(renderInline).join('');
}

/**
 * `verbatim: true` stops Slack's own pre-processing of mrkdwn (turning bare `@here` or `#channel`
 * into live references), so only what we escaped reaches the reader.
 */
const mrkdwn = (text: string, max: number): MrkdwnText => ({
  type: 'mrkdwn',
  text: truncateMrkdwn(text, max),
  verbatim: true,
});

const section = (text: string): SlackBlock => ({
  type: 'section',
  text: mrkdwn(text, SLACK_LIMITS.sectionText),
});

/** Lines packed into as few sections as fit, each under the section limit. */
function sections(lines: string[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  let current = '';
  for (const line of lines) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= SLACK_LIMITS.sectionText || current === '') {
      current = next;
      continue;
    }
    out.push(section(current));
    current = line;
  }
  if (current.trim() !== '') out.push(section(current));
  return out;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Slack wants action ids unique within a block; a list of contacts may carry several "Show"
 * buttons, so repeats get a `:n` suffix that `parseActionId` strips.
 */
function buttons(actions: readonly Action[]): ButtonElement[] {
  const seen = new Map<string, number>();
  const out: ButtonElement[] = [];
  for (const action of actions) {
    // An opaque value cut short would route the click to the wrong thing: leave such a button out.
    if (action.value.length > SLACK_LIMITS.buttonValue) continue;
    const count = seen.get(action.id) ?? 0;
    seen.set(action.id, count + 1);
    out.push({
      type: 'button',
      action_id: count === 0 ? action.id : `${action.id}:${count}`,
      text: { type: 'plain_text', text: truncatePlain(action.label, SLACK_LIMITS.buttonText), emoji: true },
      value: action.value,
      ...(action.style ? { style: action.style } : {}),
    });
  }
  return out;
}

function renderBlock(block: Block): SlackBlock[] {
  switch (block.type) {
    case 'header': {
      const text = block.text.trim();
      if (text === '') return [];
      return [
        {
          type: 'header',
          text: { type: 'plain_text', text: truncatePlain(text, SLACK_LIMITS.headerText), emoji: true },
        },
      ];
    }
    case 'text':
      return sections(block.lines.map(renderLine));
    case 'list': {
      const lines = block.items.map((item) => `\u2022 ${renderLine(item)}`);
      return sections(block.title ? [`*${escapeMrkdwn(block.title)}*`, ...lines] : lines);
    }
    case 'fields':
      return chunk(block.fields, SLACK_LIMITS.fieldsPerSection).map((fields) => ({
        type: 'section',
        fields: fields.map((field) => {
          const value = renderLine(field.value);
          return mrkdwn(
            `*${escapeMrkdwn(field.label)}*\n${value === '' ? EMPTY_FIELD : value}`,
            SLACK_LIMITS.fieldText,
          );
        }),
      }));
    case 'context': {
      const lines = block.lines.map(renderLine).filter((line) => line !== '');
      if (lines.length === 0) return [];
      const kept = lines.slice(0, SLACK_LIMITS.contextElements - 1);
      const rest = lines.slice(SLACK_LIMITS.contextElements - 1);
      if (rest.length > 0) kept.push(rest.join('\n'));
      return [{ type: 'context', elements: kept.map((line) => mrkdwn(line, SLACK_LIMITS.contextText)) }];
    }
    case 'actions': {
      const elements = buttons(block.actions);
      return chunk(elements, SLACK_LIMITS.actionsElements).map((group) => ({
        type: 'actions',
        elements: group,
      }));
    }
    case 'divider':
      return [{ type: 'divider' }];
    case 'examples':
      return renderBlock(examplesList(block));
  }
}

/** The blocks of a reply, at most `maxBlocks` (50 in a message, 100 in a view). */
export function renderBlocks(
  blocks: readonly Block[],
  maxBlocks: number = SLACK_LIMITS.messageBlocks,
): SlackBlock[] {
  const out = blocks.flatMap(renderBlock);
  if (out.length <= maxBlocks) return out;
  return [
    ...out.slice(0, maxBlocks - 1),
    { type: 'context', elements: [mrkdwn(SHORTENED_NOTE, SLACK_LIMITS.contextText)] },
  ];
}

function fallbackLines(block: Block): string[] {
  switch (block.type) {
    case 'header':
      return [escapeMrkdwn(block.text)];
    case 'text':
    case 'context':
      return block.lines.map(renderLine);
    case 'list':
      return [
        ...(block.title ? [escapeMrkdwn(block.title)] : []),
        ...block.items.map((item) => `\u2022 ${renderLine(item)}`),
      ];
    case 'fields':
      return block.fields.map((field) => `${escapeMrkdwn(field.label)}: ${renderLine(field.value)}`);
    case 'examples':
      return fallbackLines(examplesList(block));
    case 'actions':
    case 'divider':
      return [];
  }
}

/** The notification text: the reply's words without buttons, escaped like the blocks. */
export function fallbackText(blocks: readonly Block[]): string {
  const text = blocks
    .flatMap(fallbackLines)
    .filter((line) => line.trim() !== '')
    .join('\n');
  return truncateMrkdwn(text === '' ? 'Rapport' : text, SLACK_LIMITS.fallbackText);
}

export function renderReply(reply: Reply, maxBlocks: number = SLACK_LIMITS.messageBlocks): SlackMessage {
  return { blocks: renderBlocks(reply.blocks, maxBlocks), text: fallbackText(reply.blocks) };
}

/** A button's action id back to core's, without the `:n` that keeps repeats unique. */
export function parseActionId(actionId: string): string {
  const colon = actionId.indexOf(':');
  return colon === -1 ? actionId : actionId.slice(0, colon);
}
