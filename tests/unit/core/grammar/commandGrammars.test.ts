import { describe, expect, it } from 'vitest';
import type { Command } from '../../../../src/core/command.js';
import { COMMANDS } from '../../../../src/core/commands/index.js';
import { type Case, UNDERSTOOD_CASES } from './understoodCases.js';

/** Each command by name: its own text grammar is what the table exercises. */
const BY_NAME = new Map<string, Command>(COMMANDS.map((c) => [c.name, c]));
const commandNamed = (name: string): Command => {
  const command = BY_NAME.get(name);
  if (!command) throw new Error(`no command named "${name}"`);
  return command;
};

const LONG_WORD = 'x'.repeat(5000);
const LONG_WORDS = 'word '.repeat(1000).trim();

const BASE_CASES: Case[] = [
  // help
  { command: 'help', text: '', args: {} },
  { command: 'help', text: 'add', args: { command: 'add' } },
  { command: 'help', text: 'Settings TZ', args: { command: 'settings tz' } },
  { command: 'help', text: 'a b c', error: 'usage' },

  // add
  {
    command: 'add',
    text: 'Jane Doe at Figma as UX Researcher via alumni',
    args: { name: 'Jane Doe', org: 'Figma', role: 'UX Researcher', source: 'alumni' },
  },
  {
    command: 'add',
    text: '"Pat At" at "Bank as a Service"',
    args: { name: 'Pat At', org: 'Bank as a Service' },
  },
  {
    command: 'add',
    text: '“Pat At” at “Bank as a Service”',
    args: { name: 'Pat At', org: 'Bank as a Service' },
  },
  {
    command: 'add',
    text: 'Jane Doe AT Figma As Designer',
    args: { name: 'Jane Doe', org: 'Figma', role: 'Designer' },
  },
  { command: 'add', text: 'Sam via friends and family', args: { name: 'Sam', source: 'friends_family' } },
  { command: 'add', text: 'Sam via "friends & family"', args: { name: 'Sam', source: 'friends_family' } },
  { command: 'add', text: 'Sam via alum', args: { name: 'Sam', source: 'alumni' } },
  { command: 'add', text: 'Sam via coworker', args: { name: 'Sam', source: 'former_colleague' } },
  { command: 'add', text: 'Sam via Twitter', args: { name: 'Sam', source: 'social_media' } },
  { command: 'add', text: 'Sam via conference', args: { name: 'Sam', source: 'event' } },
  {
    command: 'add',
    text: 'Sam via professional association',
    args: { name: 'Sam', source: 'professional_association' },
  },
  { command: 'add', text: 'Sam via former_colleague', args: { name: 'Sam', source: 'former_colleague' } },
  { command: 'add', text: 'Sam via referred', args: { name: 'Sam', source: 'referral' } },
  { command: 'add', text: 'Sam via carrier pigeon', error: 'invalid_value' },
  {
    command: 'add',
    text: 'Jane Doe jane@figma.com at Figma',
    args: { name: 'Jane Doe', org: 'Figma', link: 'jane@figma.com' },
  },
  {
    command: 'add',
    text: 'Jane at Figma https://linkedin.com/in/jane',
    args: { name: 'Jane', org: 'Figma', link: 'https://linkedin.com/in/jane' },
  },
  { command: 'add', text: 'Jane https://a.example https://b.example', error: 'usage' },
  { command: 'add', text: '', error: 'usage' },
  { command: 'add', text: 'at Figma', error: 'usage' },
  { command: 'add', text: 'https://linkedin.com/in/jane', error: 'usage' },
  { command: 'add', text: 'Jane at Figma at Google', error: 'usage' },
  { command: 'add', text: 'Jane at', error: 'usage' },
  { command: 'add', text: '"Jane Doe at Figma', error: 'usage' },
  { command: 'add', text: '"Jane\nDoe"', label: 'add with a quoted name across two lines', error: 'usage' },
  {
    command: 'add',
    text: 'Jane\tDoe\nat Figma',
    label: 'add with a tab and a newline',
    args: { name: 'Jane Doe', org: 'Figma' },
  },
  { command: 'add', text: '<!channel>', args: { name: '<!channel>' } },
  { command: 'add', text: '@everyone at Figma', args: { name: '@everyone', org: 'Figma' } },
  { command: 'add', text: '<https://evil|click>', args: { name: '<https://evil|click>' } },
  { command: 'add', text: '*Jane* `Doe` at _Figma_', args: { name: '*Jane* `Doe`', org: '_Figma_' } },
  {
    command: 'add',
    text: "Robert'); drop table contacts;-- at Figma",
    args: { name: "Robert'); drop table contacts;--", org: 'Figma' },
  },
  { command: 'add', text: '👩‍💻 Ada at 🚀 Labs', args: { name: '👩‍💻 Ada', org: '🚀 Labs' } },
  { command: 'add', text: 'José Núñez at Café Société', args: { name: 'José Núñez', org: 'Café Société' } },
  { command: 'add', text: 'Jane\u200BDoe', label: 'add with a zero-width space', error: 'control_chars' },
  { command: 'add', text: 'Jane\u0007Doe', label: 'add with a bell character', error: 'control_chars' },
  {
    command: 'add',
    text: 'Jane \u202Eeod',
    label: 'add with a right-to-left override',
    error: 'control_chars',
  },
  { command: 'add', text: 'Jane\u0000', label: 'add with a NUL character', error: 'control_chars' },
  { command: 'add', text: LONG_WORD, label: 'add with a 5,000-character word', error: 'too_long' },
  {
    command: 'add',
    text: LONG_WORDS,
    label: 'add with a 5,000-character name of many words',
    error: 'too_long',
  },

  // list
  { command: 'list', text: '', args: {} },
  { command: 'list', text: 'reached out', args: { stage: 'reached_out' } },
  { command: 'list', text: 'keeping_in_touch', args: { stage: 'keeping_in_touch' } },
  { command: 'list', text: 'Keeping In Touch', args: { stage: 'keeping_in_touch' } },
  { command: 'list', text: 'no-reply', args: { stage: 'no_reply' } },
  { command: 'list', text: 'limbo', error: 'invalid_value' },

  // commands that take only a contact
  { command: 'show', text: '#3', args: { contact: '#3' } },
  { command: 'show', text: '"Jane Doe"', args: { contact: 'Jane Doe' } },
  { command: 'show', text: 'jane   doe', args: { contact: 'jane doe' } },
  { command: 'show', text: '', error: 'usage' },
  { command: 'show', text: '<https://evil|click>', args: { contact: '<https://evil|click>' } },
  { command: 'show', text: "'; drop table contacts;--", args: { contact: "'; drop table contacts;--" } },
  { command: 'thanked', text: 'jane', args: { contact: 'jane' } },
  { command: 'questions', text: '2', args: { contact: '2' } },
  { command: 'decline', text: 'Jane', args: { contact: 'Jane' } },
  { command: 'archive', text: '#4', args: { contact: '#4' } },
  { command: 'archive', text: '""', error: 'usage' },

  // reached
  { command: 'reached', text: '#1 by email', args: { contact: '#1', channel: 'email' } },
  {
    command: 'reached',
    text: 'Jane Doe on monday by linkedin message',
    args: { contact: 'Jane Doe', date: 'monday', channel: 'linkedin message' },
  },
  { command: 'reached', text: '"Anna By" BY phone', args: { contact: 'Anna By', channel: 'phone' } },
  { command: 'reached', text: 'on monday', error: 'usage' },
  { command: 'reached', text: 'jane by email by phone', error: 'usage' },

  // scheduled
  {
    command: 'scheduled',
    text: 'jane next tue 3pm for 30 min video',
    args: { contact: 'jane', when: 'next tue 3pm', minutes: 30, mode: 'video' },
  },
  {
    command: 'scheduled',
    text: '"Jane Doe" tomorrow at 3pm in person',
    args: { contact: 'Jane Doe', when: 'tomorrow at 3pm', mode: 'in_person' },
  },
  {
    command: 'scheduled',
    text: '#2 2026-12-03 15:00 for 1 hour in-person',
    args: { contact: '#2', when: '2026-12-03 15:00', minutes: 60, mode: 'in_person' },
  },
  {
    command: 'scheduled',
    text: 'jane friday 10am phone for 45 minutes',
    args: { contact: 'jane', when: 'friday 10am', minutes: 45, mode: 'phone' },
  },
  {
    command: 'scheduled',
    text: 'jane monday 9:30 zoom',
    args: { contact: 'jane', when: 'monday 9:30', mode: 'video' },
  },
  {
    command: 'scheduled',
    text: 'jane monday 9:30 call',
    args: { contact: 'jane', when: 'monday 9:30', mode: 'phone' },
  },
  {
    command: 'scheduled',
    text: 'jane tomorrow 3pm email',
    args: { contact: 'jane', when: 'tomorrow 3pm', mode: 'email' },
  },
  {
    command: 'scheduled',
    text: 'jane tomorrow 3pm For 30',
    args: { contact: 'jane', when: 'tomorrow 3pm', minutes: 30 },
  },
  { command: 'scheduled', text: 'jane', error: 'usage' },
  { command: 'scheduled', text: 'jane video', error: 'usage' },
  { command: 'scheduled', text: 'jane tomorrow for ages', error: 'invalid_value' },
  { command: 'scheduled', text: 'jane tomorrow 3pm for 2000 min', error: 'invalid_value' },
  { command: 'scheduled', text: 'jane tomorrow video phone', error: 'usage' },

  // met, note, ask: free text kept as typed
  {
    command: 'met',
    text: 'jane learned about research ops',
    args: { contact: 'jane', notes: 'learned about research ops' },
  },
  { command: 'met', text: 'jane', args: { contact: 'jane' } },
  {
    command: 'met',
    text: '"Jane Doe"   great chat,  at   Figma for an hour',
    args: { contact: 'Jane Doe', notes: 'great chat,  at   Figma for an hour' },
  },
  { command: 'note', text: 'jane prefers email', args: { contact: 'jane', text: 'prefers email' } },
  { command: 'note', text: 'jane', error: 'usage' },
  {
    command: 'note',
    text: 'jane she said "call me on monday',
    args: { contact: 'jane', text: 'she said "call me on monday' },
  },
  {
    command: 'note',
    text: 'jane line one\nline two',
    label: 'note over two lines',
    args: { contact: 'jane', text: 'line one\nline two' },
  },
  {
    command: 'note',
    text: 'jane *bold* `code` <!here> @everyone',
    args: { contact: 'jane', text: '*bold* `code` <!here> @everyone' },
  },
  {
    command: 'note',
    text: `jane ${'x'.repeat(4001)}`,
    label: 'note with 4,001 characters of text',
    error: 'too_long',
  },
  {
    command: 'note',
    text: 'jane hi\u202E',
    label: 'note with a right-to-left override',
    error: 'control_chars',
  },
  {
    command: 'ask',
    text: 'jane What surprised you most in your first year?',
    args: { contact: 'jane', question: 'What surprised you most in your first year?' },
  },
  {
    command: 'ask',
    text: '#3 "What do you do for fun?"',
    args: { contact: '#3', question: 'What do you do for fun?' },
  },
  { command: 'ask', text: 'jane', error: 'usage' },
  { command: 'ask', text: '', error: 'usage' },

  // referred
  {
    command: 'referred',
    text: 'jane Sam Lee at Figma',
    args: { contact: 'jane', name: 'Sam Lee', org: 'Figma' },
  },
  {
    command: 'referred',
    text: '"Jane Doe" "Sam As" as Engineer',
    args: { contact: 'Jane Doe', name: 'Sam As', role: 'Engineer' },
  },
  { command: 'referred', text: 'jane', error: 'usage' },
  { command: 'referred', text: 'jane at Figma', error: 'usage' },

  // draft
  { command: 'draft', text: 'thanks jane', args: { kind: 'thanks', contact: 'jane' } },
  { command: 'draft', text: 'thank-you #2', args: { kind: 'thanks', contact: '#2' } },
  { command: 'draft', text: 'thank you Jane Doe', args: { kind: 'thanks', contact: 'Jane Doe' } },
  { command: 'draft', text: 'Follow-Up jane', args: { kind: 'followup', contact: 'jane' } },
  { command: 'draft', text: 'intro jane', args: { kind: 'outreach', contact: 'jane' } },
  { command: 'draft', text: 'poem jane', error: 'invalid_value' },
  { command: 'draft', text: 'thanks', error: 'usage' },

  // snooze
  { command: 'snooze', text: 'jane 3 days', args: { contact: 'jane', duration: '3 days' } },
  { command: 'snooze', text: 'Jane Doe 2d', args: { contact: 'Jane Doe', duration: '2d' } },
  { command: 'snooze', text: 'jane for 1 week', args: { contact: 'jane', duration: '1 week' } },
  { command: 'snooze', text: '"Jane 2d" 12 hours', args: { contact: 'Jane 2d', duration: '12 hours' } },
  { command: 'snooze', text: 'jane', error: 'usage' },
  { command: 'snooze', text: 'jane forever', error: 'invalid_value' },

  // move
  { command: 'move', text: 'jane met', args: { contact: 'jane', stage: 'met' } },
  {
    command: 'move',
    text: 'Jane Doe to keeping in touch',
    args: { contact: 'Jane Doe', stage: 'keeping_in_touch' },
  },
  { command: 'move', text: '#4 reached_out', args: { contact: '#4', stage: 'reached_out' } },
  { command: 'move', text: 'jane limbo', error: 'invalid_value' },
  { command: 'move', text: 'jane', error: 'usage' },

  // commands that take no words
  { command: 'goal', text: '', args: {} },
  { command: 'goal', text: '   ', args: {} },
  { command: 'export', text: 'now', error: 'usage' },
  { command: 'mentees', text: '', args: {} },
  { command: 'report', text: '"unclosed', error: 'usage' },
  { command: 'digest preview', text: '', args: {} },

  // settings
  { command: 'settings tz', text: 'America/Chicago', args: { zone: 'America/Chicago' } },
  { command: 'settings tz', text: '', error: 'usage' },
  { command: 'settings tz', text: 'New York', args: { zone: 'New York' } },
  { command: 'settings quiet', text: '22:00-08:00', args: { hours: '22:00-08:00' } },
  { command: 'settings quiet', text: '22:00 - 08:00', args: { hours: '22:00-08:00' } },
  { command: 'settings quiet', text: '10pm to 8am', args: { hours: '10pm-8am' } },
  { command: 'settings quiet', text: '22:00', error: 'invalid_value' },
  { command: 'settings quiet', text: '', error: 'usage' },

  // link and forget-me
  { command: 'link', text: '', args: {} },
  { command: 'link', text: 'ABC123', args: { code: 'ABC123' } },
  { command: 'link', text: 'ABC 123', error: 'usage' },
  { command: 'forget-me', text: 'XYZ789', args: { code: 'XYZ789' } },
  { command: 'forget-me', text: '', args: {} },

  // log
  {
    command: 'log',
    text: '@maria on monday for 30 min product roles',
    args: { student: '@maria', date: 'monday', minutes: 30, topics: 'product roles' },
  },
  { command: 'log', text: '<@U123|maria> for 45 minutes', args: { student: '<@U123|maria>', minutes: 45 } },
  { command: 'log', text: '<@U123> product roles', args: { student: '<@U123>', topics: 'product roles' } },
  {
    command: 'log',
    text: '"Maria Lopez" on next tue for 1 hour tips for interviews on zoom',
    args: { student: 'Maria Lopez', date: 'next tue', minutes: 60, topics: 'tips for interviews on zoom' },
  },
  {
    command: 'log',
    text: '@maria on monday product roles',
    args: { student: '@maria', date: 'monday', topics: 'product roles' },
  },
  {
    command: 'log',
    text: '@maria for 30 min on 2026-11-02',
    args: { student: '@maria', minutes: 30, date: '2026-11-02' },
  },
  { command: 'log', text: '', error: 'usage' },
  { command: 'log', text: '@maria for lots', error: 'invalid_value' },
  { command: 'log', text: '@maria on', error: 'usage' },

  // role
  { command: 'role', text: '@sam coordinator', args: { person: '@sam', role: 'coordinator' } },
  { command: 'role', text: '<@U123|sam> Mentors', args: { person: '<@U123|sam>', role: 'mentor' } },
  { command: 'role', text: '"Sam Lee" student', args: { person: 'Sam Lee', role: 'student' } },
  { command: 'role', text: '@sam', error: 'usage' },
  { command: 'role', text: '@sam king', error: 'invalid_value' },

  // digest
  { command: 'digest channel', text: '<#C123|general>', args: { channel: '<#C123|general>' } },
  { command: 'digest channel', text: '#careers', args: { channel: '#careers' } },
  { command: 'digest channel', text: '', error: 'usage' },
  { command: 'digest at', text: 'monday 9:00', args: { weekday: 'monday', time: '9:00' } },
  { command: 'digest at', text: 'Fri 9 am', args: { weekday: 'friday', time: '9 am' } },
  { command: 'digest at', text: '9am tuesday', args: { weekday: 'tuesday', time: '9am' } },
  { command: 'digest at', text: 'someday 9am', error: 'invalid_value' },
  { command: 'digest at', text: 'monday 25:00', error: 'invalid_value' },
  { command: 'digest at', text: 'monday', error: 'usage' },

  // stats
  { command: 'stats', text: '', args: {} },
  { command: 'stats', text: '8', args: { weeks: 8 } },
  { command: 'stats', text: '12 weeks', args: { weeks: 12 } },
  { command: 'stats', text: '0', error: 'invalid_value' },
  { command: 'stats', text: '53', error: 'invalid_value' },
  { command: 'stats', text: '0 weeks', error: 'invalid_value' },
];

