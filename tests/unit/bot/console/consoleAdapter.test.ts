import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { commandText, createConsoleAdapter, runConsole } from '../../../../src/bot/console/consoleAdapter.js';
import type { RapportApi } from '../../../../src/core/api.js';
import type { Actor } from '../../../../src/core/command.js';
import type { IdentityInput } from '../../../../src/core/people/peoplePorts.js';
import { type ActionId, type Reply, reply, textBlock, user } from '../../../../src/core/reply.js';

const ACTOR: Actor = {
  orgId: 'org-1',
  personId: 'person-1',
  role: 'student',
  platform: 'console',
  timezone: 'UTC',
  displayName: 'Robin',
};

/** A hand-written fake of the API: records what the console asked, answers with canned replies. */
class FakeApi implements RapportApi {
  readonly commands = [];
  identified: IdentityInput[] = [];
  calls: string[] = [];
  /** Resolves a runText call; lets a test hold one open. */
  answer: (text: string) => Promise<Reply> = async (text) => reply(textBlock(['You said: ', user(text)]));

  async identify(input: IdentityInput): Promise<Actor> {
    this.identified.push(input);
    return { ...ACTOR, displayName: input.displayName };
  }
  async runText(_actor: Actor, text: string): Promise<Reply> {
    this.calls.push(`text:${text}`);
    return this.answer(text);
  }
  async identifyClick(): Promise<Actor | null> {
    throw new Error('not used by the console');
  }
  async runOptions(): Promise<Reply> {
    throw new Error('not used by the console');
  }
  async runAction(_actor: Actor, action: ActionId, value: string): Promise<Reply> {
    this.calls.push(`action:${action}:${value}`);
    return reply(textBlock([`pressed ${action}`]));
  }
  formFor(): undefined {
    return undefined;
  }
  formForAction(): undefined {
    return undefined;
  }
  async autocomplete() {
    return [];
  }
  async home(): Promise<Reply> {
    return reply();
  }
}

interface Session {
  api: FakeApi;
  input: PassThrough;
  output: () => string;
  done: Promise<void>;
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rapport-console-'));
  dirs.push(dir);
  return dir;
}

function session(
  api = new FakeApi(),
  extra: { dataDir?: string; interactive?: boolean; signal?: AbortSignal } = {},
): Session {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk) => {
    written += chunk.toString();
  });
  const done = runConsole({
    api,
    input,
    output,
    dataDir: extra.dataDir ?? '/nonexistent',
    interactive: extra.interactive ?? false,
    displayName: 'Robin',
    ...(extra.signal ? { signal: extra.signal } : {}),
  });
  return { api, input, output: () => written, done };
}

