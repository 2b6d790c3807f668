/**
 * Edge code reaches the nudge outbox and the tables through ports (issue 12): no file under
 * src/bot/ imports src/db/outbox.ts or the drizzle schema, except the wiring that builds the
 * ports (main.ts and the worker's CLI).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const BOT = join(ROOT, 'src/bot');

/** The wiring, allowed to build the ports from the database modules. */
const WIRING = new Set(['src/bot/main.ts', 'src/bot/worker/cli.ts']);

/** The modules edge code must not import, as paths from the repository root. */
const isForbidden = (target: string): boolean =>
  target === 'src/db/outbox.ts' || target === 'src/db/schema.ts' || target.startsWith('src/db/schema/');

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFilesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The forbidden modules a source file imports (static, type-only, re-exports and dynamic
 * `import()` alike), each as a path from the repository root. `file` is from the root too.
 */
function forbiddenImports(file: string, text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => posix.join(posix.dirname(file), specifier).replace(/\.js$/, '.ts'))
    .filter(isForbidden);
}

describe('edge code and the database modules', () => {
  it('when a file imports the outbox or the schema in any form, then the check names it', () => {
    const text = [
      "import type { ClaimedNudge } from '../../db/outbox.js';",
      "export { nudges } from '../../db/schema.js';",
      "const later = () => import('../../db/schema/nudges.js');",
      "// import { release } from '../../db/outbox.js';",
      "import { nudgeOutbox } from '../../db/nudgeOutbox.js';",
      "import type { Outbox } from './outboxPort.js';",
    ].join('\n');
    expect(forbiddenImports('src/bot/worker/someStep.ts', text)).toEqual([
      'src/db/outbox.ts',
      'src/db/schema.ts',
      'src/db/schema/nudges.ts',
    ]);
  });

  it('when any file under src/bot/ other than the wiring is read, then it imports neither src/db/outbox.ts nor the schema', () => {
    const files = tsFilesUnder(BOT).map((path) => relative(ROOT, path).split('\\').join('/'));
    // The walk found the tree (a wrong root would find nothing and pass).
    expect(files).toContain('src/bot/worker/nudgeStep.ts');
    // An allowance for a file that moved away would be a hole waiting for a new file of its name.
    for (const file of WIRING) expect(files).toContain(file);
    const offenders = files
      .filter((file) => !WIRING.has(file))
      .flatMap((file) =>
        forbiddenImports(file, readFileSync(join(ROOT, file), 'utf8')).map(
          (target) => `${file} imports ${target}`,
        ),
      );
    expect(offenders).toEqual([]);
  });
});
