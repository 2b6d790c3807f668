/**
 * Text grammars of the student's pipeline commands: adding contacts and moving them along.
 * Dates and contact references stay raw strings; the handlers resolve them.
 */
import type { RawArgs } from '../command.js';
import type { MeetingMode } from '../domain.js';
import { fail, ok, type Result } from '../result.js';
import { splitClauses } from './clauses.js';
import { isDateText } from './dates.js';
import { parseDuration, parseMinutes } from './durations.js';
import { dropTrailingWord, finish, splitTrailing, textOf, usage } from './rawArgs.js';
import { joinTokens, splitFirst, type Token, tokenize } from './tokenize.js';
import { findMeetingMode, resolveDraftKind, resolveSourceWords, resolveStage } from './vocabulary.js';

const URL = /^https?:\/\/[^\s<>"]+$/iu;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/u;

/** True for an unquoted token that is an http(s) URL or an email address. */
const isLink = (token: Token): boolean => !token.quoted && (URL.test(token.value) || EMAIL.test(token.value));

const NEED_CONTACT = 'Tell me which contact: its number, like #3, or part of the name.';

/**
 * The links typed with a new contact: at most one web address and one email. A lone one is
 * `link` (as the form has it); with both, the address is `link` and the email `email`.
 */
function takeLinks(tokens: readonly Token[]): Result<{ link?: string; email?: string }> {
  const links = tokens.filter(isLink).map((token) => token.value);
  const emails = links.filter((link) => EMAIL.test(link));
  const urls = links.filter((link) => !EMAIL.test(link));
  if (emails.length > 1 || urls.length > 1) {
    return usage('Give one email and one profile link at most when adding someone; a note can hold more.');
  }
  if (emails.length === 1 && urls.length === 1) return ok({ link: urls[0], email: emails[0] });
  return ok({ link: links[0] });
}

/** "via my aunt": the source, and the words as a note when they say more. */
function sourceArgs(tokens: readonly Token[] | undefined): Result<{ source?: string; note?: string }> {
  const sourceText = textOf(tokens);
  if (sourceText === undefined) return ok({});
  const resolved = resolveSourceWords(sourceText);
  if (!resolved.ok) return resolved;
  return ok({
    source: resolved.value.source,
    ...(resolved.value.note ? { note: `Found via ${resolved.value.note}` } : {}),
  });
}

/**
 * `add <name> [at <org>] [as <role>] [in <field>] [via <source>]`, plus a profile link and an
 * email anywhere.
 */
export function parseAdd(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const links = takeLinks(tokens.value);
  if (!links.ok) return links;
  const parts = splitClauses(
    tokens.value.filter((token) => !isLink(token)),
    ['at', 'as', 'via', 'in'],
  );
  if (!parts.ok) return parts;
  const name = textOf(parts.value.head);
  if (name === undefined) return usage('Tell me the name of the person to add.');
  const source = sourceArgs(parts.value.clauses.via);
  if (!source.ok) return source;
  return finish({
    name,
    org: textOf(parts.value.clauses.at),
    role: textOf(parts.value.clauses.as),
    field: textOf(parts.value.clauses.in),
    ...source.value,
    ...links.value,
  });
}

/** `list [stage]`. */
export function parseList(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const stageText = textOf(tokens.value);
  if (stageText === undefined) return ok({});
  const stage = resolveStage(stageText);
  if (!stage.ok) return stage;
  return finish({ stage: stage.value });
}

/** `<command> <contact>`: the whole text, quotes stripped, is the contact. */
export function parseContactOnly(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const contact = textOf(tokens.value);
  if (contact === undefined) return usage(NEED_CONTACT);
  return finish({ contact });
}

/** Words that introduce how the student reached out: "by email", "via linkedin", "over the phone". */
const CHANNEL_WORDS = ['by', 'via', 'over', 'through', 'thru'] as const;

/**
 * `reached <contact> [on <date> | <date>] [by|via <channel>]`: the date may come without "on"
 * ("reached 3 last week", "reached Jose Garcia yesterday via email").
 */
export function parseReached(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const parts = splitClauses(tokens.value, ['on', ...CHANNEL_WORDS]);
  if (!parts.ok) return parts;
  const channels = CHANNEL_WORDS.map((word) => parts.value.clauses[word]).filter((c) => c !== undefined);
  if (channels.length > 1) return usage('Say once how you reached them, like "by email".');
  let head = parts.value.head;
  let date = textOf(parts.value.clauses.on);
  const tail = splitTrailing(head, 4, isDateText);
  if (tail) {
    if (date !== undefined) return usage('Give the date once, like "on monday" or "last week".');
    head = tail.before;
    date = textOf(tail.taken);
  }
  let channel = channels[0];
  const channelTail = channel ? splitTrailing(channel, 4, isDateText) : undefined;
  if (channelTail && date === undefined) {
    // "via email yesterday": the date came after the channel.
    channel = channelTail.before;
    date = textOf(channelTail.taken);
  }
  const contact = textOf(head);
  if (contact === undefined) return usage(NEED_CONTACT);
  return finish({ contact, date, channel: textOf(channel) });
}

/** Words that may lead into a meeting mode: "over zoom", "via phone", "on a call". */
const MODE_LEAD_WORDS = new Set(['over', 'via', 'by', 'on', 'with', 'using', 'a', 'for']);

/**
 * Takes the meeting-mode words (`in person`, `in-person`, `phone`, `call`, `video`, `zoom`,
 * `email`) out of the tokens. Fails when two different modes are given.
 */
function takeMode(tokens: readonly Token[]): Result<{ mode: MeetingMode | undefined; rest: Token[] }> {
  const rest: Token[] = [];
  let mode: MeetingMode | undefined;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token) continue;
    const next = tokens[index + 1];
    const pair =
      !token.quoted && next && !next.quoted ? findMeetingMode(`${token.value} ${next.value}`) : undefined;
    const found = pair ?? (token.quoted ? undefined : findMeetingMode(token.value));
    if (found === undefined) {
      rest.push(token);
      continue;
    }
    if (mode !== undefined && mode !== found) {
      return usage('Pick one way to meet: in person, phone, video or email.');
    }
    mode = found;
    if (pair !== undefined) index += 1;
    // "over zoom", "via phone", "by video": the little word belongs to the mode.
    for (
      let before = rest.at(-1);
      before && !before.quoted && MODE_LEAD_WORDS.has(before.value.toLowerCase());
      before = rest.at(-1)
    )
      rest.pop();
  }
  return ok({ mode, rest });
}

