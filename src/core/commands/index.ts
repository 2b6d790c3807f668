/**
 * The one list of commands. Dispatch, help, usage lines, forms and Discord's registration all
 * derive from it; it is explicit on purpose (no folder scan). Adding a command means writing its
 * file and adding it here, nothing else.
 */
import type { Command } from '../command.js';
import { addCommand } from './addCommand.js';
import { COHORT_COMMANDS, joinCommand } from './cohortCommands.js';
import { COHORT_PEOPLE_COMMANDS } from './cohortPeopleCommands.js';
import { COORDINATOR_COMMANDS } from './coordinatorCommands.js';
import { exportCommand, forgetMeCommand, linkCommand } from './dataCommands.js';
import { makeHelpCommand } from './helpCommand.js';
import { goalCommand, listCommand, showCommand } from './listCommands.js';
import { MATCH_COMMANDS } from './matchCommands.js';
import { logCommand, menteesCommand } from './mentorCommands.js';
import { OUTCOME_COMMANDS } from './outcomeCommands.js';
import {
  askCommand,
  draftCommand,
  noteCommand,
  questionsCommand,
  referredCommand,
} from './preparationCommands.js';
import { scheduledCommand } from './scheduledCommand.js';
import { settingsQuietCommand, settingsShowCommand, settingsTzCommand } from './settingsCommands.js';
import { snoozeCommand } from './snoozeCommand.js';
import {
  archiveCommand,
  declineCommand,
  metCommand,
  moveCommand,
  reachedCommand,
  thankedCommand,
} from './stageCommands.js';

export const COMMANDS: readonly Command[] = [
  makeHelpCommand(() => COMMANDS),
  addCommand,
  listCommand,
  showCommand,
  reachedCommand,
  scheduledCommand,
  metCommand,
  thankedCommand,
  noteCommand,
  askCommand,
  questionsCommand,
  referredCommand,
  draftCommand,
  snoozeCommand,
  declineCommand,
  archiveCommand,
  moveCommand,
  goalCommand,
  ...OUTCOME_COMMANDS,
  settingsShowCommand,
  settingsTzCommand,
  settingsQuietCommand,
  linkCommand,
  exportCommand,
  forgetMeCommand,
  joinCommand,
  logCommand,
  menteesCommand,
  ...COORDINATOR_COMMANDS,
  ...COHORT_COMMANDS,
  ...COHORT_PEOPLE_COMMANDS,
  ...MATCH_COMMANDS,
];

/** Text-form path (name or alias) -> command. Built once; a duplicate is a programming error. */
export function commandMap(list: readonly Command[]): Map<string, Command> {
  const map = new Map<string, Command>();
  for (const c of list) {
    for (const path of [c.name, ...(c.aliases ?? [])]) {
      if (map.has(path)) throw new Error(`two commands answer to "${path}"`);
      map.set(path, c);
    }
  }
  return map;
}
