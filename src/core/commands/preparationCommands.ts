/** Preparing and following through: note, ask, questions, referred, draft, snooze. */

import { draftMessage } from '../coaching/drafts.js';
import { detectJobRequest, jobRequestAdvice } from '../coaching/jobRequests.js';
import { suggestQuestions } from '../coaching/questionBank.js';
import { questionCapacity, questionRangeText, questionsWarning } from '../coaching/questionCapacity.js';
import { isYesNoQuestion, suggestOpenRewrite } from '../coaching/yesNo.js';
import type { CommandContext } from '../command.js';
import {
  parseAsk,
  parseContactOnly,
  parseDraft,
  parseNote,
  parseReferred,
} from '../grammar/pipelineGrammars.js';
import { resolveDraftKind } from '../grammar/vocabulary.js';
import { logInteraction, logPreparation } from '../pipeline/contactChanges.js';
import { code, type Line, user } from '../reply.js';
import { fail, ok } from '../result.js';
import { contactLabel } from '../views/contactViews.js';
import { createContact } from './addCommand.js';
import { optional, required, resolveContact, resolveContactWithText, text } from './args.js';
import { isConfirmed } from './confirmations.js';
import { CONTACT_EXTRA_OPTIONS, contactOption } from './contactOption.js';
import { defineCommand, EVERYONE } from './define.js';
import { checkDraft } from './orderChecks.js';

const DEFAULT_MINUTES = 30;

const NOTE_USAGE = 'note <contact> <text>';

export const noteCommand = defineCommand({
  name: 'note',
  roles: EVERYONE,
  audience: 'student',
  summary: 'A dated note on the timeline (only you can read it)',
  usage: NOTE_USAGE,
  examples: ['note jane prefers email', 'note #2 suggested I read about service design'],
  options: [
    contactOption,
    {
      name: 'text',
      type: 'string',
      description: 'The note',
      label: 'Note',
      placeholder: 'What did you learn?',
      prompt: 'the note',
      required: true,
      multiline: true,
      maxLength: 3000,
    },
  ],
  form: { title: 'Add a note', submit: 'Save' },
  parse: parseNote,
  uses: ['contactChanges', 'contacts', 'nudges', 'planning'],
  async run(ctx, args) {
    const resolved = await resolveContactWithText(ctx, args, 'text', NOTE_USAGE);
    if (!resolved.ok) return resolved;
    const contact = resolved.value.contact;
    const body = required({ text: resolved.value.rest }, 'text', 'what to note', NOTE_USAGE);
    if (!body.ok) return body;
    await logInteraction(ctx, contact, { kind: 'note', body: body.value });
    return ok({
      blocks: [{ type: 'text', lines: [['Noted on the timeline of ', ...contactLabel(contact), '.']] }],
    });
  },
});

const ASK_USAGE = 'ask <contact> <question>';

async function meetingMinutes(ctx: CommandContext<'meetings'>, contactId: string): Promise<number> {
  const meeting = await ctx.repos.meetings.latestForContact(contactId);
  return meeting?.durationMinutes ?? DEFAULT_MINUTES;
}

export const askCommand = defineCommand({
  name: 'ask',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Prepare a question for a contact',
  usage: ASK_USAGE,
  examples: ['ask jane What surprised you most in your first year?'],
  details: ['Open questions (what, how, why, tell me about) start a conversation; yes/no questions end one.'],
  options: [
    contactOption,
    { name: 'question', type: 'string', description: 'Your question', required: true },
  ],
  parse: parseAsk,
  uses: ['contacts', 'meetings', 'questions', 'timeline'],
  async run(ctx, args) {
    const resolved = await resolveContactWithText(ctx, args, 'question', ASK_USAGE);
    if (!resolved.ok) return resolved;
    const question = required({ question: resolved.value.rest }, 'question', 'the question', ASK_USAGE);
    if (!question.ok) return question;
    const c = resolved.value.contact;
    const request = detectJobRequest(question.value);
    if (request) {
      // Not saved: the student is offered an open question to ask instead.
      const advice = jobRequestAdvice(request, question.value);
      return ok({
        blocks: [
          {
            type: 'text',
            lines: [
              [advice.why],
              ['Ask about the path instead, for example: ', user(advice.instead)],
              ['To keep that one: ', code(`ask #${c.number} ${advice.instead}`)],
            ],
          },
        ],
      });
    }
    await ctx.repos.questions.add(ctx.org.id, c.id, question.value);
    await logPreparation(ctx, c, { kind: 'question', body: question.value });
    const all = await ctx.repos.questions.listForContact(c.id);
    const lines: Line[] = [[`Question ${all.length} saved for `, ...contactLabel(c), '.']];
    if (isYesNoQuestion(question.value)) {
      const rewrite = suggestOpenRewrite(question.value);
      lines.push([
        'That one can be answered with a simple yes or no. An open version gets you more to work with.',
      ]);
      if (rewrite) lines.push(['For example: ', user(rewrite)]);
    }
    const warning = questionsWarning(all.length, await meetingMinutes(ctx, c.id));
    if (warning) lines.push([warning]);
    return ok({ blocks: [{ type: 'text', lines }] });
  },
});

const QUESTIONS_USAGE = 'questions <contact>';

