/**
 * The digest chart's alt text: the worker's digest DM through the real Slack Notifier uploads the
 * funnel image with `alt_txt`, the funnel told as a sentence, and the fake Slack records it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../../src/bot/slack/slackNotifier.js';
import type { ChartRenderer } from '../../../src/core/digest/digestPorts.js';
import { digestPass } from '../../support/digestPass.js';
import { SlackTestBed, type Student } from './slackTestBed.js';

const chart: ChartRenderer = { renderPng: () => new Uint8Array([137, 80, 78, 71]) };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const silentLogger = { ...quiet, child: () => silentLogger } as unknown as Parameters<
  typeof createSlackNotifier
>[0]['logger'];

let bed: SlackTestBed;
let student: Student;

beforeAll(async () => {
  bed = await SlackTestBed.start();
  student = bed.newStudent('maria');
  await bed.command('add Jane Doe at Figma', { user: student });
  await bed.command('add Omar Haddad at Acme', { user: student });
  await bed.command('reached omar by email', { user: student });
  // The coordinator uses Rapport once, so the digest has someone to go to.
  await bed.command('help', { user: { id: 'UCOORD', name: 'cora' } });
}, 60_000);

afterAll(async () => {
  await bed?.close();
});

describe('the digest chart on Slack', () => {
  it('when the worker sends the digest, then the chart is uploaded with the funnel as a sentence for screen readers', async () => {
    const notifier = createSlackNotifier({
      botToken: 'xoxb-test',
      apiUrl: bed.slack.apiUrl,
      logger: silentLogger,
    });
    const before = bed.slack.callsTo('files.getUploadURLExternal').length;
    await digestPass(bed.db.db, '2026-11-23T09:00:00Z', notifier, chart);
    const requests = bed.slack.callsTo('files.getUploadURLExternal').slice(before);
    const png = requests.find((call) => String(call.body.filename).endsWith('.png'));
    expect(png?.body.alt_txt).toMatch(
      /^Bar chart of contacts by stage on .+2026, 2 in all: identified 1, reached out 1/,
    );
    expect(String(png?.body.alt_txt)).not.toMatch(/Jane|Omar|Figma|Acme/);
    expect(String(png?.body.alt_txt).length).toBeLessThanOrEqual(1000);
  });
});
