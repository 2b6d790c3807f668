/**
 * The replies dispatch gives on its own, before or instead of a command's answer: a person's
 * mistake with the command's usage line, a role refusal, an unknown command, and the apology.
 */
import { type Actor, type Command, type RawArgs, signatureOf } from './command.js';
import { pickActions } from './commands/contactPicks.js';
import { redirectFor } from './grammar/everydayWords.js';
import { closestCommand } from './grammar/subcommands.js';
import { code, type Line, type Reply, usageOf, user } from './reply.js';
import type { UserError } from './result.js';

export const APOLOGY: Reply = {
  blocks: [
    {
      type: 'text',
      lines: [
        ['Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.'],
      ],
    },
  ],
};

/**
 * A person's mistake as a reply: the sentence, any pick-list, and the command's one usage line
 * (each platform spells it), the same whether the words or the run failed.
 */
export function errorReply(error: UserError, command?: Command, args?: RawArgs): Reply {
  const lines: Line[] = [[error.message]];
  for (const d of error.detail ?? []) lines.push(d);
  const picks = command && args && error.choices ? pickActions(command.name, args, error.choices) : [];
  return {
    blocks: [
      { type: 'text', lines },
      ...(picks.length ? [{ type: 'actions' as const, actions: picks }] : []),
      ...(command ? [{ type: 'context' as const, lines: [['Usage: ', usageOf(signatureOf(command))]] }] : []),
    ],
  };
}

const ROLE_REFUSALS: Record<string, string> = {
  mentor: 'Only mentors (and coordinators) can use that command. A coordinator can give you the mentor role.',
  coordinator: 'Only coordinators can use that command.',
  advisor: 'Only advisors and coordinators can use that command.',
};

/** A command the person's role does not allow. */
export function refusal(command: Command): Reply {
  const needed = command.roles.includes('mentor')
    ? 'mentor'
    : command.roles.includes('advisor')
      ? 'advisor'
      : 'coordinator';
  return errorReply({
    kind: 'forbidden',
    message: ROLE_REFUSALS[needed] ?? 'You cannot use that command.',
  });
}

/** No command by that name: an everyday word's redirect, or the closest command the person may use. */
export function unknownReply(
  commands: readonly Command[],
  byPath: ReadonlyMap<string, Command>,
  actor: Actor,
  word: string,
): Reply {
  const redirect = redirectFor(word);
  if (redirect) return { blocks: [{ type: 'text', lines: redirect }] };
  const names = commands.filter((c) => c.roles.includes(actor.role)).map((c) => c.name);
  const closest = closestCommand(word, names);
  const command = closest ? byPath.get(closest) : undefined;
  const lines: Line[] = [
    word ? ['I do not know the command ', user(word.slice(0, 40)), '.'] : ['Tell me what to do.'],
  ];
  if (command) lines.push(['Did you mean ', code(command.name), '? ', command.summary, '.']);
  lines.push(['Type ', code('help'), ' to see everything I can do.']);
  return {
    blocks: [
      { type: 'text', lines },
      ...(command ? [{ type: 'context' as const, lines: [['Usage: ', usageOf(signatureOf(command))]] }] : []),
    ],
  };
}