export const questionsCommand = defineCommand({
  name: 'questions',
  roles: EVERYONE,
  audience: 'student',
  readOnly: true,
  summary: 'Your prepared questions, with ideas for open-ended ones',
  usage: QUESTIONS_USAGE,
  examples: ['questions jane'],
  options: [contactOption],
  parse: parseContactOnly,
  uses: ['contacts', 'meetings', 'questions'],
  async run(ctx, args) {
    const contact = await resolveContact(ctx, args, QUESTIONS_USAGE);
    if (!contact.ok) return contact;
    const c = contact.value;
    const [questions, minutes] = await Promise.all([
      ctx.repos.questions.listForContact(c.id),
      meetingMinutes(ctx, c.id),
    ]);
    const capacity = questionCapacity(minutes);
    const ideas = suggestQuestions(
      questions.map((q) => q.text),
      Math.max(2, Math.min(5, capacity - questions.length)),
    );
    const blocks: import('../reply.js').Block[] = [{ type: 'header', text: `Questions for #${c.number}` }];
    if (questions.length) {
      blocks.push({
        type: 'list',
        items: questions.map((q, i) => {
          const line: Line = [`${i + 1}. `, user(q.text)];
          if (isYesNoQuestion(q.text)) line.push(' (yes/no: try an open version)');
          return line;
        }),
      });
    } else {
      blocks.push({
        type: 'text',
        lines: [['No questions yet. Add one with ', code(`ask #${c.number} <question>`), '.']],
      });
    }
    const warning = questionsWarning(questions.length, minutes);
    blocks.push({
      type: 'context',
      lines: [[warning ?? `A ${minutes}-minute conversation holds ${questionRangeText(minutes)}.`]],
    });
    if (ideas.length) {
      blocks.push({ type: 'list', title: 'Ideas for open questions', items: ideas.map((q) => [q.text]) });
    }
    return ok({ blocks });
  },
});

const REFERRED_USAGE = 'referred <contact> <name> [at <organization>] [as <role>] [in <field>] [via <how>]';

export const referredCommand = defineCommand({
  name: 'referred',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Someone suggested another person to talk to: adds them to your list',
  usage: REFERRED_USAGE,
  examples: ['referred jane Sam Lee at Figma', 'referred #2 "Ana de la Cruz" as Design Manager'],
  options: [
    { ...contactOption, description: 'Who referred them (number or name)' },
    { name: 'name', type: 'string', description: 'The new person', required: true },
    { name: 'org', type: 'string', description: 'Where they work' },
    { name: 'role', type: 'string', description: 'Their job title' },
    ...CONTACT_EXTRA_OPTIONS.filter((option) => option.name !== 'email'),
  ],
  parse: parseReferred,
  uses: ['contactChanges', 'contacts', 'nudges', 'planning'],
  async run(ctx, args) {
    const referrer = await resolveContact(ctx, args, REFERRED_USAGE);
    if (!referrer.ok) return referrer;
    const name = required(args, 'name', 'the name of the person they suggested', REFERRED_USAGE);
    if (!name.ok) return name;
    const org = optional(args, 'org', REFERRED_USAGE);
    if (!org.ok) return org;
    const role = optional(args, 'role', REFERRED_USAGE);
    if (!role.ok) return role;
    const field = optional(args, 'field', REFERRED_USAGE);
    if (!field.ok) return field;
    const note = optional(args, 'note', REFERRED_USAGE);
    if (!note.ok) return note;
    const contact = await createContact(ctx, {
      name: name.value,
      company: org.value ?? null,
      title: role.value ?? null,
      field: field.value ?? null,
      source: 'referral',
      referredById: referrer.value.id,
    });
    if (note.value) await logInteraction(ctx, contact, { kind: 'note', body: note.value });
    await logInteraction(ctx, referrer.value, { kind: 'referral', body: name.value });
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            ['Added ', ...contactLabel(contact), ', referred by ', user(referrer.value.name), '.'],
            [
              'Mention the referral when you write: ',
              code(`draft outreach #${contact.number}`),
              ' does it for you.',
            ],
          ],
        },
      ],
    });
  },
});

const DRAFT_USAGE = 'draft <outreach | thanks | followup> <contact>';

export const draftCommand = defineCommand({
  name: 'draft',
  roles: EVERYONE,
  audience: 'student',
  summary: 'A message to copy and make your own: outreach, thanks or follow-up',
  usage: DRAFT_USAGE,
  examples: ['draft outreach #1', 'draft thanks jane', 'draft followup jane'],
  options: [
    {
      name: 'kind',
      type: 'string',
      description: 'Which message',
      required: true,
      choices: [
        { name: 'Outreach', value: 'outreach' },
        { name: 'Thank-you', value: 'thanks' },
        { name: 'Follow-up', value: 'followup' },
      ],
    },
    contactOption,
  ],
  parse: parseDraft,
  uses: ['contacts', 'meetings'],
  async run(ctx, args) {
    const rawKind = text(args, 'kind');
    if (!rawKind) return fail('usage', 'Which draft: outreach, thanks or followup?', { usage: DRAFT_USAGE });
    const kind = resolveDraftKind(rawKind);
    if (!kind.ok) return { ok: false, error: { ...kind.error, usage: DRAFT_USAGE } };
    const contact = await resolveContact(ctx, args, DRAFT_USAGE);
    if (!contact.ok) return contact;
    const c = contact.value;
    const check = isConfirmed(args) ? null : await checkDraft(ctx, c, kind.value);
    if (check) return ok(check);
    const [meeting, referrer] = await Promise.all([
      ctx.repos.meetings.latestForContact(c.id),
      c.referredById ? ctx.repos.contacts.getById(ctx.person.id, c.referredById) : Promise.resolve(null),
    ]);
    return ok(
      draftMessage(kind.value, {
        studentName: ctx.person.displayName,
        contact: c,
        meeting,
        referrer,
        field: c.field,
      }),
    );
  },
});