describe('runConsole', () => {
  it('when it starts, then it identifies the local person and prints the banner', async () => {
    const s = session();
    s.input.end();
    await s.done;
    expect(s.api.identified).toEqual([
      {
        platform: 'console',
        spaceExternalId: 'local',
        spaceName: 'Local',
        externalUserId: 'local-user',
        displayName: 'Robin',
      },
    ]);
    expect(s.output()).toContain('informational interviews');
    expect(s.output()).toContain('Type "help"');
    expect(s.output()).toContain('SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
    expect(s.output()).toContain('DISCORD_TOKEN and DISCORD_APP_ID');
  });

  it('when piped lines arrive, then each non-empty one runs in order and the session ends with the input', async () => {
    const s = session();
    s.input.end('help\n\n   \nlist\n/rapport add Jane at Figma\n');
    await s.done;
    expect(s.api.calls).toEqual(['text:help', 'text:list', 'text:add Jane at Figma']);
    expect(s.output()).toContain('You said: add Jane at Figma');
    expect(s.output()).not.toContain('rapport> ');
  });

  it('when a reply is slow, then the next line waits for it', async () => {
    const api = new FakeApi();
    const order: string[] = [];
    let releaseFirst!: () => void;
    api.answer = async (text) => {
      order.push(`start ${text}`);
      if (text === 'first') await new Promise<void>((resolve) => (releaseFirst = resolve));
      order.push(`end ${text}`);
      return reply(textBlock([text]));
    };
    const s = session(api);
    s.input.end('first\nsecond\n');
    await expect.poll(() => order).toEqual(['start first']);
    releaseFirst();
    await s.done;
    expect(order).toEqual(['start first', 'end first', 'start second', 'end second']);
  });

  it('when "exit" or "quit" is typed, then later lines are not run', async () => {
    for (const word of ['exit', 'QUIT']) {
      const s = session();
      s.input.write(`list\n${word}\nhelp\n`);
      await s.done;
      expect(s.api.calls).toEqual(['text:list']);
    }
  });

  it('when a bare /rapport is typed, then it asks for help', async () => {
    const s = session();
    s.input.end('/rapport\n');
    await s.done;
    expect(s.api.calls).toEqual(['text:help']);
  });

  it('when interactive, then the prompt is shown before each line', async () => {
    const s = session(new FakeApi(), { interactive: true });
    s.input.end('help\n');
    await s.done;
    expect(s.output().match(/rapport> /g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('when the API throws, then a short apology is printed and the session goes on', async () => {
    const api = new FakeApi();
    api.answer = async (text) => {
      if (text === 'boom') throw new Error('database exploded at /secret/path');
      return reply(textBlock(['fine']));
    };
    const s = session(api);
    s.input.end('boom\nlist\n');
    await s.done;
    expect(s.output()).toContain('Sorry, something went wrong on our side.');
    expect(s.output()).not.toContain('database exploded');
    expect(s.api.calls).toEqual(['text:boom', 'text:list']);
  });

  it('when a reply has buttons, then typing a number presses that button', async () => {
    const api = new FakeApi();
    api.answer = async () =>
      reply({
        type: 'actions',
        actions: [
          { id: 'nudge_done', label: 'Done', value: 'nudge-7' },
          { id: 'nudge_snooze_2d', label: 'Snooze 2 days', value: 'nudge-7' },
        ],
      });
    const s = session(api);
    s.input.end('show jane\n2\n2\n');
    await s.done;
    // The second "2" comes after a reply without buttons: it is ordinary text again.
    expect(s.api.calls).toEqual(['text:show jane', 'action:nudge_snooze_2d:nudge-7', 'text:2']);
    expect(s.output()).toContain('[1] Done  [2] Snooze 2 days');
    expect(s.output()).toContain('pressed nudge_snooze_2d');
  });

  it('when a reply carries a file, then it is written under <dataDir>/files and announced', async () => {
    const dataDir = await tempDir();
    const api = new FakeApi();
    api.answer = async () => ({
      blocks: [{ type: 'text', lines: [['Scheduled.']] }],
      files: [{ filename: 'meeting-jane-doe.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' }],
    });
    const s = session(api, { dataDir });
    s.input.end('scheduled jane tomorrow 3pm\n');
    await s.done;
    const saved = path.join(dataDir, 'files', 'meeting-jane-doe.ics');
    expect(await readFile(saved, 'utf8')).toBe('BEGIN:VCALENDAR');
    expect(s.output()).toContain('Calendar file saved to ');
    expect(s.output()).toContain('meeting-jane-doe.ics');
  });

  it('when the signal aborts during a command, then that command finishes and no buffered line runs', async () => {
    const api = new FakeApi();
    const controller = new AbortController();
    let release!: () => void;
    api.answer = async (text) => {
      if (text === 'slow') await new Promise<void>((resolve) => (release = resolve));
      return reply(textBlock([`done ${text}`]));
    };
    const s = session(api, { signal: controller.signal });
    s.input.write('slow\nafter\n');
    await expect.poll(() => s.api.calls).toEqual(['text:slow']);
    controller.abort();
    release();
    await s.done;
    expect(s.api.calls).toEqual(['text:slow']);
    expect(s.output()).toContain('done slow');
  });
});

describe('createConsoleAdapter', () => {
  it('when the input ends, then onEnd is told without an error', async () => {
    const input = new PassThrough();
    const ended: unknown[] = [];
    const adapter = createConsoleAdapter({
      api: new FakeApi(),
      input,
      output: new PassThrough(),
      dataDir: '/nonexistent',
      interactive: false,
      onEnd: (error) => ended.push(error ?? 'clean'),
    });
    await adapter.start();
    input.end('help\n');
    await expect.poll(() => ended).toEqual(['clean']);
  });

  it('when stopped, then it resolves after the session ends', async () => {
    const ended: unknown[] = [];
    const adapter = createConsoleAdapter({
      api: new FakeApi(),
      input: new PassThrough(),
      output: new PassThrough(),
      dataDir: '/nonexistent',
      interactive: false,
      onEnd: (error) => ended.push(error ?? 'clean'),
    });
    await adapter.start();
    await adapter.stop();
    expect(ended).toEqual(['clean']);
  });

  it('when identifying fails, then onEnd is told the error', async () => {
    const api = new FakeApi();
    api.identify = async () => {
      throw new Error('database down');
    };
    const ended: unknown[] = [];
    const adapter = createConsoleAdapter({
      api,
      input: new PassThrough(),
      output: new PassThrough(),
      dataDir: '/nonexistent',
      interactive: false,
      onEnd: (error) => ended.push(error),
    });
    await adapter.start();
    await expect.poll(() => ended.length).toBe(1);
    expect((ended[0] as Error).message).toBe('database down');
  });
});

describe('commandText', () => {
  it.each([
    ['/rapport list', 'list'],
    ['/RAPPORT   add Jane', 'add Jane'],
    ['/rapport', 'help'],
    ['list', 'list'],
    ['/rapportlist', '/rapportlist'],
  ])('when %j is typed, then %j is run', (typed, run) => {
    expect(commandText(typed)).toBe(run);
  });
});
