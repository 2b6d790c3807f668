/**
 * The text form of each subcommand, shown with every parse error (and reusable by help).
 */
import type { SubcommandName } from './subcommands.js';

/** Usage line of each subcommand, without the `/rapport` prefix. */
export const USAGES: Record<SubcommandName, string> = {
  help: 'help [command]',
  add: 'add <name> [at <org>] [as <role>] [via <source>]',
  list: 'list [stage]',
  show: 'show <contact>',
  reached: 'reached <contact> [on <date>] [by <channel>]',
  scheduled: 'scheduled <contact> <when> [for <N> min] [in person|phone|video|email]',
  met: 'met <contact> [notes]',
  thanked: 'thanked <contact>',
  note: 'note <contact> <text>',
  ask: 'ask <contact> <question>',
  questions: 'questions <contact>',
  referred: 'referred <contact> <name> [at <org>] [as <role>]',
  draft: 'draft <outreach|thanks|followup> <contact>',
  snooze: 'snooze <contact> <duration>',
  decline: 'decline <contact>',
  archive: 'archive <contact>',
  move: 'move <contact> <stage>',
  goal: 'goal',
  'settings tz': 'settings tz <zone>',
  'settings quiet': 'settings quiet <from>-<to>',
  link: 'link [code]',
  export: 'export',
  'forget-me': 'forget-me [code]',
  log: 'log <student> [on <date>] [for <N> min] [topics]',
  mentees: 'mentees',
  role: 'role <person> <student|mentor|coordinator>',
  'digest preview': 'digest preview',
  'digest channel': 'digest channel <channel>',
  'digest at': 'digest at <weekday> <time>',
  stats: 'stats [weeks]',
  report: 'report',
};
