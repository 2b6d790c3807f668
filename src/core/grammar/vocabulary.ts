/**
 * The words people type for the product's closed lists (stages, sources, meeting modes, draft
 * kinds, roles), resolved to the values of domain.ts.
 */
import {
  MEETING_MODES,
  type MeetingMode,
  MODE_LABELS,
  ROLES,
  type Role,
  SOURCE_LABELS,
  SOURCES,
  type Source,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from '../domain.js';
import { fail, ok, type Result } from '../result.js';

/** The kinds of message `draft` writes. */
export const DRAFT_KINDS = ['outreach', 'thanks', 'followup'] as const;
/** One of DRAFT_KINDS. */
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** Lower case, with underscores, hyphens and runs of whitespace read as one space, `&` as "and". */
export function foldWord(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/&/gu, ' and ')
    .replace(/[\s_-]+/gu, ' ')
    .trim();
}

/** A lookup from folded words to a value; built once per list. */
function lookup<T extends string>(entries: Record<string, T>): (text: string) => T | undefined {
  const table = new Map(Object.entries(entries).map(([word, value]) => [foldWord(word), value]));
  return (text) => table.get(foldWord(text));
}

/** Each value under its own name and label, plus the synonyms given. */
function withNames<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  synonyms: Record<string, T>,
): Record<string, T> {
  const entries: Record<string, T> = {};
  for (const value of values) {
    entries[value] = value;
    entries[labels[value]] = value;
  }
  return { ...entries, ...synonyms };
}

const findSource = lookup(
  withNames(SOURCES, SOURCE_LABELS, {
    alum: 'alumni',
    alumnus: 'alumni',
    alumna: 'alumni',
    'alumni association': 'alumni',
    alumni_association: 'alumni',
    association: 'professional_association',
    professional: 'professional_association',
    colleague: 'former_colleague',
    coworker: 'former_colleague',
    'co-worker': 'former_colleague',
    'former coworker': 'former_colleague',
    friend: 'friends_family',
    friends: 'friends_family',
    family: 'friends_family',
    'friends and family': 'friends_family',
    'friends family': 'friends_family',
    social: 'social_media',
    twitter: 'social_media',
    x: 'social_media',
    instagram: 'social_media',
    facebook: 'social_media',
    mastodon: 'social_media',
    bluesky: 'social_media',
    tiktok: 'social_media',
    events: 'event',
    conference: 'event',
    fair: 'event',
    'career fair': 'event',
    meetup: 'event',
    referred: 'referral',
    ref: 'referral',
  }),
);

/**
 * People students name as the way they found someone ("via my aunt", "via professor"): each is
 * one of the sources, and the words themselves are kept as a note.
 */
const findPersonSource = lookup<Source>({
  aunt: 'friends_family',
  uncle: 'friends_family',
  parent: 'friends_family',
  parents: 'friends_family',
  mom: 'friends_family',
  mum: 'friends_family',
  dad: 'friends_family',
  mother: 'friends_family',
  father: 'friends_family',
  sister: 'friends_family',
  brother: 'friends_family',
  cousin: 'friends_family',
  neighbor: 'friends_family',
  neighbour: 'friends_family',
  roommate: 'friends_family',
  classmate: 'friends_family',
  classmates: 'friends_family',
  professor: 'referral',
  prof: 'referral',
  teacher: 'referral',
  lecturer: 'referral',
  advisor: 'referral',
  adviser: 'referral',
  tutor: 'referral',
  mentor: 'referral',
  coach: 'referral',
  'career center': 'referral',
  'career services': 'referral',
  manager: 'former_colleague',
  boss: 'former_colleague',
  supervisor: 'former_colleague',
  coworkers: 'former_colleague',
  internship: 'former_colleague',
  'linked in': 'linkedin',
  'linkedin message': 'linkedin',
  handshake: 'other',
  email: 'other',
  google: 'other',
});