/** The table: the cases main understood, and those of issue 16 it did not. */
const CASES: Case[] = [...BASE_CASES, ...UNDERSTOOD_CASES];

/** A short, printable title for a case (long and invisible characters made visible). */
function titleOf(testCase: Case): string {
  if (testCase.label) return testCase.label;
  const typed = `${testCase.command} ${testCase.text}`.trim();
  return JSON.stringify(typed.length > 70 ? `${typed.slice(0, 70)}...` : typed);
}

describe('command grammars', () => {
  it('when the table is counted, then it holds well over seventy inputs, and issue 16 added over a hundred', () => {
    expect(BASE_CASES.length).toBeGreaterThanOrEqual(70);
    expect(UNDERSTOOD_CASES.length).toBeGreaterThanOrEqual(100);
  });

  for (const testCase of CASES) {
    const outcome = testCase.error
      ? `it fails with '${testCase.error}'`
      : `it gives ${JSON.stringify(testCase.args)}`;
    it(`when ${titleOf(testCase)} is typed, then ${outcome}`, () => {
      const result = commandNamed(testCase.command).parse(testCase.text);
      if (testCase.error) {
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.kind).toBe(testCase.error);
        expect(result.error.message.length).toBeGreaterThan(10);
      } else {
        expect(result).toEqual({ ok: true, value: testCase.args });
      }
    });
  }

  it('when any case parses, then it only uses the option names declared for its command', () => {
    for (const testCase of CASES) {
      const command = commandNamed(testCase.command);
      const result = command.parse(testCase.text);
      if (!result.ok) continue;
      for (const key of Object.keys(result.value)) {
        expect(command.options.map((o) => o.name)).toContain(key);
      }
    }
  });

  it('when every command is looked at, then its usage line starts with its name or an alias', () => {
    for (const command of COMMANDS) {
      const paths = [command.name, ...(command.aliases ?? [])];
      expect(
        paths.some((path) => command.usage.startsWith(path)),
        command.name,
      ).toBe(true);
    }
  });

  it('when hostile text reaches every grammar, then each answers with a result and never throws', () => {
    const hostile = [
      '<!channel>',
      '@everyone @here',
      '<https://evil|click>',
      '"',
      '“',
      '"" "" ""',
      'at as via on by for',
      '# # #',
      '\u202E\u200B\u0000',
      LONG_WORD,
      LONG_WORDS,
      '🙂'.repeat(3000),
      "'; drop table contacts;--",
      'constructor __proto__ toString',
    ];
    for (const command of COMMANDS) {
      for (const text of hostile) {
        const result = command.parse(text);
        expect(typeof result.ok).toBe('boolean');
      }
    }
  });
});
