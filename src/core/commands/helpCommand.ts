/** `help [command]`: usage with examples, for the commands the person's role allows. */
import { type Command, signatureOf } from '../command.js';
import type { Audience } from '../domain.js';
import { parseHelp } from '../grammar/accountGrammars.js';
import { closestCommand } from '../grammar/subcommands.js';
import { code, type Line, type Reply, usageOf } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { text } from './args.js';
import { defineCommand, EVERYONE } from './define.js';

function commandHelp(command: Command): Reply {
  const lines: Line[] = [[`${command.summary}.`], ['Usage: ', usageOf(signatureOf(command))]];
  for (const d of command.details ?? []) lines.push([d]);
  return {
    blocks: [
      { type: 'header', text: command.name },
      { type: 'text', lines },
      { type: 'examples', items: [...command.examples] },
    ],
  };
}

const SECTIONS: Record<Audience, string> = {
  student: 'Your conversations',
  mentor: 'Mentors',
  coordinator: 'Coordinators',
};

/** Built from the command list it describes, so help can never drift from what exists. */
export function makeHelpCommand(list: () => readonly Command[]) {
  return defineCommand({
    name: 'help',
    audience: 'student',
    readOnly: true,
    roles: EVERYONE,
    summary: 'How to use Rapport, or one command in detail',
    usage: 'help [command]',
    examples: ['help', 'help add'],
    options: [{ name: 'command', type: 'string', description: 'A command to explain' }],
    parse: parseHelp,
    /** Help reads only the command list: no repository. */
    uses: [],
    async run(ctx, args): Promise<Result<Reply>> {
      const allowed = list().filter((c) => c.roles.includes(ctx.actor.role));
      const wanted = text(args, 'command')?.toLowerCase();
      if (wanted) {
        const found =
          allowed.find((c) => c.name === wanted || c.aliases?.includes(wanted)) ??
          allowed.find((c) => c.name.startsWith(`${wanted} `));
        if (found) return ok(commandHelp(found));
        const closest = closestCommand(
          wanted,
          allowed.map((c) => c.name),
        );
        return fail(
          'unknown_command',
          closest ? `There is no ${wanted} command; did you mean ${closest}?` : 'There is no such command.',
        );
      }
      const sections = (Object.keys(SECTIONS) as Audience[]).flatMap((audience): Reply['blocks'] => {
        const items = allowed
          .filter((c) => c.audience === audience)
          .map((c): Line => [usageOf(signatureOf(c), true), ` — ${c.summary}`]);
        return items.length ? [{ type: 'list', title: SECTIONS[audience], items }] : [];
      });
      return ok({
        blocks: [
          { type: 'header', text: 'Rapport: your informational interviews' },
          {
            type: 'text',
            lines: [
              [
                'Keep a list of people to talk to, move each one along (reached out, scheduled, met, thanked), prepare questions and get reminded at the right moments.',
              ],
              ['Refer to a contact by its number (', code('#3'), ') or part of the name.'],
            ],
          },
          ...sections,
          { type: 'context', lines: [[code('help <command>'), ' shows examples for one command.']] },
        ],
      });
    },
  });
}
