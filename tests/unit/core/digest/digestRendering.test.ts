import { describe, expect, it } from 'vitest';
import { PLATFORM_REFERENCES } from '../../../../src/bot/references.js';
import { parseChannelRef } from '../../../../src/core/digest/digestChannel.js';
import { computeDigest } from '../../../../src/core/digest/digestFigures.js';
import { delta, digestReply, formatDuration, withPrevious } from '../../../../src/core/digest/digestText.js';
import { chartHeight, escapeXml, funnelChartSvg } from '../../../../src/core/digest/funnelChart.js';
import { describeRecipient, digestLogReply } from '../../../../src/core/digest/statsText.js';
import { STAGES } from '../../../../src/core/domain.js';
import type { Inline } from '../../../../src/core/reply.js';
import { at, contact, event, facts, student } from './factsBuilder.js';

describe('numbers as read', () => {
  it('when a figure is compared with last week, then the difference carries its sign', () => {
    expect(withPrevious(5, 3)).toBe('5 (last week 3, +2)');
    expect(delta(2, 4)).toBe('-2');
    expect(delta(4, 4)).toBe('same');
  });

  it('when a duration is shown, then minutes, hours or days are used as fits', () => {
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(20.5 * 3_600_000)).toBe('20 h 30 min');
    expect(formatDuration(12 * 3_600_000)).toBe('12 h');
    expect(formatDuration(74 * 3_600_000)).toBe('3 days 2 h');
  });
});

describe('the digest reply', () => {
  const data = facts({
    persons: [student('s', '<!channel> Sly'), student('t', 'Tia')],
    contacts: [contact('c', 's', { name: 'Jane' })],
    events: [event('c', 's', '2026-10-30T10:00:00Z', { kind: 'note' })],
  });

  it("when names are shown, then they are the person's own text, for each platform to escape", () => {
    const reply = digestReply(computeDigest(data, at('2026-11-02T09:00:00Z'), 'UTC'), 'Org <b>');
    const inlines = reply.blocks.flatMap((b) =>
      b.type === 'list' ? b.items.flat() : b.type === 'text' || b.type === 'context' ? b.lines.flat() : [],
    ) as Inline[];
    expect(inlines).toContainEqual({ user: 'Tia' });
    expect(inlines).toContainEqual({ user: 'Org <b>' });
    // No product string carries a name: they are all user text.
    expect(inlines.filter((i): i is string => typeof i === 'string').join(' ')).not.toMatch(/Sly|Tia/);
    expect(reply.files).toBeUndefined();
  });

  it('when a renderer is given, then the chart comes as a PNG file from the SVG it was handed', () => {
    const seen: string[] = [];
    const reply = digestReply(computeDigest(data, at('2026-11-02T09:00:00Z'), 'UTC'), 'Org', {
      renderPng: (svg) => {
        seen.push(svg);
        return new Uint8Array([1, 2, 3]);
      },
    });
    expect(reply.files?.[0]).toMatchObject({
      contentType: 'image/png',
      filename: 'rapport-funnel-2026-11-02.png',
    });
    expect(seen[0]).toContain('<svg');
  });
});

describe('the funnel chart SVG', () => {
  it('when a title has markup, then it is escaped; every stage has a label; empty stages have no bar', () => {
    const funnel = STAGES.map((stage, i) => ({ stage, count: i < 3 ? 10 - i : 0 }));
    const chart = funnelChartSvg(funnel, 'Org <script>&"x"', 'sub');
    expect(chart.svg).toContain('Org &lt;script&gt;&amp;&quot;x&quot;');
    expect(chart.svg).not.toContain('<script>');
    expect(chart.svg.match(/<rect [^>]*rx="3"/g)).toHaveLength(3);
    expect(chart.svg).toContain('Keeping in touch');
    expect(chart.height).toBe(chartHeight(9));
    expect(escapeXml("'")).toBe('&#39;');
  });

  it('when the longest bar is drawn, then its width is the full bar space and others are in proportion', () => {
    const chart = funnelChartSvg(
      [
        { stage: 'identified', count: 8 },
        { stage: 'met', count: 2 },
      ],
      't',
      's',
    );
    const widths = [...chart.svg.matchAll(/<rect x="174" y="\d+" width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([402, 101]);
  });
});

describe('digest channel and log', () => {
  it('when a channel is given as each platform sends it, then its id is kept', () => {
    expect(parseChannelRef('<#C0123ABCD|careers>', PLATFORM_REFERENCES.slack)).toEqual({
      ok: true,
      value: { kind: 'channel', channelId: 'C0123ABCD', label: '#careers' },
    });
    expect(parseChannelRef('<#123456789012345678>', PLATFORM_REFERENCES.discord)).toMatchObject({
      ok: true,
      value: { channelId: '123456789012345678' },
    });
    expect(parseChannelRef('123456789012345678', PLATFORM_REFERENCES.discord)).toMatchObject({
      ok: true,
      value: { channelId: '123456789012345678' },
    });
    expect(parseChannelRef('off', PLATFORM_REFERENCES.slack)).toEqual({ ok: true, value: { kind: 'dm' } });
    expect(parseChannelRef('#careers', PLATFORM_REFERENCES.console)).toMatchObject({
      ok: true,
      value: { channelId: 'careers' },
    });
    expect(parseChannelRef('#careers', PLATFORM_REFERENCES.slack)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_value' },
    });
    expect(parseChannelRef('<@U123>', PLATFORM_REFERENCES.slack)).toMatchObject({ ok: false });
  });

  it('when a recipient is read back, then people are named and forgotten ones are "a former member"', () => {
    const names = new Map([['p1', 'Cora']]);
    expect(describeRecipient('dm:p1,dm:p2', names)).toEqual([
      'DM to ',
      { user: 'Cora' },
      ', ',
      { user: 'a former member' },
    ]);
    expect(describeRecipient('channel:slack:C1', names)).toEqual(['channel ', { code: 'C1' }, ' on Slack']);
  });

  it('when nothing was sent yet, then the log says so', () => {
    const reply = digestLogReply([], new Map(), 'UTC');
    expect(JSON.stringify(reply)).toContain('Nothing has been sent yet');
  });
});
