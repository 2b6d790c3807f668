/** The home view (Slack App Home): pipeline at a glance, what's next, upcoming meetings. */
import type { CommandContext } from '../command.js';
import { OPEN_STAGES } from '../domain.js';
import { NUDGE_LABELS } from '../nudges/nudgeMessages.js';
import { type Block, code, type Reply } from '../reply.js';
import { contactLabel, pipelineBlocks } from './contactViews.js';
import { formatDateTime } from './format.js';

export async function homeView(ctx: CommandContext<'contacts' | 'meetings' | 'nudges'>): Promise<Reply> {
  const [contacts, meetings, nudges] = await Promise.all([
    ctx.repos.contacts.listByOwner(ctx.person.id),
    ctx.repos.meetings.listForStudent(ctx.person.id),
    ctx.repos.nudges.listForPerson(ctx.person.id, ['pending']),
  ]);
  const tz = ctx.actor.timezone;
  const blocks: Block[] = [{ type: 'header', text: 'Your informational interviews' }];
  if (!contacts.length) {
    blocks.push({
      type: 'text',
      lines: [
        [
          'Start a list of about 10 people whose work interests you: alumni, former colleagues, friends of the family.',
        ],
        [
          'Type ',
          code('/rapport add Jane Doe at Figma as UX Researcher via alumni'),
          ' to add the first one, or ',
          code('/rapport help'),
          '.',
        ],
      ],
    });
    return { blocks };
  }
  const open = contacts.filter((c) => OPEN_STAGES.includes(c.stage));
  blocks.push({ type: 'context', lines: [[`${open.length} open contacts, ${contacts.length} in all.`]] });
  const upcoming = meetings
    .filter((m) => !m.heldAt && m.startsAt > ctx.now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .slice(0, 5);
  if (upcoming.length) {
    const byId = new Map(contacts.map((c) => [c.id, c]));
    blocks.push({
      type: 'list',
      title: 'Upcoming meetings',
      items: upcoming.map((m) => {
        const c = m.contactId ? byId.get(m.contactId) : undefined;
        return [formatDateTime(m.startsAt, tz), ' — ', ...(c ? contactLabel(c) : ['a meeting'])];
      }),
    });
  }
  const next = nudges.slice(0, 5);
  if (next.length) {
    blocks.push({
      type: 'list',
      title: 'Coming reminders',
      items: next.map((n) => [`${formatDateTime(n.dueAt, tz)}: ${NUDGE_LABELS[n.kind]}`]),
    });
  }
  blocks.push({ type: 'divider' }, ...pipelineBlocks(contacts));
  return { blocks };
}
