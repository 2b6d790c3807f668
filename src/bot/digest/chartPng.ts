/**
 * Core's ChartRenderer: the digest's SVG chart to PNG through @resvg/resvg-js (a prebuilt binary
 * per platform, no native build step, no browser). Text uses the system's fonts; the Docker image
 * needs one installed (fonts-dejavu-core), otherwise the bars render without their labels.
 */
import type * as ResvgJs from '@resvg/resvg-js';
import type { ChartRenderer } from '../../core/digest/digestPorts.js';
import { lazyModule } from '../../core/lazyModule.js';

/**
 * Loaded at the first chart (a weekly digest), not at start: the binary costs about 5 MB of
 * resident memory that a replica which never sends a digest need not pay.
 */
const resvg = lazyModule<typeof ResvgJs>('@resvg/resvg-js');

/** Pixels per SVG unit: twice the SVG's size, so the chart stays sharp on high-density screens. */
export const CHART_SCALE = 2;

export function renderChartPng(svg: string): Uint8Array {
  const image = new (resvg().Resvg)(svg, {
    fitTo: { mode: 'zoom', value: CHART_SCALE },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    logLevel: 'off',
  });
  return new Uint8Array(image.render().asPng());
}

export const resvgChartRenderer: ChartRenderer = { renderPng: renderChartPng };
