/** `help [command]`: usage with examples, for the commands the person's role allows. */
import type { Command } from '../command.js';
import type { Platform } from '../domain.js';
import { closestCommand } from '../grammar/subcommands.js';
import { code, type Line, type Reply } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { usageFor } from '../views/usage.js';
import { text } from './args.js';
import { EVERYONE, grammar, onRapport } from './define.js';

const HELP_USAGE = 'help [command]';

function commandHelp(command: Command, platform: Platform): Reply {
  const lines: Line[] = [[`${command.summary}.`], ['Usage: ', code(usageFor(platform, command)!)]];
  for (const d of command.details ?? []) lines.push([d]);
  return {
    blocks: [
      { type: 'header', text: command.name },
      { type: 'text', lines },
      // Examples are written in the text form; Discord's options speak for themselves.
      ...(platform === 'discord'
        ? []
        : [
            {
              type: 'list' as const,
              title: 'Examples',
              items: command.examples.map((e) => [code(`/rapport ${e}`)]),
            },
          ]),
    ],
  };
}

/** Built from the command list it describes, so help can never drift from what exists. */
export function makeHelpCommand(list: () => readonly Command[]) {
  return {
    name: 'help',
    roles: EVERYONE,
    discord: onRapport('help'),
    summary: 'How to use Rapport, or one command in detail',
    usage: HELP_USAGE,
    examples: ['help', 'help add'],
    options: [{ name: 'command', type: 'string', description: 'A command to explain' }],
    parse: grammar('help'),
    async run(ctx, args): Promise<Result<Reply>> {
      const allowed = list().filter((c) => c.roles.includes(ctx.actor.role));
      const wanted = text(args, 'command')?.toLowerCase();
      if (wanted) {
        const found =
          allowed.find((c) => c.name === wanted) ?? allowed.find((c) => c.name.startsWith(`${wanted} `));
        if (found) return ok(commandHelp(found, ctx.actor.platform));
        const closest = closestCommand(
          wanted,
          allowed.map((c) => c.name),
        );
        return fail(
          'unknown_command',
          closest ? `There is no ${wanted} command; did you mean ${closest}?` : 'There is no such command.',
          {
            usage: HELP_USAGE,
          },
        );
      }
      const section = (title: string, roles: (c: Command) => boolean): Reply['blocks'] => {
        const items = allowed
          .filter(roles)
          .map(
            (c): Line => [
              code(ctx.actor.platform === 'discord' ? usageFor('discord', c)! : c.usage),
              ` — ${c.summary}`,
            ],
          );
        return items.length ? [{ type: 'list', title, items }] : [];
      };
      const forEveryone = (c: Command) => c.roles.includes('student');
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
          ...section('Your conversations', forEveryone),
          ...section('Mentors', (c) => !forEveryone(c) && c.roles.includes('mentor')),
          ...section('Coordinators', (c) => !forEveryone(c) && !c.roles.includes('mentor')),
          { type: 'context', lines: [[code('help <command>'), ' shows examples for one command.']] },
        ],
      });
    },
  } satisfies Command;
}
