/**
 * What `nudges` shows and what a change of the nudge timing answers: every setting in words,
 * grouped by section, with the ones that differ from the product default marked; and how many
 * pending reminders a re-plan moved.
 */
import { DEFAULT_NUDGE_CONFIG, type NudgeConfig } from '../nudges/nudgeConfig.js';
import { differs, NUDGE_SECTIONS, NUDGE_SETTINGS, type NudgeSetting } from '../nudges/nudgeSettings.js';
import type { OrganizationReplan } from '../pipeline/organizationReplan.js';
import { type Block, code, type Line, type Reply, strong } from '../reply.js';

/** One line of `nudges`: the name, the sentence with the value in force, and what it was by default. */
function settingLine(s: NudgeSetting, config: NudgeConfig): Line {
  const [before, after] = s.sentence;
  const line: Line = [code(s.name), ': ', before, strong(s.valueText(config)), after];
  if (differs(s, config, DEFAULT_NUDGE_CONFIG)) {
    line.push(` Changed; the default is ${s.valueText(DEFAULT_NUDGE_CONFIG)}.`);
  }
  return line;
}

/** The whole timing in force (`nudges`). */
export function nudgeTimingView(config: NudgeConfig): Reply {
  const changed = NUDGE_SETTINGS.filter((s) => differs(s, config, DEFAULT_NUDGE_CONFIG)).length;
  const sections: Block[] = NUDGE_SECTIONS.map((section) => ({
    type: 'list',
    title: section,
    items: NUDGE_SETTINGS.filter((s) => s.section === section).map((s) => settingLine(s, config)),
  }));
  return {
    blocks: [
      { type: 'header', text: 'Nudge timing for your organization' },
      {
        type: 'text',
        lines: [
          [
            changed === 0
              ? 'Every setting follows the product default.'
              : `${changed} setting${changed === 1 ? ' differs' : 's differ'} from the product default (marked "Changed").`,
          ],
        ],
      },
      ...sections,
      {
        type: 'context',
        lines: [
          [
            'Change one with ',
            code('nudges set follow-up-days 5'),
            '; undo with ',
            code('nudges reset follow-up-days'),
            ' or ',
            code('nudges reset all'),
            '.',
          ],
        ],
      },
    ],
  };
}

const reminders = (n: number) => `${n} pending reminder${n === 1 ? '' : 's'}`;

/** "3 pending reminders moved to the new timing.", and what was planned or cancelled besides. */
export function replannedLines(r: OrganizationReplan): Line[] {
  const lines: Line[] = [
    [r.moved === 0 ? 'No pending reminder had to move.' : `${reminders(r.moved)} moved to the new timing.`],
  ];
  const more: string[] = [];
  if (r.added) more.push(`${r.added} new reminder${r.added === 1 ? '' : 's'} planned`);
  if (r.dropped) more.push(`${reminders(r.dropped)} no longer due and cancelled`);
  if (more.length) lines.push([`${more.join('; ')}.`]);
  return lines;
}
