import { describe, expect, it } from 'vitest';
import {
  renderFileNotice,
  renderLine,
  renderReply,
  sanitizeUserText,
} from '../../../../src/bot/console/consoleRenderer.js';
import { code, type Reply, reply, strong, textBlock, user } from '../../../../src/core/reply.js';

const plain = { color: false };
const tty = { color: true };
const ESC = '\u001b';

describe('renderReply without a terminal', () => {
  it('when a header is rendered, then it is underlined with dashes and carries no escape codes', () => {
    const text = renderReply(reply({ type: 'header', text: 'Jane Doe' }), plain);
    expect(text).toBe('Jane Doe\n--------');
  });

  it('when text lines mix product text, strong, code and user text, then they read as one plain line each', () => {
    const text = renderReply(
      reply(textBlock(['Added ', strong('#1'), ' ', user('Jane Doe'), '.'], ['Try ', code('list'), '.'])),
      plain,
    );
    expect(text).toBe('Added #1 Jane Doe.\nTry list.');
  });

  it('when fields are rendered, then each is "Label: value" on its own line', () => {
    const text = renderReply(
      reply({
        type: 'fields',
        fields: [
          { label: 'Stage', value: ['Reached out'] },
          { label: 'Organization', value: [user('Figma')] },
        ],
      }),
      plain,
    );
    expect(text).toBe('Stage: Reached out\nOrganization: Figma');
  });

  it('when a list has a title, then the title comes first and items are bulleted', () => {
    const text = renderReply(
      reply({
        type: 'list',
        title: 'Identified',
        items: [
          ['#1 ', user('Jane')],
          ['#2 ', user('Sam')],
        ],
      }),
      plain,
    );
    expect(text).toBe('Identified\n  • #1 Jane\n  • #2 Sam');
  });

  it('when a list has no title, then only the bulleted items are shown', () => {
    expect(renderReply(reply({ type: 'list', items: [['one']] }), plain)).toBe('  • one');
  });

  it('when a context line is rendered without a terminal, then it is plain text', () => {
    expect(
      renderReply(reply({ type: 'context', lines: [['Tip: ', strong('ask'), ' for referrals']] }), plain),
    ).toBe('Tip: ask for referrals');
  });

  it('when actions are rendered, then they are numbered hints with how to press one', () => {
    const text = renderReply(
      reply({
        type: 'actions',
        actions: [
          { id: 'nudge_done', label: 'Done', value: 'n1' },
          { id: 'nudge_snooze_2d', label: 'Snooze 2 days', value: 'n1' },
        ],
      }),
      plain,
    );
    expect(text).toBe('[1] Done  [2] Snooze 2 days\nType a number to press that button.');
  });

  it('when an actions block is empty, then nothing is printed for it', () => {
    expect(renderReply(reply(textBlock(['Hi'])), plain)).toBe(
      renderReply(reply(textBlock(['Hi']), { type: 'actions', actions: [] }), plain),
    );
  });

  it('when a divider is rendered, then it is a rule line between the blocks', () => {
    const text = renderReply(reply(textBlock(['above']), { type: 'divider' }, textBlock(['below'])), plain);
    expect(text.split('\n')).toEqual(['above', '—'.repeat(20), 'below']);
  });

  it('when a whole reply is rendered, then its blocks appear in order, one per line group', () => {
    const card: Reply = reply(
      { type: 'header', text: 'Jane' },
      { type: 'fields', fields: [{ label: 'Stage', value: ['Met'] }] },
      { type: 'context', lines: [['Last activity today']] },
    );
    expect(renderReply(card, plain)).toBe('Jane\n----\nStage: Met\nLast activity today');
  });

  it('when nothing in the reply asks for styling, then no escape character is printed', () => {
    const text = renderReply(
      reply({ type: 'header', text: 'H' }, textBlock([strong('s'), code('c')]), {
        type: 'context',
        lines: [['dim']],
      }),
      plain,
    );
    expect(text).not.toContain(ESC);
  });
});

describe('renderReply on a terminal', () => {
  it('when a header is rendered, then it is bold', () => {
    expect(renderReply(reply({ type: 'header', text: 'Jane' }), tty)).toBe(`${ESC}[1mJane${ESC}[22m`);
  });

  it('when a context line is rendered, then it is dimmed as a whole', () => {
    expect(renderReply(reply({ type: 'context', lines: [['a ', strong('b')]] }), tty)).toBe(
      `${ESC}[2ma b${ESC}[22m`,
    );
  });

  it('when strong and code parts are rendered, then they are styled', () => {
    expect(renderLine([strong('bold'), code('cmd')], tty)).toBe(
      `${ESC}[1mbold${ESC}[22m${ESC}[36mcmd${ESC}[39m`,
    );
  });

  it('when user text carries its own escape codes, then they are removed even on a terminal', () => {
    expect(renderLine([user(`${ESC}[2J${ESC}[31mred`)], tty)).toBe('red');
  });
});

describe('sanitizeUserText', () => {
  it('when text is ordinary, then it is printed exactly as typed, accents and emoji included', () => {
    expect(sanitizeUserText('José — loves <b>design</b> & ☕ "quotes"')).toBe(
      'José — loves <b>design</b> & ☕ "quotes"',
    );
  });

  it('when text holds ANSI colour, cursor and title sequences, then they are removed whole', () => {
    expect(sanitizeUserText(`a${ESC}[31mb${ESC}[0mc${ESC}]0;owned\u0007d${ESC}[2Ke`)).toBe('abcde');
  });

  it('when text holds C0, C1 and DEL controls, then they are removed', () => {
    expect(sanitizeUserText('a\u0000b\u0007c\u0008d\u007fe\u0085f\u0090g')).toBe('abcdefg');
  });

  it('when text holds line breaks and tabs, then each becomes one space', () => {
    expect(sanitizeUserText('one\r\ntwo\nthree\rfour\tfive')).toBe('one two three four five');
  });

  it('when text holds bidirectional overrides, then they are removed', () => {
    expect(sanitizeUserText('abc\u202edcba\u2066x\u2069')).toBe('abcdcbax');
  });

  it('when user text sits in fields, lists and context, then it is sanitized there too', () => {
    const evil = user(`x${ESC}[31my\nz`);
    const text = renderReply(
      reply(
        { type: 'fields', fields: [{ label: 'Note', value: [evil] }] },
        { type: 'list', items: [[evil]] },
        { type: 'context', lines: [[evil]] },
      ),
      plain,
    );
    expect(text).toBe('Note: xy z\n  • xy z\nxy z');
  });
});

describe('renderFileNotice', () => {
  it.each([
    ['text/calendar', 'Calendar file saved to data/files/meeting-jane-doe.ics'],
    ['text/csv; charset=utf-8', 'CSV file saved to data/files/meeting-jane-doe.ics'],
    ['application/json', 'JSON file saved to data/files/meeting-jane-doe.ics'],
    ['image/png', 'Image saved to data/files/meeting-jane-doe.ics'],
    ['application/octet-stream', 'File saved to data/files/meeting-jane-doe.ics'],
  ])('when the file is %s, then the notice names its kind and path', (contentType, notice) => {
    expect(renderFileNotice(contentType, 'data/files/meeting-jane-doe.ics')).toBe(notice);
  });
});
