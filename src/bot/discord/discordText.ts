/**
 * Making text safe for Discord. Core hands us product text and `{ user }` text separately; both
 * go through here so nothing typed becomes formatting, a link, a ping or a mention pill.
 * `allowed_mentions: { parse: [] }` already stops pings on every message we send: this is the
 * second layer, which also keeps `<@&role>` from rendering as a role pill and `[x](url)` from
 * hiding where a link goes.
 */
import { escapeMarkdown } from 'discord.js';
import type { Inline, Line } from '../../core/reply.js';
import { discordUsage } from './placement.js';

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Discord's angle-bracket syntax: user, role and channel mentions (`<@1>`, `<@!1>`, `<@&1>`,
 * `<#1>`), slash-command mentions (`</cmd:1>`), custom emoji (`<:x:1>`, `<a:x:1>`) and
 * timestamps (`<t:1>`). A zero-width space after `<` leaves the text readable but inert.
 */
const ANGLE_SYNTAX = /<(?=[@#/:]|a:|t:)/g;
/** `@everyone` and `@here`, in any letter case (Discord matches them case-insensitively). */
const MASS_MENTION = /@(?=everyone|here)/gi;

/** A bare link as Discord autolinks it; `*` and `_` inside one are part of the address. */
const BARE_URL = /https?:\/\/\S+/g;

/** Escapes every `*` and `_` outside bare links, in one linear pass. */
function escapeEmphasis(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(BARE_URL)) {
    out += text.slice(last, match.index).replace(/[*_]/g, (mark) => `\\${mark}`) + match[0];
    last = match.index + match[0].length;
  }
  return out + text.slice(last).replace(/[*_]/g, (mark) => `\\${mark}`);
}

/**
 * Escapes markdown (including headings, lists, quotes and masked links) and neutralises mention
 * syntax. Two parts of discord.js's escapeMarkdown are replaced here: its italic escape is
 * quadratic in the line length (a 4,000-character note took a third of a second), so `*` and `_`
 * are escaped above instead (which covers bold and underline too); and its masked-link escape
 * only prefixes the first of several links on a line, so every square bracket is escaped.
 */
export function escapeDiscordText(text: string): string {
  const escaped = escapeMarkdown(text, {
    italic: false,
    bold: false,
    underline: false,
    heading: true,
    bulletedList: false,
    numberedList: true,
    maskedLink: false,
  });
  return (
    escapeEmphasis(escaped)
      // Line starts: `- ` and `+ ` lists, `> ` quotes and `-# ` small text (`* ` is covered above).
      .replace(/^( *)(>{1,3}|[-+])(?=[ #])/gm, '$1\\$2')
      .replace(/[[\]]/g, (bracket) => `\\${bracket}`)
      .replace(ANGLE_SYNTAX, `<${ZERO_WIDTH_SPACE}`)
      .replace(MASS_MENTION, `@${ZERO_WIDTH_SPACE}`)
  );
}

/** Inline code: backticks cannot be escaped inside code, so a longer fence is used around them. */
function inlineCode(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ');
  if (!clean.includes('`')) return `\`${clean}\``;
  // A double-backtick span may contain single backticks; spaces keep a leading/trailing one apart.
  return `\`\` ${clean.replace(/``+/g, (run) => run.split('').join(ZERO_WIDTH_SPACE))} \`\``;
}

/** One piece of a line as Discord markdown. */
export function inlineToMarkdown(part: Inline): string {
  if (typeof part === 'string') return escapeDiscordText(part);
  if ('user' in part) return escapeDiscordText(part.user);
  if ('strong' in part) return part.strong.trim() === '' ? '' : `**${escapeDiscordText(part.strong)}**`;
  if (part.usage) return inlineCode(discordUsage(part.usage));
  return part.code === '' ? '' : inlineCode(part.code);
}

export function lineToMarkdown(line: Line): string {
  return line.map(inlineToMarkdown).join('');
}

/** Counts as Discord does for its length limits: UTF-16 code units, the stricter reading. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  // Never split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
