/** The person's own data: export, forget-me, link. */
import type { CommandContext } from '../command.js';
import { parseNothing, parseOptionalCode } from '../grammar/accountGrammars.js';
import { erasePerson } from '../people/erasure.js';
import { code, strong } from '../reply.js';
import { fail, ok } from '../result.js';
import { spreadsheetCsv } from '../views/spreadsheet.js';
import { text } from './args.js';
import { defineCommand, EVERYONE } from './define.js';
import { codeTries, hashCode, issueCode } from './secretCodes.js';

/** What an export reads. */
type ExportRepos = 'contacts' | 'contactDetails' | 'outcomes' | 'meetings' | 'nudges' | 'persons' | 'digest';

async function collectData(ctx: CommandContext<ExportRepos>) {
  const { repos, person } = ctx;
  const contacts = await repos.contacts.listByOwner(person.id);
  // Every contact's details in one statement, however long the list.
  const details = await repos.contactDetails.detailsOf(ctx.org.id, contacts);
  const detailed = contacts.map((c) => {
    const d = details.get(c.id);
    return {
      ...c,
      timeline: d?.timeline ?? [],
      questions: d?.questions ?? [],
      latestMeeting: d?.meeting ?? null,
      reminders: d?.nudges ?? [],
    };
  });
  const [outcomes, decisions] = await Promise.all([
    repos.outcomes.listForOwner(person.id),
    repos.outcomes.decisionsOf(person.id),
  ]);
  const [meetingsAsStudent, meetingsAsMentor, reminders, identities, disclosures] = await Promise.all([
    repos.meetings.listForStudent(person.id),
    repos.meetings.listForMentor(person.id),
    repos.nudges.listForPerson(person.id),
    repos.persons.identities(person.id),
    repos.digest.disclosuresAbout(ctx.org.id, person.id),
  ]);
  return {
    exportedAt: ctx.now.toISOString(),
    person: {
      displayName: person.displayName,
      role: person.role,
      timezone: person.timezone,
      wakeStartMinute: person.wakeStartMinute,
      wakeEndMinute: person.wakeEndMinute,
      lastActiveAt: person.lastActiveAt,
      lastPlatform: person.lastPlatform,
      createdAt: person.createdAt,
    },
    identities: identities.map((i) => ({
      platform: i.platform,
      space: i.spaceExternalId,
      user: i.externalUserId,
    })),
    contacts: detailed,
    outcomes: outcomes.map((o) => ({ ...o, contact: contacts.find((c) => c.id === o.contactId)?.number })),
    decisions,
    meetingsAsStudent,
    meetingsAsMentor,
    reminders,
    /** Every digest or report that named this person, to whom and when. */
    disclosures,
  };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : '');

export const exportCommand = defineCommand({
  name: 'export',
  roles: EVERYONE,
  audience: 'student',
  summary: 'All your data, as CSV and JSON files sent only to you',
  usage: 'export',
  examples: ['export'],
  options: [],
  parse: parseNothing,
  uses: ['contactDetails', 'contacts', 'digest', 'meetings', 'nudges', 'outcomes', 'persons'],
  async run(ctx) {
    const data = await collectData(ctx);
    const contactsCsv = spreadsheetCsv(
      [
        'number',
        'name',
        'organization',
        'role',
        'field',
        'source',
        'email',
        'profile',
        'stage',
        'stage_changed_at',
        'last_activity_at',
        'questions',
      ],
      data.contacts.map((c) => ({
        number: c.number,
        name: c.name,
        organization: c.company ?? '',
        role: c.title ?? '',
        field: c.field ?? '',
        source: c.source ?? '',
        email: c.email ?? '',
        profile: c.profileUrl ?? '',
        stage: c.stage,
        stage_changed_at: iso(c.stageChangedAt),
        last_activity_at: iso(c.lastActivityAt),
        questions: c.questions.map((q) => q.text).join(' | '),
      })),
    );
    const timelineCsv = spreadsheetCsv(
      ['contact', 'name', 'date', 'kind', 'from_stage', 'to_stage', 'text'],
      data.contacts.flatMap((c) =>
        c.timeline.map((e) => ({
          contact: c.number,
          name: c.name,
          date: iso(e.occurredAt),
          kind: e.kind,
          from_stage: e.fromStage ?? '',
          to_stage: e.toStage ?? '',
          text: e.body ?? '',
        })),
      ),
    );
    const stamp = ctx.now.toISOString().slice(0, 10);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            [
              `Here is everything Rapport keeps about you: ${data.contacts.length} contacts with their timelines, questions, meetings and reminders.`,
            ],
          ],
        },
      ],
      files: [
        {
          filename: `rapport-export-${stamp}.json`,
          contentType: 'application/json',
          content: JSON.stringify(data, null, 2),
        },
        { filename: `rapport-contacts-${stamp}.csv`, contentType: 'text/csv', content: contactsCsv },
        { filename: `rapport-timeline-${stamp}.csv`, contentType: 'text/csv', content: timelineCsv },
      ],
    });
  },
});

