/**
 * Files a reply carries (calendar invites, exports, reports) are written under
 * `<dataDir>/files/`, since a terminal cannot receive an attachment.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileAttachment } from '../../core/reply.js';

/** A safe base name: no directories, no leading dots, only portable characters. */
export function safeFilename(filename: string): string {
  const base = path.basename(filename.replaceAll('\\', '/'));
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 120);
  return cleaned === '' ? 'file' : cleaned;
}

/** The path to show: relative to the working directory when it is inside it. */
export function displayPath(absolute: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

export interface SavedFile {
  file: FileAttachment;
  /** Where it was written. */
  absolutePath: string;
}

export async function saveReplyFiles(
  files: readonly FileAttachment[],
  dataDir: string,
): Promise<SavedFile[]> {
  if (files.length === 0) return [];
  const directory = path.resolve(dataDir, 'files');
  await mkdir(directory, { recursive: true });
  const saved: SavedFile[] = [];
  for (const file of files) {
    const absolutePath = path.join(directory, safeFilename(file.filename));
    await writeFile(absolutePath, file.content);
    saved.push({ file, absolutePath });
  }
  return saved;
}
