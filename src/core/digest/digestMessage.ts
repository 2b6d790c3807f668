/**
 * The digest as it goes out, for the worker's weekly run and for `digest preview` alike: the
 * text, the chart when a renderer is at hand, the per-student CSV when the organization turned
 * it on, and every student whose data it carries, for the disclosure log.
 */

import type { OutcomeCounts } from '../pipeline/outcomePorts.js';
import type { Reply } from '../reply.js';
import { digestCsvFile, digestCsvRows } from './digestCsv.js';
import type { DigestFacts } from './digestFacts.js';
import { computeDigest, type DigestFigures } from './digestFigures.js';
import type { ChartRenderer } from './digestPorts.js';
import { digestReply } from './digestText.js';
import { outcomeBlock } from './outcomeLines.js';

export interface DigestMessageOptions {
  /** Renders the funnel chart; none means no image. */
  chart?: ChartRenderer | undefined;
  /** Attach the per-student CSV (`digest csv on`). */
  csv: boolean;
  /** Outcomes rated and decisions taken in the scope in the digest's week (`digestWeeks`), as counts. */
  outcomes?: OutcomeCounts | undefined;
}

export interface DigestMessage {
  figures: DigestFigures;
  reply: Reply;
  /** Every student whose data the text or the CSV carries, sorted: what the log records. */
  studentIds: string[];
}

export function digestMessage(
  facts: DigestFacts,
  at: Date,
  timezone: string,
  orgName: string,
  options: DigestMessageOptions,
): DigestMessage {
  const figures = computeDigest(facts, at, timezone);
  const reply = digestReply(figures, orgName, options.chart);
  if (options.outcomes) reply.blocks.push(outcomeBlock(options.outcomes, 'Outcomes this week'));
  if (!options.csv) return { figures, reply, studentIds: figures.studentIds };
  const rows = digestCsvRows(facts, figures);
  reply.files = [...(reply.files ?? []), digestCsvFile(rows, figures)];
  reply.blocks.push({
    type: 'context',
    lines: [
      [
        "Attached: a CSV file with one row per student for this week: counts only, no email addresses, notes or contacts' names.",
      ],
    ],
  });
  // The rows are the same students as the figures; the union keeps the log true if that changes.
  const studentIds = [...new Set([...figures.studentIds, ...rows.map((r) => r.studentId)])].sort();
  return { figures, reply, studentIds };
}
