/**
 * The rule of thumb behind a student's list: more people say no (or nothing) than yes, so about
 * ten people on the list usually lead to three or four conversations.
 */
import { OPEN_STAGES, STAGE_LABELS, STAGES, type Stage } from '../domain.js';
import type { Contact } from '../pipeline/contactPorts.js';
import { type Block, code, type Line, type Reply } from '../reply.js';

/** How many people to keep on the list. */
export const LIST_TARGET = 10;
/** How many conversations that list usually brings. */
export const CONVERSATION_GOAL = { min: 3, max: 4 } as const;

/** How many contacts sit in each stage (every stage present, zero when empty). */
export function countByStage(contacts: readonly Contact[]): Record<Stage, number> {
  const counts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  for (const contact of contacts) counts[contact.stage] += 1;
  return counts;
}

/** Contacts still in play: not archived, declined or without a reply. */
export function openContactCount(contacts: readonly Contact[]): number {
  return contacts.filter((contact) => OPEN_STAGES.includes(contact.stage)).length;
}

/** One line per stage that holds someone, in pipeline order. */
export function stageCountLines(contacts: readonly Contact[]): Line[] {
  const counts = countByStage(contacts);
  return STAGES.filter((stage) => counts[stage] > 0).map((stage) => [
    `${STAGE_LABELS[stage]}: ${counts[stage]}`,
  ]);
}

const people = (n: number): string => (n === 1 ? '1 person' : `${n} people`);
const conversations = (n: number): string => (n === 1 ? '1 conversation' : `${n} conversations`);

/** The one thing that would move the student forward now. */
function nextStep(contacts: readonly Contact[], meetingsHeld: number, target: number): Line {
  const counts = countByStage(contacts);
  const toAdd = Math.max(0, target - openContactCount(contacts));
  if (contacts.length === 0) {
    return [
      'Start your list: add someone whose work you would like to learn about with ',
      code('/rapport add'),
      '.',
    ];
  }
  if (counts.met > 0) {
    return [
      `You have ${conversations(counts.met)} still waiting for a thank-you note. Send it first: `,
      code('/rapport list met'),
      '.',
    ];
  }
  if (meetingsHeld >= CONVERSATION_GOAL.min) {
    return [
      'You have reached the usual goal. Look back at your notes and decide whether this field fits you; if not, start a list in another one.',
    ];
  }
  if (toAdd > 0) {
    const reachOut =
      counts.identified > 0
        ? `, and reach out to the ${people(counts.identified)} you have already identified`
        : '';
    return [`Add ${toAdd} more to reach ${target}${reachOut}: `, code('/rapport add'), '.'];
  }
  if (counts.identified > 0) {
    return [
      `Reach out to the ${people(counts.identified)} you have identified; writing to several in one sitting saves time.`,
    ];
  }
  return ['Your list is in good shape: keep following up and get ready for the conversations ahead.'];
}

/**
 * Progress against the rule of thumb: who is on the list by stage, how many more to add, the
 * conversations held so far against the usual three or four, and a next step.
 */
export function goalView(
  contacts: readonly Contact[],
  meetingsHeld: number,
  target: number = LIST_TARGET,
): Reply {
  const open = openContactCount(contacts);
  const toAdd = Math.max(0, target - open);
  const goal = `${CONVERSATION_GOAL.min} to ${CONVERSATION_GOAL.max}`;
  const blocks: Block[] = [
    { type: 'header', text: 'Your progress' },
    {
      type: 'text',
      lines: [
        [
          `Rule of thumb: about ${target} people on your list usually lead to ${goal} conversations, because many will not have time to say yes.`,
        ],
      ],
    },
    {
      type: 'fields',
      fields: [
        {
          label: 'On your list',
          value: [open >= target ? `${open} (about ${target} is plenty)` : `${open} of about ${target}`],
        },
        { label: 'Still to add', value: [String(toAdd)] },
        {
          label: 'Conversations so far',
          value: [
            meetingsHeld >= CONVERSATION_GOAL.min
              ? `${meetingsHeld}: the usual ${goal} reached`
              : `${meetingsHeld} (the usual goal is ${goal})`,
          ],
        },
      ],
    },
  ];
  const stages = stageCountLines(contacts);
  if (stages.length > 0) blocks.push({ type: 'list', title: 'By stage', items: stages });
  blocks.push({ type: 'text', lines: [nextStep(contacts, meetingsHeld, target)] });
  return { blocks };
}
