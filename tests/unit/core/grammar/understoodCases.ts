/**
 * Issue 16: inputs students typed in realistic journeys that the grammars did not understand on
 * main. Each is a row of the command-grammar table.
 */
import type { RawArgs } from '../../../../src/core/command.js';
import type { ErrorKind } from '../../../../src/core/result.js';

export type Case = { command: string; text: string; label?: string } & (
  | { args: RawArgs; error?: never }
  | { error: ErrorKind; args?: never }
);

const reached = (text: string, args: RawArgs): Case => ({ command: 'reached', text, args });
const scheduled = (text: string, args: RawArgs): Case => ({ command: 'scheduled', text, args });
const snooze = (text: string, duration: string, contact = 'jane'): Case => ({
  command: 'snooze',
  text,
  args: { contact, duration },
});
const add = (text: string, args: RawArgs): Case => ({ command: 'add', text, args });
const tz = (text: string): Case => ({ command: 'settings tz', text, args: { zone: text.trim() } });

export const UNDERSTOOD_CASES: Case[] = [
  // reached: dates without "on", channels with "via", "over", "through"
  reached('3 last week', { contact: '3', date: 'last week' }),
  reached('#3 last week', { contact: '#3', date: 'last week' }),
  reached('lee wong via email', { contact: 'lee wong', channel: 'email' }),
  reached('Jose Garcia yesterday via email', { contact: 'Jose Garcia', date: 'yesterday', channel: 'email' }),
  reached('1 on Nov 28', { contact: '1', date: 'Nov 28' }),
  reached('jane 3 days ago', { contact: 'jane', date: '3 days ago' }),
  reached('jane 2 days ago by phone', { contact: 'jane', date: '2 days ago', channel: 'phone' }),
  reached('jane yesterday', { contact: 'jane', date: 'yesterday' }),
  reached('jane today', { contact: 'jane', date: 'today' }),
  reached('jane monday', { contact: 'jane', date: 'monday' }),
  reached('jane last friday', { contact: 'jane', date: 'last friday' }),
  reached('jane via linkedin', { contact: 'jane', channel: 'linkedin' }),
  reached('jane over the phone', { contact: 'jane', channel: 'the phone' }),
  reached('jane through her assistant', { contact: 'jane', channel: 'her assistant' }),
  reached('jane via email yesterday', { contact: 'jane', date: 'yesterday', channel: 'email' }),
  reached('Maria Lopez nov 30 via linkedin', { contact: 'Maria Lopez', date: 'nov 30', channel: 'linkedin' }),
  reached('#2 12/1', { contact: '#2', date: '12/1' }),
  reached('#2 on 12/1 via email', { contact: '#2', date: '12/1', channel: 'email' }),
  reached('kwame a week ago', { contact: 'kwame', date: 'a week ago' }),
  reached('kwame the 1st', { contact: 'kwame', date: 'the 1st' }),
  reached('"Anna Monday" via email', { contact: 'Anna Monday', channel: 'email' }),
  { command: 'reached', text: 'jane via email by phone', error: 'usage' },
  { command: 'reached', text: 'jane yesterday on monday', error: 'usage' },
  { command: 'reached', text: 'yesterday', args: { contact: 'yesterday' } },

  // scheduled: the tails students type
  scheduled('marc tomorrow at 4', { contact: 'marc', when: 'tomorrow at 4' }),
  scheduled('marc dec 12 at 3:30', { contact: 'marc', when: 'dec 12 at 3:30' }),
  scheduled('marc 10/12 at 9:30am', { contact: 'marc', when: '10/12 at 9:30am' }),
  scheduled('marc on the 15th at 2pm', { contact: 'marc', when: 'on the 15th at 2pm' }),
  scheduled('marc tomorrow 9', { contact: 'marc', when: 'tomorrow 9' }),
  scheduled('marc tomorrow 3pm for half an hour over zoom', {
    contact: 'marc',
    when: 'tomorrow 3pm',
    minutes: 30,
    mode: 'video',
  }),
  scheduled('marc monday 10am for 90 min coffee', {
    contact: 'marc',
    when: 'monday 10am',
    minutes: 90,
    mode: 'in_person',
  }),
  scheduled('marc friday 2pm for an hour and a half', { contact: 'marc', when: 'friday 2pm', minutes: 90 }),
  scheduled('marc friday 2pm for a quarter of an hour by phone', {
    contact: 'marc',
    when: 'friday 2pm',
    minutes: 15,
    mode: 'phone',
  }),
  scheduled('marc friday 2pm on teams', { contact: 'marc', when: 'friday 2pm', mode: 'video' }),
  scheduled('marc friday 2pm via google meet', { contact: 'marc', when: 'friday 2pm', mode: 'video' }),
  scheduled('marc friday 2pm over facetime', { contact: 'marc', when: 'friday 2pm', mode: 'video' }),
  scheduled('marc friday 2pm for lunch', { contact: 'marc', when: 'friday 2pm', mode: 'in_person' }),
  scheduled('marc friday 2pm for coffee', { contact: 'marc', when: 'friday 2pm', mode: 'in_person' }),
  scheduled('marc friday 2pm on a call', { contact: 'marc', when: 'friday 2pm', mode: 'phone' }),
  scheduled('marc friday 2pm by telephone', { contact: 'marc', when: 'friday 2pm', mode: 'phone' }),
  scheduled('marc friday 2pm on skype', { contact: 'marc', when: 'friday 2pm', mode: 'video' }),
  scheduled('marc friday 2pm for 45 min on webex', {
    contact: 'marc',
    when: 'friday 2pm',
    minutes: 45,
    mode: 'video',
  }),
  scheduled('marc next wed 11 for 20 min', { contact: 'marc', when: 'next wed 11', minutes: 20 }),
  scheduled('marc tomorrow 4:30 for 30-min zoom', {
    contact: 'marc',
    when: 'tomorrow 4:30',
    minutes: 30,
    mode: 'video',
  }),
  scheduled('marc 2026-12-10 15:00 for 1 hour face-to-face', {
    contact: 'marc',
    when: '2026-12-10 15:00',
    minutes: 60,
    mode: 'in_person',
  }),
  scheduled('marc thursday 1 for half an hour', { contact: 'marc', when: 'thursday 1', minutes: 30 }),
  { command: 'scheduled', text: 'marc tomorrow 3pm for half a day', error: 'invalid_value' },

  // snooze: until a day, months
  snooze('jane until monday', 'until monday'),
  snooze('jane till friday', 'till friday'),
  snooze('jane until next week', 'until next week'),
  snooze('jane until dec 12', 'until dec 12'),
  snooze('Jane Doe until tomorrow', 'until tomorrow', 'Jane Doe'),
  snooze('jane 1 month', '1 month'),
  snooze('jane for 2 months', '2 months'),
  snooze('#2 a month', 'a month', '#2'),
  snooze('jane half an hour', 'half an hour'),
  snooze('jane for an hour and a half', 'an hour and a half'),
  { command: 'snooze', text: 'jane until the cows come home', error: 'invalid_value' },

  // add: sources people name, both links, field
  add('Sam Lee via my aunt', { name: 'Sam Lee', source: 'friends_family', note: 'Found via my aunt' }),
  add('Sam Lee via aunt', { name: 'Sam Lee', source: 'friends_family', note: 'Found via aunt' }),
  add('Sam Lee via my uncle', { name: 'Sam Lee', source: 'friends_family', note: 'Found via my uncle' }),
  add('Sam Lee via my parents', { name: 'Sam Lee', source: 'friends_family', note: 'Found via my parents' }),
  add('Sam Lee via my dad', { name: 'Sam Lee', source: 'friends_family', note: 'Found via my dad' }),
  add('Sam Lee via professor', { name: 'Sam Lee', source: 'referral', note: 'Found via professor' }),
  add('Sam Lee via my professor', { name: 'Sam Lee', source: 'referral', note: 'Found via my professor' }),
  add('Sam Lee via Professor Okafor', {
    name: 'Sam Lee',
    source: 'referral',
    note: 'Found via Professor Okafor',
  }),
  add('Sam Lee via teacher', { name: 'Sam Lee', source: 'referral', note: 'Found via teacher' }),
  add('Sam Lee via a classmate', {
    name: 'Sam Lee',
    source: 'friends_family',
    note: 'Found via a classmate',
  }),
  add('Sam Lee via my coworker', {
    name: 'Sam Lee',
    source: 'former_colleague',
    note: 'Found via my coworker',
  }),
  add('Sam Lee via my manager', {
    name: 'Sam Lee',
    source: 'former_colleague',
    note: 'Found via my manager',
  }),
  add('Sam Lee via my old boss', {
    name: 'Sam Lee',
    source: 'former_colleague',
    note: 'Found via my old boss',
  }),
  add('Sam Lee via my aunt’s friend', {
    name: 'Sam Lee',
    source: 'friends_family',
    note: 'Found via my aunt’s friend',
  }),
  add('Sam Lee via the career center', {
    name: 'Sam Lee',
    source: 'referral',
    note: 'Found via the career center',
  }),
  add('Sam Lee via handshake', { name: 'Sam Lee', source: 'other', note: 'Found via handshake' }),
  add('Sam Lee via my academic advisor', {
    name: 'Sam Lee',
    source: 'referral',
    note: 'Found via my academic advisor',
  }),
  add('Sam Lee at Figma via my cousin', {
    name: 'Sam Lee',
    org: 'Figma',
    source: 'friends_family',
    note: 'Found via my cousin',
  }),
  add('Jane Doe jane@figma.com https://linkedin.com/in/jane', {
    name: 'Jane Doe',
    link: 'https://linkedin.com/in/jane',
    email: 'jane@figma.com',
  }),
  add('Jane Doe at Figma https://linkedin.com/in/jane jane@figma.com', {
    name: 'Jane Doe',
    org: 'Figma',
    link: 'https://linkedin.com/in/jane',
    email: 'jane@figma.com',
  }),
  { command: 'add', text: 'Jane a@x.com b@x.com', error: 'usage' },
  add('Priya Shah at Figma in product design', { name: 'Priya Shah', org: 'Figma', field: 'product design' }),
  add('Priya Shah at Figma as Designer in product design via alumni', {
    name: 'Priya Shah',
    org: 'Figma',
    role: 'Designer',
    field: 'product design',
    source: 'alumni',
  }),
  add('Dr. Amy Chen in anesthesiology', { name: 'Dr. Amy Chen', field: 'anesthesiology' }),
  add('Tom Hart in "data science"', { name: 'Tom Hart', field: 'data science' }),
  add('"Lin In" at Acme', { name: 'Lin In', org: 'Acme' }),
  { command: 'add', text: 'Sam via my goldfish', error: 'invalid_value' },

  // referred: role and how, kept apart
  {
    command: 'referred',
    text: 'jane Amy Chen as Anesthesiologist via linkedin',
    args: { contact: 'jane', name: 'Amy Chen', role: 'Anesthesiologist', note: 'Introduced via linkedin' },
  },
  {
    command: 'referred',
    text: 'jane Sam Lee at Figma in product design',
    args: { contact: 'jane', name: 'Sam Lee', org: 'Figma', field: 'product design' },
  },
  {
    command: 'referred',
    text: '#2 "Ana de la Cruz" at Deloitte as Consultant via email intro',
    args: {
      contact: '#2',
      name: 'Ana de la Cruz',
      org: 'Deloitte',
      role: 'Consultant',
      note: 'Introduced via email intro',
    },
  },

  // settings tz: cities and abbreviations
  tz('new york'),
  tz('New York City'),
  tz('EST'),
  tz('paris'),
  tz('Los Angeles'),
  tz('san francisco'),
  tz('kolkata'),
  tz('Sao Paulo'),
  tz('london'),
  tz('America/Chicago '),
  { command: 'settings tz', text: 'a b c d e', error: 'usage' },

  // log, with the dates students write
  {
    command: 'log',
    text: '@maria on the 1st for 30 min',
    args: { student: '@maria', date: 'the 1st', minutes: 30 },
  },
  { command: 'log', text: '@maria on 3 days ago', args: { student: '@maria', date: '3 days ago' } },
];
