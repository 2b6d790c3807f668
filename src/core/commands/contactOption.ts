import type { OptionSpec } from '../command.js';

/** The `contact` option shared by most commands: a number or part of a name, autocompleted. */
export const contactOption: OptionSpec = {
  name: 'contact',
  type: 'string',
  description: 'Number in your list (#3) or part of the name',
  required: true,
  autocomplete: 'contact',
};
