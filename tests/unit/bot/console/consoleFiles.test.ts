import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { displayPath, safeFilename, saveReplyFiles } from '../../../../src/bot/console/consoleFiles.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('safeFilename', () => {
  it.each([
    ['meeting-jane-doe.ics', 'meeting-jane-doe.ics'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['.hidden', 'hidden'],
    ['report 2026 (week 3).csv', 'report-2026-week-3-.csv'],
    ['', 'file'],
    ['..', 'file'],
  ])('when the name is %j, then it is saved as %j', (given, safe) => {
    expect(safeFilename(given)).toBe(safe);
  });
});

describe('displayPath', () => {
  it('when the file is under the working directory, then the relative path is shown', () => {
    expect(displayPath('/home/robin/rapport/data/files/a.ics', '/home/robin/rapport')).toBe(
      path.join('data', 'files', 'a.ics'),
    );
  });

  it('when the file is elsewhere, then the absolute path is shown', () => {
    expect(displayPath('/tmp/x/files/a.ics', '/home/robin/rapport')).toBe('/tmp/x/files/a.ics');
  });
});

describe('saveReplyFiles', () => {
  it('when a reply carries text and bytes, then both are written under <dataDir>/files', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rapport-files-'));
    dirs.push(dataDir);
    const saved = await saveReplyFiles(
      [
        { filename: 'export.json', contentType: 'application/json', content: '{"contacts":[]}' },
        { filename: '../funnel.png', contentType: 'image/png', content: new Uint8Array([137, 80, 78, 71]) },
      ],
      dataDir,
    );
    expect(saved.map((file) => file.absolutePath)).toEqual([
      path.join(dataDir, 'files', 'export.json'),
      path.join(dataDir, 'files', 'funnel.png'),
    ]);
    expect(await readFile(path.join(dataDir, 'files', 'export.json'), 'utf8')).toBe('{"contacts":[]}');
    expect([...(await readFile(path.join(dataDir, 'files', 'funnel.png')))]).toEqual([137, 80, 78, 71]);
    expect((await readdir(dataDir)).sort()).toEqual(['files']);
  });

  it('when there are no files, then nothing is created', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rapport-files-'));
    dirs.push(dataDir);
    expect(await saveReplyFiles([], dataDir)).toEqual([]);
    expect(await readdir(dataDir)).toEqual([]);
  });
});
