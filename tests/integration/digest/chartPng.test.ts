/**
 * The funnel chart is a real PNG: the preview's attachment is decoded (signature, IHDR, the
 * inflated image data of the size the header promises) and its pixels are not all white. One
 * example is written to docs/digest-chart.png for the README.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_SCALE, renderChartPng, resvgChartRenderer } from '../../../src/bot/digest/chartPng.js';
import { CHART_WIDTH, chartHeight, funnelChartSvg } from '../../../src/core/digest/funnelChart.js';
import { STAGES } from '../../../src/core/domain.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from './staffHarness.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** The inflated scanlines: one filter byte, then the row's bytes, per row. */
  data: Buffer;
}

/** Reads a PNG's chunks: IHDR's fields, and the IDAT chunks inflated. */
function decodePng(bytes: Uint8Array): DecodedPng {
  const buf = Buffer.from(bytes);
  expect([...buf.subarray(0, 8)]).toEqual(SIGNATURE);
  let offset = 8;
  let header: Omit<DecodedPng, 'data'> | null = null;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8]!,
        colorType: body[9]!,
      };
    }
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  expect(header, 'IHDR chunk').not.toBeNull();
  return { ...header!, data: inflateSync(Buffer.concat(idat)) };
}

/** Undoes the PNG row filters (None, Sub, Up, Average, Paeth) of an 8-bit RGBA image. */
function pixels(png: DecodedPng): Buffer {
  const bpp = 4;
  const stride = png.width * bpp;
  const out = Buffer.alloc(png.height * stride);
  for (let y = 0; y < png.height; y++) {
    const filter = png.data[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const raw = png.data[y * (stride + 1) + 1 + x]!;
      const a = x >= bpp ? out[y * stride + x - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp]! : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const predictor = [0, a, b, Math.floor((a + b) / 2), paeth][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      out[y * stride + x] = (raw + predictor) & 0xff;
    }
  }
  return out;
}

const rgbAt = (png: DecodedPng, image: Buffer, x: number, y: number): number[] => {
  const i = (y * png.width + x) * 4;
  return [image[i]!, image[i + 1]!, image[i + 2]!];
};

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const ana: PersonSpec = { id: 'UANA', name: 'Ana Alves' };

let h: StaffHarness;
beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-02T14:00:00Z',
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
    chart: resvgChartRenderer,
  });
});
afterAll(async () => {
  await h?.close();
});

describe('the funnel chart image', () => {
  it('when a coordinator previews the digest, then a PNG of the chart is attached, with the size its header says', async () => {
    await h.say(ana, 'add Jane Doe at Figma');
    await h.say(ana, 'add Sam Lee at Stripe');
    await h.say(ana, 'reached jane');
    const reply = await h.reply(cora, 'digest preview');
    const file = reply.files?.[0];
    expect(file).toMatchObject({ contentType: 'image/png', filename: 'rapport-funnel-2026-11-02.png' });
    const png = decodePng(file!.content as Uint8Array);
    // The SVG is 640 wide and one 34-unit row per stage tall; rendered at twice its size.
    expect(png.width).toBe(CHART_WIDTH * CHART_SCALE);
    expect(png.height).toBe(chartHeight(STAGES.length) * CHART_SCALE);
    expect(png).toMatchObject({ bitDepth: 8, colorType: 6 });
    // RGBA, 8 bits: each row is a filter byte and 4 bytes per pixel.
    expect(png.data.length).toBe(png.height * (1 + png.width * 4));
    expect((file!.content as Uint8Array).byteLength).toBeGreaterThan(5_000);
    expect((file!.content as Uint8Array).byteLength).toBeLessThan(400_000);
  });

  it('when the chart is drawn, then its pixels show blue bars for the main path, grey for side exits, on white', () => {
    const svg = funnelChartSvg(
      STAGES.map((stage) => ({ stage, count: 10 })),
      'Funnel by stage',
      'test',
    ).svg;
    const png = decodePng(renderChartPng(svg));
    const image = pixels(png);
    // Rows start 64 units down and are 34 apart; bars are 22 tall and start at x = 174.
    const barMiddle = (row: number) => Math.round((64 + row * 34 + 11) * CHART_SCALE);
    const x = Math.round(300 * CHART_SCALE);
    expect(rgbAt(png, image, x, barMiddle(0))).toEqual([0x2f, 0x6f, 0xdf]); // Identified
    expect(rgbAt(png, image, x, barMiddle(8))).toEqual([0x9a, 0xa3, 0xad]); // Archived
    expect(rgbAt(png, image, png.width - 4, 4)).toEqual([0xff, 0xff, 0xff]); // the corner
  });

  it('when the README needs an example, then docs/digest-chart.png is written from a typical week', () => {
    const counts = {
      identified: 42,
      reached_out: 27,
      scheduled: 11,
      met: 9,
      thanked: 7,
      keeping_in_touch: 4,
      no_reply: 6,
      declined: 2,
      archived: 3,
    };
    const chart = funnelChartSvg(
      STAGES.map((stage) => ({ stage, count: counts[stage] })),
      'Funnel by stage — University Career Services',
      'Contacts by stage on 2 Nov 2026',
    );
    const bytes = renderChartPng(chart.svg);
    const png = decodePng(bytes);
    expect(png.width).toBe(1280);
    const target = resolve(
      dirname(fileURLToPath(import.meta.url)),
      '..',
      '..',
      '..',
      'docs',
      'digest-chart.png',
    );
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  });
});