const FORGET_USAGE = 'forget-me [confirmation code]';

export const forgetMeCommand = defineCommand({
  name: 'forget-me',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Delete all your data, after you confirm',
  usage: FORGET_USAGE,
  examples: ['forget-me'],
  options: [{ name: 'code', type: 'string', description: 'The confirmation code Rapport gave you' }],
  parse: parseOptionalCode,
  uses: ['codes', 'contacts', 'nudges', 'persons'],
  async run(ctx, args) {
    const given = text(args, 'code');
    if (!given) {
      const secret = await issueCode(ctx, 'forget', ctx.person.id);
      const contacts = await ctx.repos.contacts.listByOwner(ctx.person.id);
      return ok({
        blocks: [
          { type: 'header', text: 'Delete everything?' },
          {
            type: 'text',
            lines: [
              [
                `This deletes your ${contacts.length === 1 ? '1 contact' : `${contacts.length} contacts`}, their notes, questions, meetings and every reminder. It cannot be undone. `,
                code('export'),
                ' first if you want a copy.',
              ],
              ['To confirm, type ', code(`forget-me ${secret}`), ' within 10 minutes.'],
            ],
          },
          {
            type: 'actions',
            actions: [
              { id: 'forget_confirm', label: 'Yes, delete everything', value: secret, style: 'danger' },
            ],
          },
        ],
      });
    }
    const used = await ctx.repos.codes.consume('forget', hashCode(given, ctx.person.id), ctx.now);
    if (!used || used.personId !== ctx.person.id) {
      return fail(
        'expired',
        'That confirmation code is not valid any more. Type forget-me to get a new one.',
        {
          usage: FORGET_USAGE,
        },
      );
    }
    await erasePerson(ctx.repos, ctx.org.id, ctx.person.id);
    return ok({
      accountDeleted: true,
      blocks: [
        {
          type: 'text',
          lines: [
            [
              strong('Done.'),
              ' Everything Rapport kept about you is deleted. If you use Rapport again, you start fresh.',
            ],
          ],
        },
      ],
    });
  },
});

const LINK_USAGE = 'link [code]';

export const linkCommand = defineCommand({
  name: 'link',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Connect your Slack and Discord accounts with a one-time code',
  usage: LINK_USAGE,
  examples: ['link', 'link K7Q2MX'],
  details: ['Type link on one platform, then link <code> on the other within 10 minutes.'],
  options: [{ name: 'code', type: 'string', description: 'The code you got on the other platform' }],
  // A right guess would merge the guesser into someone else's account.
  tries: codeTries('link'),
  parse: parseOptionalCode,
  uses: ['codes', 'persons'],
  async run(ctx, args) {
    const given = text(args, 'code');
    if (!given) {
      const secret = await issueCode(ctx, 'link');
      return ok({
        blocks: [
          {
            type: 'text',
            lines: [
              ['Your link code is ', strong(secret), '.'],
              [
                'On the other platform, type ',
                code(`link ${secret}`),
                ' within 10 minutes. The code works once.',
              ],
            ],
          },
        ],
      });
    }
    const used = await ctx.repos.codes.consume('link', hashCode(given), ctx.now);
    if (!used)
      return fail(
        'expired',
        'That code is unknown or expired. Type link on the other platform for a new one.',
        { usage: LINK_USAGE },
      );
    if (used.personId === ctx.person.id) {
      return fail('invalid_value', 'Use the code on your other platform, not here.', { usage: LINK_USAGE });
    }
    if (used.orgId !== ctx.org.id) {
      return fail(
        'forbidden',
        'That code comes from a space of another organization. Ask a coordinator to connect the two spaces first.',
        {
          usage: LINK_USAGE,
        },
      );
    }
    const merged = await ctx.repos.persons.merge(ctx.org.id, ctx.person.id, used.personId);
    if (!merged.ok) return merged;
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [['Linked. Your contacts and reminders are now the same on both platforms.']],
        },
      ],
    });
  },
});
