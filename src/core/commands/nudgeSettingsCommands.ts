/**
 * The coordinator's nudge timing: `nudges` shows it, `nudges set` changes one setting and
 * `nudges reset` puts one (or all) back to the product default. The settings themselves live in
 * nudges/nudgeSettings.ts, the view in views/nudgeTimingView.ts. A change re-plans every pending
 * reminder of the organization in the same transaction (pipeline/organizationReplan.ts), so due
 * times follow it at once.
 */
import type { Command, CommandContext, RawArgs } from '../command.js';
import { parseNothing } from '../grammar/accountGrammars.js';
import { joinTokens, tokenize } from '../grammar/tokenize.js';
import { DEFAULT_NUDGE_CONFIG, type NudgeConfig } from '../nudges/nudgeConfig.js';
import {
  differs,
  findSetting,
  NUDGE_SETTING_NAMES,
  NUDGE_SETTINGS,
  type NudgeSetting,
} from '../nudges/nudgeSettings.js';
import type { Organization } from '../people/peoplePorts.js';
import {
  type OrganizationReplan,
  type OrganizationReplanRepos,
  replanOrganization,
} from '../pipeline/organizationReplan.js';
import { nudgeConfigOf } from '../pipeline/replan.js';
import { code, type Inline, type Line, strong, user } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import type { Repos } from '../store.js';
import { nudgeTimingView, replannedLines } from '../views/nudgeTimingView.js';
import { text } from './args.js';
import { COORDINATORS, defineCommand } from './define.js';

const SHOW_USAGE = 'nudges';
const SET_USAGE = 'nudges set <setting> <value>';
const RESET_USAGE = 'nudges reset <setting|all>';
/** The word `nudges reset` takes for every setting at once. */
const ALL = 'all';

/** A failure carrying a usage line (the grammars here are not in the shared grammar table). */
const usageFailure = (message: string, usage: string): Result<never> => fail('usage', message, { usage });

/** The known names, for messages: `follow-up-days`, `follow-ups`, ... */
function namesLine(): Line {
  const line: Line = ['The settings are: '];
  NUDGE_SETTINGS.forEach((s, i) => {
    if (i > 0) line.push(', ');
    line.push(code(s.name));
  });
  line.push('.');
  return line;
}

/** The setting named by the `setting` option, or a refusal that lists the known ones. */
function settingNamed(args: RawArgs, usage: string, allowAll: boolean): Result<NudgeSetting | 'all'> {
  const typed = text(args, 'setting');
  if (!typed) return fail('usage', 'Which setting?', { usage, detail: [namesLine()] });
  if (allowAll && typed.toLowerCase() === ALL) return ok(ALL);
  const found = findSetting(typed);
  if (found.setting) return ok(found.setting);
  const detail: Inline[][] = [['You typed ', user(typed.slice(0, 60)), '.']];
  if (found.closest) detail.push(['Did you mean ', code(found.closest), '?']);
  detail.push(namesLine());
  return fail('invalid_value', 'I do not know that nudge setting.', { usage, detail });
}

/** Saves a change of the organization's overrides, then re-plans, all in the command's transaction. */
async function saveAndReplan(
  ctx: CommandContext<'organizations' | OrganizationReplanRepos>,
  change: Parameters<Repos['organizations']['updateNudgeConfig']>[1],
  replan: boolean,
): Promise<{ org: Organization; replanned?: OrganizationReplan }> {
  const org = await ctx.repos.organizations.updateNudgeConfig(ctx.org.id, change);
  return replan ? { org, replanned: await replanOrganization(ctx, org) } : { org };
}

/** Only the waking window's default changes nothing already planned: it is copied to newcomers. */
const plansNothing = (s: NudgeSetting | 'all'): boolean => s !== ALL && s.name === 'waking-hours';

const newcomersLine = (config: NudgeConfig): Line => [
  'People who join from now on get reminders from ',
  strong(NUDGE_SETTINGS.find((s) => s.name === 'waking-hours')?.valueText(config) ?? ''),
  '; everyone already here keeps their own hours (',
  code('settings quiet'),
  ').',
];

