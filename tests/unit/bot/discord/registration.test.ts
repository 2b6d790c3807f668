import { describe, expect, it } from 'vitest';
import { PLACEMENTS } from '../../../../src/bot/discord/placement.js';
import {
  buildCatalogue,
  buildRegistration,
  type CommandJson,
  type GroupJson,
  RegistrationError,
  registrationRoute,
  type SubcommandJson,
} from '../../../../src/bot/discord/registration.js';
import type { Command, OptionSpec } from '../../../../src/core/command.js';
import { COMMANDS } from '../../../../src/core/commands/index.js';
import { ok } from '../../../../src/core/result.js';

/** Everything Rapport serves: core's list with the mentor and coordinator commands. */
const ALL: readonly Command[] = COMMANDS;

function fakeCommand(subcommand: string, extra: Partial<Command> = {}): Command {
  return {
    name: subcommand,
    roles: ['student'],
    audience: 'student',
    summary: `Does ${subcommand}`,
    usage: subcommand,
    examples: [],
    options: [],
    parse: () => ok({}),
    uses: [],
    run: async () => ok({ blocks: [] }),
    ...extra,
  };
}

const top = (json: CommandJson[], name: string) => json.find((c) => c.name === name);
const sub = (command: CommandJson | undefined, name: string) =>
  command?.options.find((o): o is SubcommandJson => o.type === 1 && o.name === name);
const group = (command: CommandJson | undefined, name: string) =>
  command?.options.find((o): o is GroupJson => o.type === 2 && o.name === name);

describe('registration JSON from the core command list', () => {
  const json = buildRegistration(ALL);

  it('when built, then every command lands under /rapport, /mentor or /coordinator as placed for its audience', () => {
    for (const command of ALL) {
      const placed = PLACEMENTS.of(command);
      const parent = top(json, placed.command);
      expect(parent, command.name).toBeDefined();
      const holder = placed.group ? group(parent, placed.group) : parent;
      expect(
        holder?.options.some((o) => o.name === placed.subcommand),
        command.name,
      ).toBe(true);
    }
    expect(json.map((c) => c.name).every((name) => ['rapport', 'mentor', 'coordinator'].includes(name))).toBe(
      true,
    );
  });

  it('when built, then no command or group holds more than 25 subcommands and every text fits', () => {
    for (const command of json) {
      expect(command.options.length).toBeLessThanOrEqual(25);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.contexts).toEqual([0]);
      for (const option of command.options) {
        expect(option.description.length).toBeLessThanOrEqual(100);
        expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        if (option.type === 2) expect(option.options.length).toBeLessThanOrEqual(25);
      }
    }
  });

  it('when settings has subcommands, then they form a subcommand group (type 2) of subcommands (type 1)', () => {
    const settings = group(top(json, 'rapport'), 'settings');
    expect(settings?.type).toBe(2);
    expect(settings?.options.map((o) => o.name)).toEqual(expect.arrayContaining(['tz', 'quiet']));
    expect(settings?.options.every((o) => o.type === 1)).toBe(true);
  });

  it('when the coordinator has digest commands, then /coordinator digest is a group holding csv with a required on/off choice', () => {
    const digest = group(top(json, 'coordinator'), 'digest');
    expect(digest?.options.map((o) => o.name)).toEqual(['preview', 'channel', 'at', 'csv', 'log']);
    const csv = digest?.options.find((o) => o.name === 'csv');
    expect(csv?.type).toBe(1);
    expect(csv?.options).toEqual([
      expect.objectContaining({
        name: 'attach',
        type: 3,
        required: true,
        choices: [
          { name: 'on', value: 'on' },
          { name: 'off', value: 'off' },
        ],
      }),
    ]);
  });

  it('when nudges has subcommands, then /coordinator holds a nudges group with show, set and reset and their options', () => {
    const nudges = group(top(json, 'coordinator'), 'nudges');
    expect(nudges?.type).toBe(2);
    expect(nudges?.options.map((o) => [o.name, o.type])).toEqual([
      ['show', 1],
      ['set', 1],
      ['reset', 1],
    ]);
    const set = nudges?.options.find((o) => o.name === 'set');
    expect(set?.options.map((o) => [o.name, o.type, o.required])).toEqual([
      ['setting', 3, true],
      ['value', 3, true],
    ]);
    const setting = set?.options.find((o) => o.name === 'setting');
    expect(setting?.choices?.map((c) => c.value)).toEqual([
      'follow-up-days',
      'follow-ups',
      'prep-hours',
      'thank-you-hours',
      'keep-in-touch-days',
      'second-conversation-days',
      'pipeline-target',
      'inactivity-days',
      'reflect-meetings',
      'reflect-days',
      'waking-hours',
    ]);
    for (const choice of setting?.choices ?? []) expect(choice.name.length).toBeLessThanOrEqual(100);
    const reset = nudges?.options.find((o) => o.name === 'reset');
    expect(reset?.options.find((o) => o.name === 'setting')?.choices?.map((c) => c.value)).toContain('all');
    expect(nudges?.options.find((o) => o.name === 'show')?.options).toEqual([]);
  });

  it('when an option has choices, then they are string choices from core and never with autocomplete', () => {
    const list = sub(top(json, 'rapport'), 'list');
    const stage = list?.options.find((o) => o.name === 'stage');
    expect(stage?.type).toBe(3);
    expect(stage?.choices?.map((c) => c.value)).toContain('reached_out');
    const add = sub(top(json, 'rapport'), 'add');
    expect(add?.options.find((o) => o.name === 'source')?.choices?.map((c) => c.value)).toContain('alumni');
    for (const command of json) {
      for (const entry of command.options) {
        const leaves = entry.type === 2 ? entry.options : [entry];
        for (const leaf of leaves) {
          for (const option of leaf.options)
            expect(option.choices !== undefined && option.autocomplete === true).toBe(false);
        }
      }
    }
  });

  it('when an option names a contact or a student, then it autocompletes', () => {
    const show = sub(top(json, 'rapport'), 'show');
    expect(show?.options.find((o) => o.name === 'contact')).toMatchObject({
      type: 3,
      required: true,
      autocomplete: true,
    });
    const log = sub(top(json, 'mentor'), 'log');
    expect(log?.options.find((o) => o.name === 'student')).toMatchObject({
      type: 3,
      required: true,
      autocomplete: true,
    });
  });

  it('when an option is a number of minutes, then it is an integer (type 4) with its bounds', () => {
    const log = sub(top(json, 'mentor'), 'log');
    expect(log?.options.find((o) => o.name === 'minutes')).toMatchObject({
      type: 4,
      min_value: 5,
      max_value: 240,
    });
    const scheduled = sub(top(json, 'rapport'), 'scheduled');
    expect(scheduled?.options.find((o) => o.name === 'minutes')?.type).toBe(4);
  });

  it('when a subcommand has required and optional options, then the required ones come first', () => {
    for (const command of json) {
      for (const entry of command.options) {
        for (const leaf of entry.type === 2 ? entry.options : [entry]) {
          const firstOptional = leaf.options.findIndex((o) => !o.required);
          const lastRequired = leaf.options.map((o) => o.required === true).lastIndexOf(true);
          if (firstOptional !== -1) expect(lastRequired, leaf.name).toBeLessThan(firstOptional);
        }
      }
    }
  });

  it('when core declares a required option after an optional one, then registration moves it first', () => {
    const options: OptionSpec[] = [
      { name: 'later', type: 'string', description: 'optional' },
      { name: 'first', type: 'user', description: 'required', required: true },
    ];
    const [rapport] = buildRegistration([fakeCommand('x', { options })]);
    expect((rapport!.options[0] as SubcommandJson).options.map((o) => [o.name, o.type])).toEqual([
      ['first', 6],
      ['later', 3],
    ]);
  });

  it('when a summary is longer than 100 characters, then its description is shortened to 100', () => {
    const [rapport] = buildRegistration([fakeCommand('long', { summary: 'x'.repeat(150) })]);
    expect(rapport?.options[0]?.description).toHaveLength(100);
  });
});