/** Little words before the person: "my aunt", "a professor", "the career center". */
const SOURCE_LEAD = /^(?:(?:my|our|a|an|the|from|through|thru|via|by)\s+)+/iu;
/** "my aunt's friend", "a friend of my dad": whose it is does not change the source. */
const POSSESSIVE = /(?:'s|’s)$/u;

/** A source as typed, resolved; `note` holds the words when they say more than the source does. */
export function resolveSourceWords(text: string): Result<{ source: Source; note?: string }> {
  const exact = findSource(text);
  if (exact) return ok({ source: exact });
  const bare = text.trim().replace(SOURCE_LEAD, '');
  const words = bare.split(/\s+/u).map((word) => word.replace(POSSESSIVE, ''));
  const candidates = [bare, words.join(' '), ...words.slice().reverse(), words[0] ?? ''];
  for (const candidate of candidates) {
    const found = findSource(candidate) ?? findPersonSource(candidate);
    if (found) return ok({ source: found, note: text.trim() });
  }
  const plain = resolveSource(text);
  return plain.ok ? ok({ source: plain.value }) : plain;
}

/**
 * Resolves how a person names a source ("alumni", "alum", "coworker", "friends and family",
 * "twitter", "conference", "referred", or any source name or label) to a Source. Fails with
 * 'invalid_value' listing the accepted words.
 */
export function resolveSource(text: string): Result<Source> {
  const source = findSource(text);
  if (source) return ok(source);
  return fail(
    'invalid_value',
    "I don't know that source; use one of: alumni, professional association, former colleague, friends and family, LinkedIn, social media, event, referral or other.",
  );
}

const findStage = lookup(
  withNames(STAGES, STAGE_LABELS, {
    new: 'identified',
    reached: 'reached_out',
    contacted: 'reached_out',
    'keep in touch': 'keeping_in_touch',
    'in touch': 'keeping_in_touch',
    'no response': 'no_reply',
    noreply: 'no_reply',
    archive: 'archived',
    decline: 'declined',
    thank: 'thanked',
    schedule: 'scheduled',
  }),
);

/**
 * Resolves a stage as typed ("reached out", "reached_out", "Keeping in touch", "no-reply") to a
 * Stage. Fails with 'invalid_value' listing the stages.
 */
export function resolveStage(text: string): Result<Stage> {
  const stage = findStage(text);
  if (stage) return ok(stage);
  return fail(
    'invalid_value',
    "I don't know that stage; use one of: identified, reached out, scheduled, met, thanked, keeping in touch, no reply, declined or archived.",
  );
}

const findMode = lookup(
  withNames(MEETING_MODES, MODE_LABELS, {
    inperson: 'in_person',
    irl: 'in_person',
    call: 'phone',
    'phone call': 'phone',
    'video call': 'video',
    zoom: 'video',
    teams: 'video',
    'google meet': 'video',
    meet: 'video',
    facetime: 'video',
    skype: 'video',
    webex: 'video',
    hangouts: 'video',
    videocall: 'video',
    coffee: 'in_person',
    lunch: 'in_person',
    'in office': 'in_person',
    'face to face': 'in_person',
    telephone: 'phone',
    mail: 'email',
  }),
);

/**
 * Resolves a meeting mode word ("in person", "in-person", "phone", "call", "video", "zoom",
 * "email") to a MeetingMode, or undefined when it is not one (modes are optional words, so an
 * unknown one is simply not a mode).
 */
export function findMeetingMode(text: string): MeetingMode | undefined {
  return findMode(text);
}

const findDraft = lookup<DraftKind>({
  outreach: 'outreach',
  intro: 'outreach',
  introduction: 'outreach',
  thanks: 'thanks',
  thank: 'thanks',
  'thank you': 'thanks',
  thankyou: 'thanks',
  followup: 'followup',
  'follow up': 'followup',
  'follow-up': 'followup',
});

/** Resolves a draft kind ("outreach", "intro", "thank-you", "follow-up") to a DraftKind. */
export function resolveDraftKind(text: string): Result<DraftKind> {
  const kind = findDraft(text);
  if (kind) return ok(kind);
  return fail('invalid_value', 'I can draft an outreach, a thanks or a followup message.');
}

const findRole = lookup<Role>({
  ...Object.fromEntries(ROLES.map((role) => [role, role])),
  students: 'student',
  mentors: 'mentor',
  coordinators: 'coordinator',
  advisors: 'advisor',
});

/** Resolves a role ("student", "mentors", "Coordinator") to a Role. */
export function resolveRole(text: string): Result<Role> {
  const role = findRole(text);
  if (role) return ok(role);
  return fail('invalid_value', 'A role is one of: student, mentor, advisor or coordinator.');
}
