/**
 * Discord over HTTP behind the front door (http/frontDoor.ts), end to end: once the server is
 * known, a slash command is deferred by the door's own thread while the main thread is held, and
 * the main thread answers it in full once it is free. The client runs in a process of its own,
 * so that holding this thread holds only Rapport's main thread.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInputInteraction } from '../../support/fakeDiscord.js';
import { DiscordHttpBed } from './discordHttpBed.js';

let bed: DiscordHttpBed;

beforeAll(async () => {
  bed = await DiscordHttpBed.open();
});
afterAll(async () => {
  await bed?.close();
});

/** Waits a moment after saying "ready", sends the one request, and prints what came back and when. */
const CLIENT = `
const { request } = require('node:http');
const { port, path, headers, body } = JSON.parse(process.env.FRONT_DOOR_REQUEST);
console.log('ready');
setTimeout(() => {
  const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
    let text = '';
    res.on('data', (chunk) => { text += chunk; });
    res.on('end', () => console.log(JSON.stringify({ status: res.statusCode, body: text, answeredAt: Date.now() })));
  });
  req.end(body);
}, 200);
`;

/** Holds this thread, doing nothing else, for `ms`; returns when it let go. */
function holdThread(ms: number): number {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy: no timer, no I/O callback, no request runs on this thread meanwhile.
  }
  return Date.now();
}

describe('deferrals while the main thread is busy', () => {
  it('when the main thread is held for 2 s, then a command is deferred at once, and answered in full once it is free', async () => {
    const user = bed.user('ana');
    // The first command from a server goes to the main thread, which looks the server up.
    const first = await bed.command(user, { command: 'rapport', subcommand: 'list' });
    expect(first.answer).toEqual({ status: 200, body: { type: 5, data: { flags: 64 } } });

    const payload = chatInputInteraction({ guild: bed.guild, user, command: 'rapport', subcommand: 'goal' });
    const body = JSON.stringify(payload);
    const edit = bed.editOf(payload);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...bed.signer.headers(body, Math.floor(bed.now.getTime() / 1000)),
    };
    const client = spawn(process.execPath, ['-e', CLIENT], {
      env: {
        ...process.env,
        FRONT_DOOR_REQUEST: JSON.stringify({ port: bed.port, path: '/discord/interactions', headers, body }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: client.stdout });
    const said: string[] = [];
    lines.on('line', (line) => said.push(line));
    await once(lines, 'line');
    const letGo = holdThread(2000);
    await once(client, 'exit');

    const answer = JSON.parse(said.at(-1) ?? '{}') as { status: number; body: string; answeredAt: number };
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ type: 5, data: { flags: 64 } });
    expect(answer.answeredAt).toBeLessThan(letGo);
    // The main thread took it from the door and answered it through the webhook.
    expect(JSON.stringify((await edit).body)).toMatch(/conversations|people/i);
  });
});
