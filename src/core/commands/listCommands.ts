/** Building and reading the list: add, list, show, goal. */

import { goalView } from '../coaching/goal.js';
import type { Command, CommandContext } from '../command.js';
import {
  OPEN_STAGES,
  SOURCE_LABELS,
  SOURCES,
  type Source,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from '../domain.js';
import { parseNothing } from '../grammar/accountGrammars.js';
import { parseAdd, parseContactOnly, parseList } from '../grammar/pipelineGrammars.js';
import { resolveSource, resolveStage } from '../grammar/vocabulary.js';
import type { Contact } from '../pipeline/contactPorts.js';
import { meetingsHeld, replanPerson } from '../pipeline/replan.js';
import { code, type Reply, reply } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { contactCard, contactLabel, pipelineBlocks } from '../views/contactViews.js';
import { optional, required, resolveContact, text } from './args.js';
import { contactOption } from './contactOption.js';
import { EVERYONE } from './define.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_LIKE = /^https?:\/\/\S+$/i;

/** Rule of thumb from career services: about ten people on the list for three or four talks. */
const LIST_TARGET = 10;

export const sourceChoices = SOURCES.map((s) => ({ name: SOURCE_LABELS[s], value: s }));
export const stageChoices = STAGES.map((s) => ({ name: STAGE_LABELS[s], value: s }));

function sourceOf(raw: string | undefined): Result<Source | undefined> {
  if (!raw) return ok(undefined);
  return (SOURCES as readonly string[]).includes(raw) ? ok(raw as Source) : resolveSource(raw);
}

/** Creates a contact in `identified` with its first timeline entry; shared with `referred`. */
export async function createContact(
  ctx: CommandContext,
  input: Partial<Contact> & { name: string },
): Promise<Contact> {
  const contact = await ctx.repos.contacts.create({
    ...input,
    orgId: ctx.org.id,
    ownerId: ctx.person.id,
    stage: 'identified',
    stageChangedAt: ctx.now,
    lastActivityAt: ctx.now,
  });
  await ctx.repos.timeline.add({
    orgId: ctx.org.id,
    contactId: contact.id,
    authorId: ctx.person.id,
    kind: 'created',
    fromStage: null,
    toStage: 'identified',
    body: null,
    occurredAt: ctx.now,
  });
  await replanPerson(ctx);
  return contact;
}

const ADD_USAGE = 'add <name> [at <organization>] [as <role>] [via <source>] [<email or profile link>]';

export const addCommand = {
  name: 'add',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Add someone you would like to talk to',
  usage: ADD_USAGE,
  examples: [
    'add Jane Doe at Figma as UX Researcher via alumni',
    'add "Pat At" at "Bank as a Service" via linkedin',
  ],
  details: [
    `Sources: ${SOURCES.map((s) => SOURCE_LABELS[s].toLowerCase()).join(', ')}.`,
    'Use double quotes when a name contains a keyword such as at, as or via.',
  ],
  options: [
    {
      name: 'name',
      type: 'string',
      description: 'Their full name',
      required: true,
      placeholder: 'Jane Doe',
      prompt: 'the name of the person to add',
      maxLength: 200,
    },
    {
      name: 'org',
      type: 'string',
      description: 'Where they work',
      label: 'Organization',
      placeholder: 'Figma',
      maxLength: 200,
    },
    {
      name: 'role',
      type: 'string',
      description: 'Their job title',
      placeholder: 'UX Researcher',
      maxLength: 200,
    },
    {
      name: 'source',
      type: 'string',
      description: 'How you found them',
      label: 'How you know of them',
      placeholder: 'Choose a source',
      choices: sourceChoices,
    },
    {
      name: 'link',
      type: 'string',
      description: 'Email address or profile link',
      label: 'Profile link or email',
      maxLength: 500,
    },
  ],
  form: { title: 'Add a contact', submit: 'Add' },
  parse: parseAdd,
  async run(ctx, args) {
    const name = required(args, 'name', 'their name', ADD_USAGE);
    if (!name.ok) return name;
    const fields = ['org', 'role', 'link'].map((f) => optional(args, f, ADD_USAGE));
    for (const f of fields) if (!f.ok) return f;
    const [org, role, link] = fields.map((f) => (f.ok ? f.value : undefined));
    const source = sourceOf(text(args, 'source'));
    if (!source.ok) return { ok: false, error: { ...source.error, usage: ADD_USAGE } };
    if (link && !EMAIL.test(link) && !URL_LIKE.test(link)) {
      return fail(
        'invalid_value',
        'The link should be an email address or a web address starting with https://.',
        {
          usage: ADD_USAGE,
        },
      );
    }
    const existing = await ctx.repos.contacts.listByOwner(ctx.person.id);
    const twin = existing.find((c) => c.name.toLowerCase() === name.value.toLowerCase());
    const contact = await createContact(ctx, {
      name: name.value,
      company: org ?? null,
      title: role ?? null,
      source: source.value ?? null,
      email: link && EMAIL.test(link) ? link : null,
      profileUrl: link && URL_LIKE.test(link) ? link : null,
    });
    const count = existing.length + 1;
    const lines = [
      ['Added ', ...contactLabel(contact), ' to your list.'],
      [
        `Next: write to them with `,
        code(`draft outreach #${contact.number}`),
        ', then mark it with ',
        code(`reached #${contact.number}`),
        '.',
      ],
    ];
    if (twin)
      lines.push(['Note: ', ...contactLabel(twin), ' has the same name. Archive one if it was a mistake.']);
    const progress =
      count < LIST_TARGET
        ? `${count} of about ${LIST_TARGET} people on your list: many won't answer, so a longer list gets you more conversations.`
        : `${count} people on your list: enough to aim for 3 or 4 conversations.`;
    return ok({
      blocks: [
        { type: 'text', lines },
        { type: 'context', lines: [[progress]] },
      ],
    });
  },
} satisfies Command;

const LIST_USAGE = 'list [stage]';

export const listCommand = {
  name: 'list',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Your pipeline by stage, with the next step for each person',
  usage: LIST_USAGE,
  examples: ['list', 'list scheduled'],
  options: [{ name: 'stage', type: 'string', description: 'Only this stage', choices: stageChoices }],
  parse: parseList,
  async run(ctx, args) {
    const raw = text(args, 'stage');
    let stage: Stage | undefined;
    if (raw) {
      const resolved = (STAGES as readonly string[]).includes(raw) ? ok(raw as Stage) : resolveStage(raw);
      if (!resolved.ok) return { ok: false, error: { ...resolved.error, usage: LIST_USAGE } };
      stage = resolved.value;
    }
    const contacts = await ctx.repos.contacts.listByOwner(ctx.person.id);
    if (!contacts.length) {
      return ok(
        reply({
          type: 'text',
          lines: [
            [
              'Your list is empty. Start with people you can reach through your school: alumni, professors, family friends.',
            ],
            ['Try ', code('add Jane Doe at Figma as UX Researcher via alumni'), '.'],
          ],
        }),
      );
    }
    const blocks = pipelineBlocks(contacts, stage);
    if (!blocks.length) {
      return ok(
        reply({ type: 'text', lines: [[`Nobody is in ${STAGE_LABELS[stage!].toLowerCase()} right now.`]] }),
      );
    }
    const open = contacts.filter((c) => OPEN_STAGES.includes(c.stage)).length;
    return ok({
      blocks: [
        { type: 'header', text: stage ? STAGE_LABELS[stage] : 'Your pipeline' },
        ...blocks,
        {
          type: 'context',
          lines: [[`${open} open, ${contacts.length} in all. `, code('show <number>'), ' for details.']],
        },
      ],
    });
  },
} satisfies Command;

const SHOW_USAGE = 'show <contact>';

/** The card for one contact; also behind the Show contact button. */
export async function showCard(ctx: CommandContext, contact: Contact): Promise<Reply> {
  const [meeting, timeline, questions, nudges, referrer] = await Promise.all([
    ctx.repos.meetings.latestForContact(contact.id),
    ctx.repos.timeline.listForContact(contact.id),
    ctx.repos.questions.listForContact(contact.id),
    ctx.repos.nudges.listForContact(contact.id),
    contact.referredById
      ? ctx.repos.contacts.getById(ctx.person.id, contact.referredById)
      : Promise.resolve(null),
  ]);
  const authorNames = new Map<string, string>();
  for (const id of new Set(
    timeline.map((e) => e.authorId).filter((a): a is string => !!a && a !== ctx.person.id),
  )) {
    const author = await ctx.repos.persons.getById(ctx.org.id, id);
    if (author) authorNames.set(id, author.displayName);
  }
  return contactCard({
    contact,
    meeting,
    timeline,
    questions,
    nudges,
    referrer,
    timezone: ctx.actor.timezone,
    authorNames,
  });
}

export const showCommand = {
  name: 'show',
  roles: EVERYONE,
  audience: 'student',
  summary: 'A contact card: details, stage, timeline, questions and reminders',
  usage: SHOW_USAGE,
  examples: ['show jane', 'show #3'],
  options: [contactOption],
  parse: parseContactOnly,
  async run(ctx, args) {
    const contact = await resolveContact(ctx, args, SHOW_USAGE);
    if (!contact.ok) return contact;
    return ok(await showCard(ctx, contact.value));
  },
} satisfies Command;

export const goalCommand = {
  name: 'goal',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Progress against the rule of thumb: about 10 people for 3 or 4 conversations',
  usage: 'goal',
  examples: ['goal'],
  options: [],
  parse: parseNothing,
  async run(ctx) {
    const [contacts, meetings] = await Promise.all([
      ctx.repos.contacts.listByOwner(ctx.person.id),
      ctx.repos.meetings.listForStudent(ctx.person.id),
    ]);
    return ok(goalView(contacts, meetingsHeld(meetings)));
  },
} satisfies Command;
