/**
 * Messages the student copies, edits and sends themselves: a first request, a thank-you and a
 * follow-up. The first request says plainly that the student wants information and advice, not a
 * job (in a thank-you the same line reads defensively); none ever asks for a job, a position, an
 * internship or an introduction to an opening. Drafts never quote the student's private notes.
 */

import type { Contact } from '../pipeline/contactPorts.js';
import type { Meeting } from '../pipeline/meetingPorts.js';
import { type Line, type Reply, user } from '../reply.js';
import { salutation, titleWithArticle } from './draftWording.js';

/** The drafts a student can ask for. */
export const DRAFT_KINDS = ['outreach', 'thanks', 'followup'] as const;
/** Which message to draft. */
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** What a draft is built from. */
export interface DraftFacts {
  studentName: string;
  contact: Contact;
  meeting: Meeting | null;
  /** The contact who suggested this one, if any. */
  referrer: Contact | null;
  /** The field the student is exploring (the contact's, if the caller has nothing better). */
  field: string | null;
}

/** Where the student writes the one thing they took away: notes are private and never quoted. */
export const TAKEAWAY_PLACEHOLDER =
  '[Write one thing you took away from the conversation, in your own words.]';

const DRAFT_TITLES: Record<DraftKind, string> = {
  outreach: 'Draft: asking for a conversation',
  thanks: 'Draft: thank-you note',
  followup: 'Draft: a polite follow-up',
};

function outreach(facts: DraftFacts): { subject: Line; body: Line[] } {
  const { contact, field, referrer } = facts;
  const role: Line = [
    ...(contact.title ? [' as ', ...titleWithArticle(contact.title)] : []),
    ...(contact.company ? [' at ', user(contact.company)] : []),
  ];
  return {
    subject: field
      ? ['A student hoping to learn about ', user(field)]
      : ['A student hoping to learn from your experience'],
    body: [
      salutation(contact.name),
      [],
      [
        'My name is ',
        user(facts.studentName),
        ", and I'm a student exploring ",
        ...(field ? [user(field)] : ['the kind of work you do']),
        '.',
      ],
      ...(referrer ? [[user(referrer.name), ' suggested I contact you.']] : []),
      ["I'd really value hearing about your work", ...role, ' and how you got there.'],
      [],
      [
        "To be clear, I'm not asking for a job or an internship. I'm looking for information and advice from someone who knows the field from the inside.",
      ],
      [
        'Would you have 20 to 30 minutes for a conversation in the coming weeks? I will fit your schedule, by phone, by video or in person, whichever you prefer.',
      ],
      [],
      ['Thank you for considering it.'],
      ['Best regards,'],
      [user(facts.studentName)],
    ],
  };
}

function thanks(facts: DraftFacts): { subject: Line; body: Line[] } {
  const { contact, meeting, referrer } = facts;
  const howWeTalked = meeting?.mode === 'email' ? 'to answer my questions' : 'to talk with me';
  return {
    subject: ['Thank you for your time'],
    body: [
      salutation(contact.name),
      [],
      [`Thank you for taking the time ${howWeTalked}. I appreciated how openly you shared your experience.`],
      [TAKEAWAY_PLACEHOLDER],
      ...(referrer ? [["I'm grateful to ", user(referrer.name), ' for putting us in touch.']] : []),
      ['[If they asked for your resume: As you suggested, I have attached my resume.]'],
      [],
      ['Would you mind if I kept in touch and let you know how things go?'],
      [],
      ['Thanks again,'],
      [user(facts.studentName)],
    ],
  };
}

function followup(facts: DraftFacts): { subject: Line; body: Line[] } {
  const { contact, field, referrer } = facts;
  return {
    subject: ['Following up: a short conversation about your work'],
    body: [
      salutation(contact.name),
      [],
      [
        'I wrote to you a little while ago to ask for a short conversation about your work',
        ...(field ? [' in ', user(field)] : []),
        ', and I wanted to follow up in case my message got lost in a busy inbox.',
      ],
      ...(referrer
        ? [[user(referrer.name), ' suggested I contact you, and I would still love to hear your view.']]
        : []),
      [
        'If you could spare 20 to 30 minutes at a time that suits you, by phone, by video or in person, I would be very grateful. And if now is not a good moment, I completely understand.',
      ],
      [],
      ['Best regards,'],
      [user(facts.studentName)],
    ],
  };
}

const BUILDERS: Record<DraftKind, (facts: DraftFacts) => { subject: Line; body: Line[] }> = {
  outreach,
  thanks,
  followup,
};

/**
 * A short message for the student to copy and edit: a subject line for email, the body with every
 * name as user text, and a reminder to make it their own.
 */
export function draftMessage(kind: DraftKind, facts: DraftFacts): Reply {
  const { subject, body } = BUILDERS[kind](facts);
  return {
    blocks: [
      { type: 'header', text: DRAFT_TITLES[kind] },
      { type: 'text', lines: [['Subject: ', ...subject]] },
      { type: 'text', lines: body },
      {
        type: 'context',
        lines: [
          ['Use the subject line if you send it by email; skip it on LinkedIn or in a chat.'],
          ['This is only a starting point: rewrite it in your own words before you send it.'],
        ],
      },
    ],
  };
}
