/**
 * The digest's CSV on Slack: `/rapport digest csv on` through the real Bolt App, the preview's
 * file uploaded to the coordinator's DM, and the worker's digest DM through the real Slack
 * Notifier: the blocks, the chart and the CSV completed as one message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../../src/bot/slack/slackNotifier.js';
import type { ChartRenderer } from '../../../src/core/digest/digestPorts.js';
import { digestPass } from '../../support/digestPass.js';
import { SlackTestBed, type Student } from './slackTestBed.js';

const coordinator: Student = { id: 'UCOORD', name: 'cora' };
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
  await bed.command('add Jane Doe at Figma jane@figma.example', { user: student });
  await bed.command('note jane PRIVATE-NOTE-TEXT', { user: student });
}, 60_000);

afterAll(async () => {
  await bed?.close();
});

describe('the digest CSV on Slack', () => {
  it('when a student types digest csv on, then only coordinators may', async () => {
    expect(bed.replyText(await bed.command('digest csv on', { user: student }))).toContain(
      'Only coordinators can use that command.',
    );
  });

  it('when the coordinator turns it on and previews, then the CSV is uploaded to their DM without contact details', async () => {
    expect(bed.replyText(await bed.command('digest csv', { user: coordinator }))).toContain(
      'without a CSV file',
    );
    expect(bed.replyText(await bed.command('digest csv on', { user: coordinator }))).toContain(
      'now carries a CSV file',
    );
    const before = bed.slack.uploads.length;
    await bed.command('digest preview', { user: coordinator });
    const upload = bed.slack.uploads.slice(before).find((u) => u.filename.startsWith('rapport-digest-'));
    expect(upload?.filename).toBe('rapport-digest-2026-11-16.csv');
    const text = upload!.bytes.toString();
    expect(text.split('\n')[1]).toMatch(/^maria,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,no,2026-11-16$/);
    for (const secret of ['Jane', 'Figma', 'jane@figma.example', 'PRIVATE-NOTE-TEXT']) {
      expect(text).not.toContain(secret);
    }
    const complete = bed.slack
      .callsTo('files.completeUploadExternal')
      .find(
        (c) =>
          c.body.channel_id === `D${coordinator.id}` && JSON.stringify(c.body.files).includes(upload!.fileId),
      );
    expect(complete).toBeDefined();
  });

  it('when the worker sends the digest, then the coordinator gets one message with the blocks, the chart and the CSV', async () => {
    const notifier = createSlackNotifier({
      botToken: 'xoxb-test',
      apiUrl: bed.slack.apiUrl,
      logger: silentLogger,
    });
    const before = bed.slack.callsTo('files.completeUploadExternal').length;
    const uploadsBefore = bed.slack.uploads.length;
    await digestPass(bed.db.db, '2026-11-23T09:00:00Z', notifier, chart);
    const completes = bed.slack.callsTo('files.completeUploadExternal').slice(before);
    expect(completes).toHaveLength(1);
    expect(completes[0]!.body.channel_id).toBe(`D${coordinator.id}`);
    expect(JSON.stringify(completes[0]!.body.blocks)).toContain('Weekly digest');
    expect((completes[0]!.body.files as unknown[]).length).toBe(2);
    expect(bed.slack.uploads.slice(uploadsBefore).map((u) => u.filename)).toEqual([
      'rapport-funnel-2026-11-23.png',
      'rapport-digest-2026-11-23.csv',
    ]);
  });
});