const afterwards = (name: string): Line => [
  'See every setting with ',
  code('nudges'),
  '; undo with ',
  code(`nudges reset ${name}`),
  '.',
];

/** `nudges set <setting> <value>`: the setting is one word, the value the rest (`08:00 - 21:00`). */
export function parseNudgesSet(input: string): Result<RawArgs> {
  const tokens = tokenize(input);
  if (!tokens.ok) return { ok: false, error: { ...tokens.error, usage: SET_USAGE } };
  const [setting, ...value] = tokens.value;
  if (!setting || value.length === 0) {
    return usageFailure('Name a setting and its new value, like nudges set follow-up-days 5.', SET_USAGE);
  }
  return ok({ setting: setting.value, value: joinTokens(value).trim() });
}

/** `nudges reset <setting|all>`: exactly one word. */
export function parseNudgesReset(input: string): Result<RawArgs> {
  const tokens = tokenize(input);
  if (!tokens.ok) return { ok: false, error: { ...tokens.error, usage: RESET_USAGE } };
  if (tokens.value.length !== 1) {
    return usageFailure(
      'Name one setting to put back to its default, or all, like nudges reset follow-up-days.',
      RESET_USAGE,
    );
  }
  return ok({ setting: tokens.value[0]?.value });
}

const settingChoices = NUDGE_SETTINGS.map((s) => ({ name: `${s.name}: ${s.label}`, value: s.name }));

const nudgesShowCommand = defineCommand({
  name: 'nudges show',
  aliases: ['nudges'],
  roles: COORDINATORS,
  audience: 'coordinator',
  summary:
    'When Rapport sends each kind of reminder in your organization, and what differs from the defaults',
  usage: SHOW_USAGE,
  examples: ['nudges', 'nudges show'],
  details: [
    'One line per setting, grouped as follow-ups, meetings, staying in touch, pipeline and reflection, and waking hours. A setting you changed says what the default is.',
  ],
  options: [],
  parse: parseNothing,
  /** The timing shown is the organization's, already in the context: no repository. */
  uses: [],
  async run(ctx) {
    return ok(nudgeTimingView(nudgeConfigOf(ctx.org)));
  },
});

const nudgesSetCommand = defineCommand({
  name: 'nudges set',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'Change one nudge timing for the whole organization; pending reminders follow at once',
  usage: SET_USAGE,
  examples: [
    'nudges set follow-up-days 5',
    'nudges set follow-ups 2',
    'nudges set prep-hours 48',
    'nudges set keep-in-touch-days 6 weeks',
    'nudges set waking-hours 08:00-21:00',
  ],
  details: [
    `Settings: ${NUDGE_SETTING_NAMES.join(', ')}. Type nudges to see what each one does and its value now.`,
    'Days and hours take a number (5, 1.5) or a length such as 2 weeks or 36h; counts take a whole number.',
    'Every pending reminder of your organization is re-planned at once. Reminders already delivered stay delivered, and a snooze still holds.',
    'waking-hours is the window people who join from now on start with; everyone keeps their own, which they change with settings quiet.',
  ],
  options: [
    { name: 'setting', type: 'string', description: 'Which timing', required: true, choices: settingChoices },
    {
      name: 'value',
      type: 'string',
      description: 'The new value: 5, 48, 2 weeks, or hours like 08:00-21:00',
      required: true,
    },
  ],
  parse: parseNudgesSet,
  uses: ['contacts', 'nudges', 'organizations', 'persons', 'planning'],
  async run(ctx, args) {
    const named = settingNamed(args, SET_USAGE, false);
    if (!named.ok) return named;
    const setting = named.value;
    if (setting === ALL) return fail('usage', 'Name one setting.', { usage: SET_USAGE });
    const raw = text(args, 'value');
    if (!raw) return fail('usage', `What should ${setting.name} be?`, { usage: setting.usage });
    const read = setting.read(raw);
    if (!read.ok)
      return { ok: false, error: { ...read.error, detail: [['You gave ', user(raw.slice(0, 60)), '.']] } };

    const current = nudgeConfigOf(ctx.org);
    const wanted: NudgeConfig = { ...current, ...read.value };
    if (!differs(setting, wanted, current)) {
      return ok({
        blocks: [
          {
            type: 'text',
            lines: [
              [code(setting.name), ' is already ', strong(setting.valueText(current)), '; nothing changed.'],
            ],
          },
        ],
      });
    }
    // A value equal to the default is no override at all, so the organization follows later defaults.
    const set: Record<string, number> = {};
    const unset: string[] = [];
    for (const key of setting.keys) {
      if (wanted[key] === DEFAULT_NUDGE_CONFIG[key]) unset.push(key);
      else set[key] = wanted[key];
    }
    const saved = await saveAndReplan(ctx, { set, unset }, !plansNothing(setting));
    const lines: Line[] = [
      [
        'Saved: ',
        code(setting.name),
        ' is now ',
        strong(setting.valueText(wanted)),
        ` (it was ${setting.valueText(current)}; the default is ${setting.valueText(DEFAULT_NUDGE_CONFIG)}).`,
      ],
      ...(saved.replanned ? replannedLines(saved.replanned) : [newcomersLine(wanted)]),
    ];
    return ok({
      blocks: [
        { type: 'text', lines },
        { type: 'context', lines: [afterwards(setting.name)] },
      ],
    });
  },
});

