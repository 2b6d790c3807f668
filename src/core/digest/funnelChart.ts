/**
 * The funnel by stage as an SVG bar chart: one bar per stage, the main path in blue and the side
 * exits in grey, with the count after each bar. Core builds the SVG (pure text); the edge renders
 * it to PNG (src/bot/digest/chartPng.ts). Every piece of text is escaped.
 */
import { PIPELINE, STAGE_LABELS } from '../domain.js';
import type { StageCount } from './studentLists.js';

export const CHART_WIDTH = 640;
const TOP = 64;
const ROW = 34;
const BAR = 22;
const BOTTOM = 28;
const LABEL_WIDTH = 150;
const BAR_LEFT = 24 + LABEL_WIDTH;
/** Room after the longest bar for its count. */
const BAR_SPACE = CHART_WIDTH - BAR_LEFT - 64;
const FONT = "DejaVu Sans, Arial, Helvetica, 'Liberation Sans', sans-serif";
const MAIN_COLOR = '#2f6fdf';
const EXIT_COLOR = '#9aa3ad';

export interface FunnelChart {
  svg: string;
  width: number;
  height: number;
}

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The title's longest length before it is cut (the chart is 640 units wide). */
const MAX_TITLE_CHARS = 52;

const cut = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};

/** The chart's height for a number of stages. */
export const chartHeight = (rows: number): number => TOP + rows * ROW + BOTTOM;

/**
 * The chart of `funnel` (counts per stage), titled `title` with a smaller `subtitle` (the week).
 * A stage with no contacts gets no bar, only its 0.
 */
export function funnelChartSvg(funnel: readonly StageCount[], title: string, subtitle: string): FunnelChart {
  const height = chartHeight(funnel.length);
  const max = Math.max(1, ...funnel.map((s) => s.count));
  const rows = funnel.map((s, i) => {
    const y = TOP + i * ROW;
    const width = s.count === 0 ? 0 : Math.max(2, Math.round((s.count / max) * BAR_SPACE));
    const color = PIPELINE.includes(s.stage) ? MAIN_COLOR : EXIT_COLOR;
    const mid = y + BAR / 2 + 5;
    return [
      `<text x="${BAR_LEFT - 10}" y="${mid}" text-anchor="end" font-size="14" fill="#333">${escapeXml(STAGE_LABELS[s.stage])}</text>`,
      width > 0
        ? `<rect x="${BAR_LEFT}" y="${y}" width="${width}" height="${BAR}" rx="3" fill="${color}"/>`
        : '',
      `<text x="${BAR_LEFT + width + 8}" y="${mid}" font-size="14" font-weight="bold" fill="#222">${s.count}</text>`,
    ].join('');
  });
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="${FONT}">`,
    `<rect width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="24" y="30" font-size="18" font-weight="bold" fill="#111">${escapeXml(cut(title, MAX_TITLE_CHARS))}</text>`,
    `<text x="24" y="50" font-size="12" fill="#666">${escapeXml(subtitle)}</text>`,
    ...rows,
    `<line x1="${BAR_LEFT}" y1="${TOP - 6}" x2="${BAR_LEFT}" y2="${height - BOTTOM + 2}" stroke="#ccc"/>`,
    '</svg>',
  ].join('\n');
  return { svg, width: CHART_WIDTH, height };
}
