/**
 * No source file over 300 lines (issue 12): a file that grows past it holds more than one
 * responsibility, and is split by responsibility, not cut at a line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAX_LINES = 300;

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFilesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Lines as an editor counts them: a final newline ends the last line, it does not start one. */
const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

describe('source file sizes', () => {
  it('when the lines are counted, then a final newline does not count as a line of its own', () => {
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
    expect(lineCount(`${'x\n'.repeat(301)}`)).toBe(301);
  });

  it(`when every file under src/ is read, then none is over ${MAX_LINES} lines`, () => {
    const files = tsFilesUnder(join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(100);
    const over = files
      .map((file) => ({ file: relative(ROOT, file), lines: lineCount(readFileSync(file, 'utf8')) }))
      .filter((f) => f.lines > MAX_LINES);
    expect(over).toEqual([]);
  });
});