const nudgesResetCommand = defineCommand({
  name: 'nudges reset',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'Put one nudge timing, or all of them, back to the product default',
  usage: RESET_USAGE,
  examples: ['nudges reset follow-up-days', 'nudges reset all'],
  details: ['Pending reminders are re-planned at once, as with nudges set.'],
  options: [
    {
      name: 'setting',
      type: 'string',
      description: 'Which timing, or all',
      required: true,
      choices: [...settingChoices, { name: 'all: every setting', value: ALL }],
    },
  ],
  parse: parseNudgesReset,
  uses: ['contacts', 'nudges', 'organizations', 'persons', 'planning'],
  async run(ctx, args) {
    const named = settingNamed(args, RESET_USAGE, true);
    if (!named.ok) return named;
    const setting = named.value;
    const stored = Object.keys(ctx.org.nudgeConfig);
    const overridden = setting === ALL ? stored.length > 0 : setting.keys.some((key) => stored.includes(key));
    if (!overridden) {
      const what: Line =
        setting === ALL
          ? ['Every nudge setting already follows the product default; nothing changed.']
          : [
              code(setting.name),
              ' already follows the default, ',
              strong(setting.valueText(DEFAULT_NUDGE_CONFIG)),
              '; nothing changed.',
            ];
      return ok({ blocks: [{ type: 'text', lines: [what] }] });
    }
    const saved = await saveAndReplan(
      ctx,
      { unset: setting === ALL ? ALL : setting.keys },
      !plansNothing(setting),
    );
    const head: Line =
      setting === ALL
        ? ['Every nudge setting is back to the product default.']
        : [
            'Back to the default: ',
            code(setting.name),
            ' is ',
            strong(setting.valueText(DEFAULT_NUDGE_CONFIG)),
            ' again.',
          ];
    const lines: Line[] = [
      head,
      ...(saved.replanned ? replannedLines(saved.replanned) : [newcomersLine(DEFAULT_NUDGE_CONFIG)]),
    ];
    return ok({
      blocks: [
        { type: 'text', lines },
        { type: 'context', lines: [['See every setting with ', code('nudges'), '.']] },
      ],
    });
  },
});

/** The nudge timing commands, in help order. */
export const NUDGE_SETTINGS_COMMANDS: readonly Command[] = [
  nudgesShowCommand,
  nudgesSetCommand,
  nudgesResetCommand,
];
