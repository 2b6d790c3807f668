import { describe, expect, it } from 'vitest';
import {
  decodeSlackEntities,
  escapeMrkdwn,
  neutralizeUserText,
  truncateMrkdwn,
  truncatePlain,
} from '../../../../src/bot/slack/mrkdwn.js';

describe('escaping for mrkdwn', () => {
  it('when text holds &, < and >, then each becomes its entity and & is escaped first', () => {
    expect(escapeMrkdwn('a & b <c> &lt;')).toBe('a &amp; b &lt;c&gt; &amp;lt;');
  });

  it('when typed text holds control sequences, then no < or > survives to start a mention or link', () => {
    const corpus = [
      '<!channel>',
      '<!here>',
      '<!subteam^S123>',
      '<@U999>',
      '<#C123>',
      '<https://evil.example|click me>',
    ];
    for (const typed of corpus) {
      const safe = neutralizeUserText(typed);
      expect(safe).not.toMatch(/[<>]/);
      expect(safe).toContain('&lt;');
    }
  });

  it('when typed text uses formatting characters, then look-alikes replace them', () => {
    const safe = neutralizeUserText('*bold* _it_ ~strike~ `code`');
    expect(safe).not.toMatch(/[*~`]/);
    expect(safe).not.toMatch(/(^|\s)_|_(\s|$)/);
    expect(safe).toBe('\u2217bold\u2217 \u02CDit\u02CD \u223Cstrike\u223C \u02CBcode\u02CB');
  });

  it('when an underscore sits inside a word, then it stays as typed so addresses remain copyable', () => {
    expect(neutralizeUserText('jane_doe@example.com')).toBe('jane_doe@example.com');
    expect(neutralizeUserText('linkedin.com/in/_jane')).toBe('linkedin.com/in/\u02CDjane');
  });
});

describe('decoding what Slack sends', () => {
  it('when a slash command carries entities, then they decode to what the person typed', () => {
    expect(decodeSlackEntities('Tom &amp; Jerry &lt;3 &gt;')).toBe('Tom & Jerry <3 >');
  });

  it('when the person typed an entity themselves, then it decodes once, to the text they typed', () => {
    expect(decodeSlackEntities('&amp;lt;!channel&amp;gt;')).toBe('&lt;!channel&gt;');
  });

  it('when a mention is in the text, then it is left for core to read', () => {
    expect(decodeSlackEntities('log <@U123|maria> for 30 min')).toBe('log <@U123|maria> for 30 min');
  });
});

describe('truncation', () => {
  it('when mrkdwn is within the limit, then it is unchanged', () => {
    expect(truncateMrkdwn('short', 10)).toBe('short');
  });

  it('when a cut would land inside an entity, then the whole entity goes', () => {
    const text = `${'a'.repeat(8)}&amp;bbbb`;
    const cut = truncateMrkdwn(text, 11);
    expect(cut).toBe(`${'a'.repeat(8)}\u2026`);
    expect(cut.length).toBeLessThanOrEqual(11);
  });

  it('when a cut would split a surrogate pair, then the whole character goes', () => {
    const cut = truncatePlain(`${'a'.repeat(73)}\u{1F600}xyz`, 75);
    expect(cut).toBe(`${'a'.repeat(73)}\u2026`);
    expect(cut.length).toBeLessThanOrEqual(75);
  });
});
