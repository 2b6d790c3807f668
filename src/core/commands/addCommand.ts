/** Adding someone to the list: `add`, and the contact creation `referred` shares. */
import type { CommandContext } from '../command.js';
import { SOURCE_LABELS, SOURCES, type Source } from '../domain.js';
import { parseAdd } from '../grammar/pipelineGrammars.js';
import { resolveSource } from '../grammar/vocabulary.js';
import { logInteraction } from '../pipeline/contactChanges.js';
import type { Contact } from '../pipeline/contactPorts.js';
import { type ReplanRepos, replanPerson } from '../pipeline/replan.js';
import { code } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { contactLabel } from '../views/contactViews.js';
import { optional, required, text } from './args.js';
import { CONTACT_EXTRA_OPTIONS } from './contactOption.js';
import { defineCommand, EVERYONE } from './define.js';
import { sourceChoices } from './listCommands.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_LIKE = /^https?:\/\/\S+$/i;

/** Rule of thumb from career services: about ten people on the list for three or four talks. */
const LIST_TARGET = 10;

function sourceOf(raw: string | undefined): Result<Source | undefined> {
  if (!raw) return ok(undefined);
  return (SOURCES as readonly string[]).includes(raw) ? ok(raw as Source) : resolveSource(raw);
}

/** Creates a contact in `identified` with its first timeline entry; shared with `referred`. */
export async function createContact(
  ctx: CommandContext<'contactChanges' | ReplanRepos>,
  input: Partial<Contact> & { name: string },
): Promise<Contact> {
  // The contact and its first entry are written by one statement.
  const contact = await ctx.repos.contactChanges.create(
    {
      ...input,
      orgId: ctx.org.id,
      ownerId: ctx.person.id,
      stage: 'identified',
      stageChangedAt: ctx.now,
      lastActivityAt: ctx.now,
    },
    {
      authorId: ctx.person.id,
      kind: 'created',
      fromStage: null,
      toStage: 'identified',
      body: null,
      occurredAt: ctx.now,
    },
  );
  await replanPerson(ctx);
  return contact;
}

const ADD_USAGE =
  'add <name> [at <organization>] [as <role>] [in <field>] [via <source>] [<email>] [<profile link>]';

export const addCommand = defineCommand({
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
    ...CONTACT_EXTRA_OPTIONS,
  ],
  form: { title: 'Add a contact', submit: 'Add' },
  parse: parseAdd,
  uses: ['contactChanges', 'contacts', 'nudges', 'planning'],
  async run(ctx, args) {
    const name = required(args, 'name', 'their name', ADD_USAGE);
    if (!name.ok) return name;
    const fields = ['org', 'role', 'link', 'email', 'field', 'note'].map((f) => optional(args, f, ADD_USAGE));
    for (const f of fields) if (!f.ok) return f;
    const [org, role, link, emailArg, field, note] = fields.map((f) => (f.ok ? f.value : undefined));
    if (emailArg && !EMAIL.test(emailArg)) {
      return fail('invalid_value', 'That email address does not look right.', { usage: ADD_USAGE });
    }
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
      email: emailArg ?? (link && EMAIL.test(link) ? link : null),
      profileUrl: link && URL_LIKE.test(link) ? link : null,
      field: field ?? null,
    });
    if (note) await logInteraction(ctx, contact, { kind: 'note', body: note });
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
});