/** `scheduled <contact> <when> [for <N> min] [<mode>]`. */
export function parseScheduled(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const [first, ...after] = tokens.value;
  const contact = first ? textOf([first]) : undefined;
  if (contact === undefined) return usage(NEED_CONTACT);
  const moded = takeMode(after);
  if (!moded.ok) return moded;
  const parts = splitClauses(moded.value.rest, ['for']);
  if (!parts.ok) return parts;
  const when = textOf(parts.value.head);
  if (when === undefined) return usage('Tell me when you are meeting, like "next tue 3pm".');
  let minutes: number | undefined;
  const minutesText = textOf(parts.value.clauses.for);
  if (minutesText !== undefined) {
    const parsed = parseMinutes(minutesText);
    if (!parsed.ok) return parsed;
    minutes = parsed.value;
  }
  return finish({ contact, when, minutes, mode: moded.value.mode });
}

/** `<command> <contact> <free text>`: the first token is the contact, the rest is kept as typed. */
function contactAndText(text: string, field: string, required: string | undefined): Result<RawArgs> {
  const split = splitFirst(text);
  if (!split.ok) return split;
  const contact = split.value.first ? textOf([split.value.first]) : undefined;
  if (contact === undefined) return usage(NEED_CONTACT);
  const rest = split.value.rest === '' ? undefined : split.value.rest;
  if (rest === undefined && required !== undefined) return usage(required);
  return finish({ contact, [field]: rest });
}

