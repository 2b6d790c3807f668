/**
 * What each of the student's coaching nudges says: short, warm, one clear next step. Names and
 * anything else a person typed are `{ user }` nodes, never part of the product's strings.
 * nudgeMessages.ts frames each body with its header and buttons.
 */
import { DateTime } from 'luxon';
import { CONVERSATION_GOAL, LIST_TARGET, openContactCount, stageCountLines } from '../coaching/goal.js';
import { questionRangeText } from '../coaching/questionCapacity.js';
import type { NudgeKind } from '../domain.js';
import type { Contact } from '../pipeline/contactPorts.js';
import type { Meeting } from '../pipeline/meetingPorts.js';
import { code, type Inline, type Line, user } from '../reply.js';
import { resolveZone } from './localTime.js';
import type { NudgeRecord } from './nudgePorts.js';

/** What a nudge message is written from, read fresh at delivery time. */
export interface NudgeFacts {
  contact: Contact | null;
  /** Someone still in `identified`, suggested after the last follow-up. */
  otherIdentified?: Contact | null;
  meeting?: Meeting | null;
  /** The person's contacts, for the weekly pipeline summary. */
  contacts?: readonly Contact[];
  /** The person's zone, to show the meeting time. */
  timezone?: string;
}

const nameOf = (contact: Contact | null): Inline => (contact ? user(contact.name) : 'your contact');
/** A command for this contact, by its number in the student's list. */
const cmd = (contact: Contact | null, command: string, rest = ''): Inline =>
  code(`/rapport ${command} ${contact ? contact.number : '<contact>'}${rest}`);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function followUp(nudge: NudgeRecord, facts: NudgeFacts): Line[] {
  const { contact, otherIdentified } = facts;
  if (nudge.payload.final !== true) {
    const n = num(nudge.payload.n);
    return [
      [
        'Still no answer from ',
        nameOf(contact),
        '? That happens a lot: people get busy, and a short, friendly follow-up often helps.',
      ],
      [
        n ? `This is follow-up reminder ${n}. ` : '',
        'Need a starting point? Try ',
        cmd(contact, 'draft followup'),
        '.',
      ],
      ['If they did reply, move them on, for example with ', cmd(contact, 'scheduled', ' <when>'), '.'],
    ];
  }
  const next: Line = otherIdentified
    ? [
        'Next on your list: ',
        user(otherIdentified.name),
        '. A draft to get you started: ',
        cmd(otherIdentified, 'draft outreach'),
        '.',
      ]
    : ['Add someone new to your list with ', code('/rapport add'), ' and write to them this week.'];
  return [
    ['This is the last follow-up reminder for ', nameOf(contact), '.'],
    [
      'If nothing comes back after this one, mark them with ',
      cmd(contact, 'move', ' no reply'),
      ' and put your energy into someone else. Silence is common and says nothing about you.',
    ],
    next,
  ];
}

function meetingWhen(meeting: Meeting, timezone: string | undefined): string {
  if (!timezone) return '';
  const local = DateTime.fromJSDate(meeting.startsAt, { zone: resolveZone(timezone) }).setLocale('en-GB');
  return ` on ${local.toFormat('cccc d LLLL')} at ${local.toFormat('HH:mm')}`;
}

function prepare(_nudge: NudgeRecord, facts: NudgeFacts): Line[] {
  const { contact, meeting } = facts;
  const lines: Line[] = [
    [
      'Your conversation with ',
      nameOf(contact),
      ' is coming up',
      meeting ? meetingWhen(meeting, facts.timezone) : '',
      '.',
    ],
  ];
  if (meeting) {
    lines.push([
      `You have ${meeting.durationMinutes} minutes, room for ${questionRangeText(meeting.durationMinutes)}. Review yours with `,
      cmd(contact, 'questions'),
      '.',
    ]);
  } else {
    lines.push(['Review your questions with ', cmd(contact, 'questions'), '.']);
  }
  return lines;
}

function thankYou(nudge: NudgeRecord, facts: NudgeFacts): Line[] {
  const { contact } = facts;
  const opener: Line =
    nudge.payload.n === 2
      ? ['A gentle reminder: if you have not thanked ', nameOf(contact), ' yet, now is a good moment.']
      : ['How did it go with ', nameOf(contact), '? A short thank-you today shows you valued their time.'];
  return [
    opener,
    ['Start from a draft with ', cmd(contact, 'draft thanks'), ' and make it your own.'],
    ['If they asked for your resume, this note is a good place to send it.'],
    ['Once it is sent, let me know with ', cmd(contact, 'thanked'), '.'],
  ];
}

function debrief(_nudge: NudgeRecord, facts: NudgeFacts): Line[] {
  const { contact } = facts;
  return [
    [
      'While your conversation with ',
      nameOf(contact),
      ' is still fresh, write down what you learned. Each note is dated, which helps when you compare conversations later.',
    ],
    [cmd(contact, 'note', ' <what you learned>')],
    ['Did they mention someone else worth talking to? Add them right away:'],
    [cmd(contact, 'referred', ' <name>')],
    [
      'And how useful was it? Tap an answer below, or use ',
      cmd(contact, 'outcome', ' <useful|somewhat|not>'),
      '.',
    ],
  ];
}

