/** Building and reading the list: add, list, show, goal. */

import { goalView } from '../coaching/goal.js';
import type { CommandContext } from '../command.js';
import { OPEN_STAGES, SOURCE_LABELS, SOURCES, STAGE_LABELS, STAGES, type Stage } from '../domain.js';
import { parseNothing } from '../grammar/accountGrammars.js';
import { parseContactOnly, parseList } from '../grammar/pipelineGrammars.js';
import { resolveStage } from '../grammar/vocabulary.js';
import type { Contact } from '../pipeline/contactPorts.js';
import { meetingsHeld } from '../pipeline/replan.js';
import { code, type Reply, reply } from '../reply.js';
import { ok } from '../result.js';
import { contactCard, pipelineBlocks } from '../views/contactViews.js';
import { resolveContact, text } from './args.js';
import { contactOption } from './contactOption.js';
import { defineCommand, EVERYONE } from './define.js';

export const sourceChoices = SOURCES.map((s) => ({ name: SOURCE_LABELS[s], value: s }));
export const stageChoices = STAGES.map((s) => ({ name: STAGE_LABELS[s], value: s }));

const LIST_USAGE = 'list [stage]';

export const listCommand = defineCommand({
  name: 'list',
  roles: EVERYONE,
  audience: 'student',
  readOnly: true,
  summary: 'Your pipeline by stage, with the next step for each person',
  usage: LIST_USAGE,
  examples: ['list', 'list scheduled'],
  options: [{ name: 'stage', type: 'string', description: 'Only this stage', choices: stageChoices }],
  parse: parseList,
  uses: ['contacts'],
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
});

const SHOW_USAGE = 'show <contact>';

/** The card for one contact; also behind the Show contact button. */
export async function showCard(ctx: CommandContext<'contactDetails'>, contact: Contact): Promise<Reply> {
  const details = (await ctx.repos.contactDetails.detailsOf(ctx.org.id, [contact])).get(contact.id);
  if (!details) throw new Error('show: no details for the contact');
  const { meeting, timeline, questions, nudges, referrer, authors } = details;
  const authorNames = new Map<string, string>();
  for (const id of new Set(
    timeline.map((e) => e.authorId).filter((a): a is string => !!a && a !== ctx.person.id),
  )) {
    const name = authors.get(id);
    if (name !== undefined) authorNames.set(id, name);
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

export const showCommand = defineCommand({
  name: 'show',
  roles: EVERYONE,
  audience: 'student',
  readOnly: true,
  summary: 'A contact card: details, stage, timeline, questions and reminders',
  usage: SHOW_USAGE,
  examples: ['show jane', 'show #3'],
  options: [contactOption],
  parse: parseContactOnly,
  uses: ['contactDetails', 'contacts'],
  async run(ctx, args) {
    const contact = await resolveContact(ctx, args, SHOW_USAGE);
    if (!contact.ok) return contact;
    return ok(await showCard(ctx, contact.value));
  },
});

export const goalCommand = defineCommand({
  name: 'goal',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Progress against the rule of thumb: about 10 people for 3 or 4 conversations',
  usage: 'goal',
  examples: ['goal'],
  options: [],
  parse: parseNothing,
  uses: ['contacts', 'meetings'],
  async run(ctx) {
    const [contacts, meetings] = await Promise.all([
      ctx.repos.contacts.listByOwner(ctx.person.id),
      ctx.repos.meetings.listForStudent(ctx.person.id),
    ]);
    return ok(goalView(contacts, meetingsHeld(meetings)));
  },
});