/** `met <contact> [notes]`. */
export const parseMet = (text: string): Result<RawArgs> => contactAndText(text, 'notes', undefined);
/** `note <contact> <text>`. */
export const parseNote = (text: string): Result<RawArgs> =>
  contactAndText(text, 'text', 'Tell me what to note, after the contact.');
/** `ask <contact> <question>`. */
export const parseAsk = (text: string): Result<RawArgs> =>
  contactAndText(text, 'question', 'Tell me the question to prepare, after the contact.');

/** `referred <contact> <name> [at <org>] [as <role>] [in <field>] [via <how>]`. */
export function parseReferred(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const parts = splitClauses(tokens.value, ['at', 'as', 'in', 'via']);
  if (!parts.ok) return parts;
  const [first, ...nameTokens] = parts.value.head;
  const contact = first ? textOf([first]) : undefined;
  if (contact === undefined) return usage("Tell me who referred them, then the new person's name.");
  const name = textOf(nameTokens);
  if (name === undefined) return usage('Tell me the name of the person you were referred to.');
  return finish({
    contact,
    name,
    org: textOf(parts.value.clauses.at),
    role: textOf(parts.value.clauses.as),
    field: textOf(parts.value.clauses.in),
    // A referral's source is the referral; how it came ("via linkedin") is kept as a note.
    note: parts.value.clauses.via ? `Introduced via ${textOf(parts.value.clauses.via)}` : undefined,
  });
}

/** `draft <outreach|thanks|followup> <contact>`; "thank you" and "follow up" may be two words. */
export function parseDraft(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const [first, second] = tokens.value;
  if (!first) return usage('Tell me which draft (outreach, thanks or followup) and for which contact.');
  const twoWords =
    second && !first.quoted && !second.quoted
      ? resolveDraftKind(`${first.value} ${second.value}`)
      : undefined;
  const kind = twoWords?.ok ? twoWords : resolveDraftKind(first.value);
  if (!kind.ok) return kind;
  const contact = textOf(tokens.value.slice(twoWords?.ok ? 2 : 1));
  if (contact === undefined) return usage(NEED_CONTACT);
  return finish({ kind: kind.value, contact });
}

/** "until monday", "till dec 12": a snooze that ends on a day. */
const isUntilDate = (text: string): boolean => {
  const match = /^(?:until|till|til)\s+(.+)$/iu.exec(text.trim());
  return match?.[1] !== undefined && isDateText(match[1]);
};

/** `snooze <contact> <duration>`: the duration is the tail that reads as one ("3 days", "2d"). */
export function parseSnooze(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.value.length < 2) return usage('Tell me the contact and for how long, like "jane 3 days".');
  const split = splitTrailing(
    tokens.value,
    6,
    (candidate) => parseDuration(candidate).ok || isUntilDate(candidate),
  );
  if (!split) {
    return fail(
      'invalid_value',
      'I couldn\'t find how long to snooze; end with a length like "3 days" or "1 week".',
    );
  }
  const contact = textOf(dropTrailingWord(split.before, 'for'));
  return finish({ contact, duration: textOf(split.taken) });
}

/** `move <contact> <stage>`: the stage is the tail that names one ("met", "keeping in touch"). */
export function parseMove(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.value.length < 2) return usage('Tell me the contact and the stage to move it to.');
  const split = splitTrailing(tokens.value, 3, (candidate) => resolveStage(candidate).ok);
  if (!split) {
    // Re-read the last word only to hand back the resolver's list of stages.
    const stage = resolveStage(tokens.value.at(-1)?.value ?? '');
    return stage.ok ? usage('Put the stage last, unquoted, after the contact.') : stage;
  }
  const stage = resolveStage(joinTokens(split.taken));
  if (!stage.ok) return stage;
  return finish({ contact: textOf(dropTrailingWord(split.before, 'to')), stage: stage.value });
}