describe('registration refuses what Discord would refuse', () => {
  it('when a command would get a 26th subcommand, then building throws a clear error', () => {
    const many = Array.from({ length: 26 }, (_, i) => fakeCommand(`cmd${i}`));
    expect(() => buildRegistration(many)).toThrow(RegistrationError);
    expect(() => buildRegistration(many)).toThrow(/\/rapport has 26 subcommands.*25/);
  });

  it('when an option has both choices and autocomplete, then building throws', () => {
    const option: OptionSpec = {
      name: 'contact',
      type: 'string',
      description: 'both',
      choices: [{ name: 'A', value: 'a' }],
      autocomplete: 'contact',
    };
    expect(() => buildRegistration([fakeCommand('bad', { options: [option] })])).toThrow(
      /choices and autocomplete/,
    );
  });

  it('when a name has capitals or spaces, then building throws naming the command', () => {
    expect(() => buildRegistration([fakeCommand('Bad Name')])).toThrow(/Command "Bad Name"/);
  });

  it('when two commands claim one path, then building throws', () => {
    expect(() => buildRegistration([fakeCommand('same'), fakeCommand('same')])).toThrow(/Two commands/);
  });
});

describe('registration route', () => {
  it('when a guild id is given, then the guild route is used, else the global one', () => {
    expect(registrationRoute('1', '2')).toBe('/applications/1/guilds/2/commands');
    expect(registrationRoute('1')).toBe('/applications/1/commands');
  });
});

describe('who sees which command, and the menus on members', () => {
  const catalogue = buildCatalogue(ALL);

  it('when registered, then /coordinator is for members with Manage Server ("32") and the others for everyone', () => {
    const slash = catalogue.filter((c): c is CommandJson => c.type === 1);
    expect(Object.fromEntries(slash.map((c) => [c.name, c.default_member_permissions]))).toEqual({
      rapport: undefined,
      mentor: undefined,
      coordinator: '32',
    });
  });

  it('when registered, then Log a meeting is a user command (type 2) for guilds, open to mentors without Manage Server', () => {
    const menus = catalogue.filter((c) => c.type === 2);
    expect(menus).toEqual([{ type: 2, name: 'Log a meeting', contexts: [0], integration_types: [0] }]);
  });

  it('when the list has no log command, then no menu is registered for it', () => {
    expect(buildCatalogue([fakeCommand('x')]).filter((c) => c.type === 2)).toEqual([]);
  });

  it('when a command has a form, then none of its options is required on Discord so that it can run bare', () => {
    const add = sub(top(buildRegistration(ALL), 'rapport'), 'add');
    expect(add?.options.find((o) => o.name === 'name')).toBeDefined();
    expect(add?.options.some((o) => o.required)).toBe(false);
    const formless = fakeCommand('y', {
      options: [{ name: 'a', type: 'string', description: 'a', required: true }],
    });
    const withForm = { ...formless, name: 'z', form: { title: 'Z', submit: 'Save' } };
    const [rapport] = buildRegistration([formless, withForm]);
    const required = (name: string) =>
      (rapport!.options.find((o) => o.name === name) as SubcommandJson).options[0]?.required;
    expect(required('y')).toBe(true);
    expect(required('z')).toBeUndefined();
  });
});
