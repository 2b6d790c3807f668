import type { OptionSpec } from '../command.js';

/** The `contact` option shared by most commands: a number or part of a name, autocompleted. */
export const contactOption: OptionSpec = {
  name: 'contact',
  type: 'string',
  description: 'Number in your list (#3) or part of the name',
  required: true,
  autocomplete: 'contact',
};

/** What `add` and `referred` may also know about a new contact. */
export const CONTACT_EXTRA_OPTIONS = [
  {
    name: 'field',
    type: 'string',
    description: 'The field they work in, e.g. product design',
    label: 'Field',
    placeholder: 'Product design',
    maxLength: 200,
  },
  {
    name: 'email',
    type: 'string',
    description: 'Their email address, beside a profile link',
    label: 'Email',
    maxLength: 320,
  },
  {
    name: 'note',
    type: 'string',
    description: 'Anything to remember, like who introduced you (a private note)',
    label: 'Note',
    maxLength: 500,
  },
] as const satisfies readonly OptionSpec[];