function keepInTouch(_nudge: NudgeRecord, facts: NudgeFacts): Line[] {
  const { contact } = facts;
  return [
    [
      'It has been a few weeks since you thanked ',
      nameOf(contact),
      '. Send them a short update: what you did with their advice and how it turned out.',
    ],
    [
      'People like to hear that their help made a difference, and it keeps the relationship alive. Log it afterwards with ',
      cmd(contact, 'note', ' <what you told them>'),
      '.',
    ],
  ];
}

function secondConversation(_nudge: NudgeRecord, facts: NudgeFacts): Line[] {
  const { contact } = facts;
  return [
    [
      'A few months have passed since you talked with ',
      nameOf(contact),
      '. If there is more you would like to learn, ask whether they would have time for another short conversation.',
    ],
    [
      'Tell them what has changed for you since, and what you are curious about now. Once a date is set: ',
      cmd(contact, 'scheduled', ' <when>'),
      '.',
    ],
  ];
}

function weeklyPipeline(nudge: NudgeRecord, facts: NudgeFacts): Line[] {
  const contacts = facts.contacts ?? [];
  const target = num(nudge.payload.target) ?? LIST_TARGET;
  const open = openContactCount(contacts);
  const lines: Line[] = [
    [`Here is your weekly look at your list: ${open} ${open === 1 ? 'person' : 'people'} still in play.`],
    ...stageCountLines(contacts),
    [
      `Rule of thumb: about ${target} people on your list usually lead to ${CONVERSATION_GOAL.min} or ${CONVERSATION_GOAL.max} conversations.`,
    ],
  ];
  if (open < target) {
    lines.push([`Adding ${target - open} more would get you there: `, code('/rapport add'), '.']);
  } else {
    lines.push(['Your list is full. Pick one person to contact or follow up with this week.']);
  }
  lines.push(['The whole picture: ', code('/rapport goal'), '.']);
  return lines;
}

function reflect(nudge: NudgeRecord): Line[] {
  const held = num(nudge.payload.meetingsHeld);
  const opener: Line =
    nudge.payload.trigger === 'meetings' && held !== null
      ? [`You have had ${held} conversations so far. That is a good moment to pause.`]
      : ['A few weeks have passed since you first reached out to someone. That is a good moment to pause.'];
  return [
    opener,
    [
      'Read back through your notes: does this field still fit what you want? What surprised you, and what do you still need to find out?',
    ],
    [
      'Deciding it is not for you is a fine outcome; that is what these conversations are for. Either go deeper here or start exploring another field.',
    ],
    [
      'Where do you stand? Tap an answer below, or use ',
      code('/rapport decide <keep exploring|focus|change>'),
      '.',
    ],
  ];
}

function thankReferrer(nudge: NudgeRecord, facts: NudgeFacts): Line[] {
  const name = nudge.payload.referrerName;
  const referrer: Inline =
    typeof name === 'string' && name.trim() ? user(name) : 'the person who introduced you';
  return [
    [referrer, ' pointed you to ', nameOf(facts.contact), ', and it turned into a conversation.'],
    [
      'Let them know how it went and thank them for the introduction. It keeps the door open for the next one.',
    ],
  ];
}

/** Payload read: `mentorName`, `durationMinutes` and `topics`, each optional. */
function mentorLogged(nudge: NudgeRecord, facts: NudgeFacts): Line[] {
  const { mentorName, topics } = nudge.payload;
  const minutes = num(nudge.payload.durationMinutes);
  const mentor: Inline =
    typeof mentorName === 'string' && mentorName.trim() ? user(mentorName) : 'Your mentor';
  const lines: Line[] = [
    [mentor, ' logged a conversation with you', minutes ? ` (${minutes} minutes)` : '', '.'],
  ];
  if (typeof topics === 'string' && topics.trim()) lines.push(['Topics: ', user(topics)]);
  lines.push(
    facts.contact
      ? [
          'Write down what you took away while it is fresh: ',
          cmd(facts.contact, 'note', ' <what you learned>'),
          '.',
        ]
      : ['Write down what you took away while it is fresh, and thank them for their time.'],
  );
  return lines;
}

/** The body of a nudge of one kind, from the nudge and its facts. */
export type NudgeBody = (nudge: NudgeRecord, facts: NudgeFacts) => Line[];

/** The bodies of the student's coaching nudges, by kind. */
export const STUDENT_NUDGE_BODIES = {
  follow_up: followUp,
  prepare,
  thank_you: thankYou,
  debrief,
  keep_in_touch: keepInTouch,
  second_conversation: secondConversation,
  weekly_pipeline: weeklyPipeline,
  reflect,
  thank_referrer: thankReferrer,
  mentor_logged: mentorLogged,
} satisfies Partial<Record<NudgeKind, NudgeBody>>;
