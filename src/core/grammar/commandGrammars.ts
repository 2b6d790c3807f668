/**
 * The text grammar of every subcommand, keyed by its path. Each turns the words after the
 * subcommand into the named options the handlers (and Discord) use; every failure carries the
 * command's usage line.
 */
import type { RawArgs } from '../command.js';
import type { Result } from '../result.js';
import {
  parseHelp,
  parseNothing,
  parseOptionalCode,
  parseQuietHours,
  parseTimeZoneSetting,
} from './accountGrammars.js';
import {
  parseAdd,
  parseAsk,
  parseContactOnly,
  parseDraft,
  parseList,
  parseMet,
  parseMove,
  parseNote,
  parseReached,
  parseReferred,
  parseScheduled,
  parseSnooze,
} from './pipelineGrammars.js';
import { parseDigestAt, parseDigestChannel, parseLog, parseRole, parseStats } from './staffGrammars.js';
import type { SubcommandName } from './subcommands.js';
import { USAGES } from './usages.js';

/** A text grammar: the words after the subcommand, into named options. */
export type CommandGrammar = (text: string) => Result<RawArgs>;

/** The option names each grammar may produce (also the Discord option names). */
export const GRAMMAR_OPTIONS: Record<SubcommandName, readonly string[]> = {
  help: ['command'],
  add: ['name', 'org', 'role', 'source', 'link'],
  list: ['stage'],
  show: ['contact'],
  reached: ['contact', 'date', 'channel'],
  scheduled: ['contact', 'when', 'minutes', 'mode'],
  met: ['contact', 'notes'],
  thanked: ['contact'],
  note: ['contact', 'text'],
  ask: ['contact', 'question'],
  questions: ['contact'],
  referred: ['contact', 'name', 'org', 'role'],
  draft: ['kind', 'contact'],
  snooze: ['contact', 'duration'],
  decline: ['contact'],
  archive: ['contact'],
  move: ['contact', 'stage'],
  goal: [],
  'settings tz': ['zone'],
  'settings quiet': ['hours'],
  link: ['code'],
  export: [],
  'forget-me': ['code'],
  log: ['student', 'date', 'minutes', 'topics'],
  mentees: [],
  role: ['person', 'role'],
  'digest preview': [],
  'digest channel': ['channel'],
  'digest at': ['weekday', 'time'],
  stats: ['weeks'],
  report: [],
};

const PARSERS: Record<SubcommandName, CommandGrammar> = {
  help: parseHelp,
  add: parseAdd,
  list: parseList,
  show: parseContactOnly,
  reached: parseReached,
  scheduled: parseScheduled,
  met: parseMet,
  thanked: parseContactOnly,
  note: parseNote,
  ask: parseAsk,
  questions: parseContactOnly,
  referred: parseReferred,
  draft: parseDraft,
  snooze: parseSnooze,
  decline: parseContactOnly,
  archive: parseContactOnly,
  move: parseMove,
  goal: parseNothing,
  'settings tz': parseTimeZoneSetting,
  'settings quiet': parseQuietHours,
  link: parseOptionalCode,
  export: parseNothing,
  'forget-me': parseOptionalCode,
  log: parseLog,
  mentees: parseNothing,
  role: parseRole,
  'digest preview': parseNothing,
  'digest channel': parseDigestChannel,
  'digest at': parseDigestAt,
  stats: parseStats,
  report: parseNothing,
};

/** Adds the command's usage line to a failure that has none. */
function withUsage(name: SubcommandName, parse: CommandGrammar): CommandGrammar {
  return (text) => {
    const result = parse(text);
    if (result.ok || result.error.usage !== undefined) return result;
    return { ok: false, error: { ...result.error, usage: USAGES[name] } };
  };
}

/** Every subcommand's text grammar, keyed by its path (`add`, `settings tz`, ...). */
export const COMMAND_GRAMMARS: Record<SubcommandName, CommandGrammar> = Object.fromEntries(
  (Object.keys(PARSERS) as SubcommandName[]).map((name) => [name, withUsage(name, PARSERS[name])]),
) as Record<SubcommandName, CommandGrammar>;
