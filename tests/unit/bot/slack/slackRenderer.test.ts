import { describe, expect, it } from 'vitest';
import {
  fallbackText,
  parseActionId,
  renderBlocks,
  renderReply,
  SLACK_LIMITS,
} from '../../../../src/bot/slack/slackRenderer.js';
import type { Block, Reply } from '../../../../src/core/reply.js';

const say = (...blocks: Block[]): Reply => ({ blocks });
const json = (value: unknown) => JSON.stringify(value);

describe('rendering a reply as Block Kit', () => {
  it('when a reply has every kind of block, then each becomes its Block Kit counterpart', () => {
    const { blocks, text } = renderReply(
      say(
        { type: 'header', text: 'Your pipeline' },
        {
          type: 'text',
          lines: [['Added ', { user: 'Jane' }, ' with ', { strong: 'care' }, ' and ', { code: 'list' }]],
        },
        { type: 'fields', fields: [{ label: 'Stage', value: ['Met'] }] },
        { type: 'list', title: 'Identified (1)', items: [['#1 ', { user: 'Jane' }]] },
        { type: 'context', lines: [['1 of 10']] },
        { type: 'actions', actions: [{ id: 'contact_show', label: 'Show', value: 'c-1', style: 'primary' }] },
        { type: 'divider' },
      ),
    );
    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'context',
      'actions',
      'divider',
    ]);
    expect(blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Added Jane with *care* and `list`', verbatim: true },
    });
    expect(json(blocks[2])).toContain('*Stage*\\nMet');
    expect(json(blocks[3])).toContain('*Identified (1)*\\n\u2022 #1 Jane');
    expect(blocks[5]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'contact_show',
          text: { type: 'plain_text', text: 'Show', emoji: true },
          value: 'c-1',
          style: 'primary',
        },
      ],
    });
    expect(text).toContain('Your pipeline');
    expect(text).toContain('Stage: Met');
    expect(text).not.toContain('Show');
  });

  it('when product text holds < and >, then they are entity-escaped', () => {
    const { blocks } = renderReply(
      say({ type: 'text', lines: [['Usage: ', { code: 'note <contact> <text>' }]] }),
    );
    expect(json(blocks)).toContain('`note &lt;contact&gt; &lt;text&gt;`');
  });

  it('when user text tries mentions, links or formatting, then nothing live survives in blocks or fallback', () => {
    const typed = '<!channel> <!here> <!subteam^S123> <@U999> <https://evil.example|click me> *bold* `code`';
    const message = renderReply(
      say(
        { type: 'text', lines: [['Note: ', { user: typed }]] },
        { type: 'list', items: [[{ strong: typed }]] },
      ),
    );
    const all = json(message);
    for (const live of ['<!channel>', '<!here>', '<!subteam', '<@U999>', '<https://', '*bold*', '`code`'])
      expect(all).not.toContain(live);
    expect(message.text).toContain('&lt;!channel&gt;');
  });

  it('when all mrkdwn text objects are built, then verbatim is on so Slack adds no links or mentions of its own', () => {
    const { blocks } = renderReply(
      say({ type: 'text', lines: [['@here #general']] }, { type: 'context', lines: [['x']] }),
    );
    expect(json(blocks).match(/"type":"mrkdwn"/g)?.length).toBe(
      json(blocks).match(/"verbatim":true/g)?.length,
    );
  });
});

describe('staying within Block Kit limits', () => {
  it('when a text block is longer than a section holds, then it is split over several sections', () => {
    const lines = Array.from({ length: 40 }, (_, i) => [`line ${i} ${'x'.repeat(200)}`]);
    const blocks = renderBlocks([{ type: 'text', lines }]);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks)
      expect((block as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(
        SLACK_LIMITS.sectionText,
      );
    expect(json(blocks)).toContain('line 39');
  });

  it('when one line is longer than a section holds, then it is cut with an ellipsis', () => {
    const blocks = renderBlocks([{ type: 'text', lines: [[{ user: '<'.repeat(5000) }]] }]);
    const text = (blocks[0] as { text: { text: string } }).text.text;
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(text.endsWith('&lt;\u2026')).toBe(true);
  });

  it('when a reply has more than 50 blocks, then 49 are kept and a note says it was shortened', () => {
    const blocks = renderBlocks(Array.from({ length: 80 }, () => ({ type: 'divider' as const })));
    expect(blocks).toHaveLength(SLACK_LIMITS.messageBlocks);
    expect(json(blocks.at(-1))).toContain('shortened');
    expect(
      renderBlocks(
        Array.from({ length: 80 }, () => ({ type: 'divider' as const })),
        SLACK_LIMITS.viewBlocks,
      ),
    ).toHaveLength(80);
  });

  it('when a button label is long, then it is cut to 75 characters', () => {
    const blocks = renderBlocks([
      { type: 'actions', actions: [{ id: 'nudge_done', label: 'D'.repeat(200), value: 'n1' }] },
    ]);
    const button = (blocks[0] as { elements: { text: { text: string } }[] }).elements[0]!;
    expect(button.text.text.length).toBe(SLACK_LIMITS.buttonText);
  });

  it('when a block repeats an action, then the repeats get unique ids that map back to the action', () => {
    const blocks = renderBlocks([
      {
        type: 'actions',
        actions: [
          { id: 'contact_show', label: 'Show 1', value: 'a' },
          { id: 'contact_show', label: 'Show 2', value: 'b' },
        ],
      },
    ]);
    const ids = (blocks[0] as { elements: { action_id: string }[] }).elements.map((e) => e.action_id);
    expect(ids).toEqual(['contact_show', 'contact_show:1']);
    expect(ids.map(parseActionId)).toEqual(['contact_show', 'contact_show']);
  });

  it('when there are more than 10 fields or 25 buttons, then they spill into further blocks', () => {
    const fields = renderBlocks([
      { type: 'fields', fields: Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: [] })) },
    ]);
    expect(fields).toHaveLength(2);
    expect(json(fields)).toContain('\u2014');
    const actions = renderBlocks([
      {
        type: 'actions',
        actions: Array.from({ length: 30 }, (_, i) => ({
          id: 'contact_show' as const,
          label: `${i}`,
          value: `${i}`,
        })),
      },
    ]);
    expect(actions).toHaveLength(2);
  });

  it('when a context block has more than 10 lines, then the rest share the last element', () => {
    const blocks = renderBlocks([
      { type: 'context', lines: Array.from({ length: 14 }, (_, i) => [`c${i}`]) },
    ]);
    const elements = (blocks[0] as { elements: { text: string }[] }).elements;
    expect(elements).toHaveLength(SLACK_LIMITS.contextElements);
    expect(elements.at(-1)!.text).toBe('c9\nc10\nc11\nc12\nc13');
  });

  it('when a reply is empty, then the fallback text still says something', () => {
    expect(fallbackText([])).toBe('Rapport');
    expect(
      renderBlocks([
        { type: 'text', lines: [['']] },
        { type: 'header', text: ' ' },
      ]),
    ).toEqual([]);
  });
});
