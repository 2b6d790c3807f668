/**
 * The first word (or two) of a text command, and the closest name when nothing matches.
 */

/** The next whitespace-delimited word of `text` from `from`, with where it ends. */
function nextWord(text: string, from: number): { word: string; end: number } | undefined {
  const match = /\S+/u.exec(text.slice(from));
  if (!match) return undefined;
  const start = from + match.index;
  return { word: match[0], end: start + match[0].length };
}

/**
 * Splits a text command into the command path it names and the rest, trimmed: the first two
 * words when `known` has them (`settings tz`, `digest at`), else the first word. The path is
 * lowercased. A word that names no command comes back as the path, so the caller answers with
 * the closest one. Blank text gives an empty path.
 */
export function splitSubcommand(text: string, known: ReadonlySet<string>): { path: string; rest: string } {
  const first = nextWord(text, 0);
  if (!first) return { path: '', rest: '' };
  const one = first.word.toLowerCase();
  const second = nextWord(text, first.end);
  if (second) {
    const two = `${one} ${second.word.toLowerCase()}`;
    if (known.has(two)) return { path: two, rest: text.slice(second.end).trim() };
  }
  return { path: one, rest: text.slice(first.end).trim() };
}

/**
 * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
 * and swaps of two neighbouring letters each cost one.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      const row = d[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Typed words longer than this are not command names; no suggestion is worth the work. */
const MAX_WORD_LENGTH = 40;

/**
 * The command name closest to what was typed, for "did you mean": an exact name, then the first
 * name starting with the word (`sched` -> `scheduled`, `settings` -> `settings tz`), then the
 * name (or first word of a two-word name) within a small edit distance (`lsit` -> `list`).
 * Undefined when nothing is close.
 */
export function closestCommand(word: string, names: readonly string[]): string | undefined {
  const typed = word.trim().toLowerCase();
  if (typed === '' || typed.length > MAX_WORD_LENGTH) return undefined;
  const exact = names.find((name) => name === typed);
  if (exact) return exact;
  const prefixed = names.find((name) => name.startsWith(typed));
  if (prefixed) return prefixed;
  const allowed = typed.length <= 3 ? 1 : typed.length <= 6 ? 2 : 3;
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = Math.min(editDistance(typed, name), editDistance(typed, name.split(' ')[0] ?? name));
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
