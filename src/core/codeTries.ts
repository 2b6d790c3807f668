/**
 * A cap on wrong tries at codes people could guess (a link code, a space code; a cohort's join
 * code next), per person and per purpose, over a sliding window. The count lives in the database
 * (the CodeTryRepository port), so it holds across replicas and restarts.
 *
 * Each try is recorded before the code is looked at, in its own statement, and then counted: a
 * command answering "wrong code" rolls its transaction back, and a try recorded inside it would
 * vanish with it. Recording first also bounds a burst of simultaneous tries: the k-th try to be
 * committed counts at least k, so no more than `maxWrong` of them ever reach the code. A try
 * whose command succeeds is forgotten in that command's transaction; only wrong ones (and right
 * codes that could not be used) stay counted.
 */
import type { CodeTryRepository } from './people/peoplePorts.js';
import { fail, ok, type Result } from './result.js';

/** How many wrong tries at a kind of code one person gets within a window. */
export interface TryLimit {
  /** The code's purpose (`link`); each purpose is counted on its own. */
  purpose: string;
  maxWrong: number;
  windowMs: number;
}

const MINUTE_MS = 60_000;

const minutes = (n: number) => `${n} ${n === 1 ? 'minute' : 'minutes'}`;

/**
 * Records a try and checks it against the limit. Returns the try's id, to forget it when the code
 * turns out right, or the "wait N minutes" refusal (and then the try is not counted).
 */
export async function takeTry(
  tries: CodeTryRepository,
  limit: TryLimit,
  who: { orgId: string; personId: string },
  now: Date,
): Promise<Result<string>> {
  const id = await tries.record({ ...who, purpose: limit.purpose, at: now });
  const recent = await tries.triedSince(
    who.personId,
    limit.purpose,
    new Date(now.getTime() - limit.windowMs),
  );
  if (recent.length <= limit.maxWrong) return ok(id);
  // Refused before the code is looked at: this one is no wrong try, and counting it would keep
  // someone who keeps trying locked out for good.
  await tries.forget(id);
  // Tries may go again once enough of the earlier ones have left the window to make room.
  const earlier = recent.length - 1;
  const leaving = recent[earlier - limit.maxWrong] ?? now;
  const wait = Math.max(1, Math.ceil((leaving.getTime() + limit.windowMs - now.getTime()) / MINUTE_MS));
  return fail(
    'too_many_tries',
    `You have typed too many wrong codes in the last ${minutes(Math.round(limit.windowMs / MINUTE_MS))}; wait ${minutes(wait)}, then try again.`,
  );
}
