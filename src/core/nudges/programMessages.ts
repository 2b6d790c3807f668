/**
 * The messages of running a program: the introduction each side of a match gets, a mentor's
 * gentle reminder, and a cohort's welcome. Names are `{ user }` nodes, never product text.
 */
import { code, type Inline, type Line, user } from '../reply.js';
import type { NudgeRecord } from './nudgePorts.js';

/** The introduction each side of a match gets: who the other is and what to do next. */
export function matchIntro(nudge: NudgeRecord): Line[] {
  const { otherName, side } = nudge.payload;
  if (side === 'mentor') {
    // One introduction names every student matched in the sitting (`students`); an earlier
    // introduction named one (`otherName`).
    const names = studentNames(nudge.payload.students);
    if (names.length === 0 && typeof otherName === 'string' && otherName.trim()) names.push(otherName);
    const who: Line = names.length ? namesLine(names) : ['a student'];
    return [
      [
        'Your program matched you with ',
        names.length > 1 ? 'the students ' : names.length ? 'the student ' : '',
        ...who,
        names.length > 1 ? '; you are their mentor.' : ' as their mentor.',
      ],
      [
        'Say hello and find a time to talk; afterwards, record it with ',
        code('log'),
        '. ',
        code('mentees'),
        ' lists your students.',
      ],
    ];
  }
  const other: Inline = typeof otherName === 'string' && otherName.trim() ? user(otherName) : 'someone';
  return [
    ['Your program matched you with ', other, ', a mentor who is glad to talk about their work.'],
    [
      'Add them to your list with ',
      code('add'),
      ', prepare a few open questions, and ask for a short conversation.',
    ],
  ];
}

/** The names of a `students` map (id to name), sorted. */
function studentNames(raw: unknown): string[] {
  return (raw && typeof raw === 'object' ? Object.values(raw) : [])
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    .sort((a, b) => a.localeCompare(b));
}

/** "Ana", "Ana and Ben", "Ana, Ben and Chloe": names as user text. */
function namesLine(names: readonly string[]): Line {
  const parts: Line = [];
  names.forEach((name, index) => {
    if (index > 0) parts.push(index === names.length - 1 ? ' and ' : ', ');
    parts.push(user(name));
  });
  return parts;
}

/** A mentor's gentle reminder: every matched student with no meeting logged for three weeks. */
export function mentorReminder(nudge: NudgeRecord): Line[] {
  const names = studentNames(nudge.payload.students);
  const who: Line = names.length ? namesLine(names) : ['a student you were matched with'];
  return [
    ['A gentle note: no meeting with ', ...who, ' has been logged in the last three weeks.'],
    [
      'If you have talked since, record it with ',
      code('log'),
      '; if not, a short hello is a kind way to stay in touch. ',
      code('mentees'),
      ' lists your students.',
    ],
    ['This is the only reminder you will get about them until you log a meeting again.'],
  ];
}

/** A cohort's welcome: what Rapport is, and the first three steps. */
export function welcome(nudge: NudgeRecord): Line[] {
  const { cohortName } = nudge.payload;
  const cohort: Line = typeof cohortName === 'string' && cohortName.trim() ? [' for ', user(cohortName)] : [];
  return [
    [
      'Hello! Your career team set up Rapport',
      ...cohort,
      ': it helps you talk with people who work in fields you are curious about, and reminds you of the next step.',
    ],
    ['1. Write down someone you could learn from: ', code('add Jane Doe at Figma')],
    [
      '2. Ask them for a short conversation (never for a job); ',
      code('draft outreach 1'),
      ' gives you a start.',
    ],
    ['3. When you have written, say so: ', code('reached 1'), '. I will remind you to follow up.'],
  ];
}
