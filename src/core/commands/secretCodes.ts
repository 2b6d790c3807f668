/** One-time codes: short, typed by people, stored only as hashes. */
import { createHash, randomInt } from 'node:crypto';
import type { TryLimit } from '../codeTries.js';
import type { CommandContext, RawArgs } from '../command.js';

// No 0/O or 1/I/L: people copy these by hand between apps.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const CODE_TTL_MS = 10 * 60 * 1000;

/**
 * The wrong tries one person gets at one kind of one-time code: 5 in 10 minutes, the life of a
 * code. With 31^6 codes, that leaves a guesser no real chance at a live one. Counted whenever a
 * `code` argument is given.
 */
export function codeTries(purpose: string): { limit: TryLimit; counts(args: RawArgs): boolean } {
  return {
    limit: { purpose, maxWrong: 5, windowMs: CODE_TTL_MS },
    counts: (args) => String(args.code ?? '').trim() !== '',
  };
}

export function newCode(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Hash of a code, scoped (a forget-me code only works for the person who asked for it). */
export function hashCode(code: string, scope = ''): string {
  return createHash('sha256').update(`${scope}:${code.trim().toUpperCase()}`).digest('hex');
}

/**
 * Issues a code for the person in `ctx` and stores its hash; returns the code to show them.
 * `scope` binds the code to someone (forget-me codes only work for the person who asked).
 */
export async function issueCode(ctx: CommandContext<'codes'>, purpose: string, scope = ''): Promise<string> {
  const secret = newCode();
  await ctx.repos.codes.create({
    orgId: ctx.org.id,
    personId: ctx.person.id,
    purpose,
    codeHash: hashCode(secret, scope),
    expiresAt: new Date(ctx.now.getTime() + CODE_TTL_MS),
  });
  return secret;
}
