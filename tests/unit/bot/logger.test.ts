import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      const text = chunk.toString();
      raw.push(text);
      for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { lines, raw, destination };
}

describe('createLogger', () => {
  it('when logging, then lines are JSON with the level, message and fields', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', pretty: false, destination });
    logger.info({ port: 3000 }, 'Listening');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'Listening', port: 3000, app: 'rapport' });
  });

  it('when the level is warn, then info lines are dropped', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'warn', pretty: false, destination });
    logger.info({}, 'quiet');
    logger.warn({}, 'loud');
    expect(lines.map((line) => line.msg)).toEqual(['loud']);
  });

  it('when tokens and secrets are logged at any depth, then their values never appear', () => {
    const { raw, destination } = capture();
    const logger = createLogger({ level: 'info', pretty: false, destination });
    logger.info(
      {
        token: 'tok-1',
        botToken: 'xoxb-tok-2',
        config: { signingSecret: 'sig-3', slack: { botToken: 'xoxb-tok-4', appToken: 'xapp-tok-5' } },
        discord: { token: 'tok-6' },
        databaseUrl: 'postgres://u:pw-7@db/rapport',
        headers: { authorization: 'Bearer tok-8' },
        req: { headers: { authorization: 'Bearer tok-9', cookie: 'session=tok-10' } },
      },
      'Starting',
    );
    const output = raw.join('');
    for (let n = 1; n <= 10; n++) expect(output).not.toMatch(new RegExp(`tok-${n}\\b|sig-${n}|pw-${n}`));
    expect(output).toContain('[redacted]');
  });

  it('when what people typed is logged, then note text and message bodies are redacted', () => {
    const { raw, lines, destination } = capture();
    const logger = createLogger({ level: 'info', pretty: false, destination });
    logger.info(
      { text: 'add Jane private', command: { note: 'salary 90k', body: 'private body' } },
      'Command',
    );
    const output = raw.join('');
    expect(output).not.toContain('Jane private');
    expect(output).not.toContain('salary 90k');
    expect(output).not.toContain('private body');
    expect(lines[0]).toMatchObject({
      text: '[redacted]',
      command: { note: '[redacted]', body: '[redacted]' },
    });
  });

  it('when an HTTP client error carries an Authorization header, then neither it nor the message is logged', () => {
    const { raw, lines, destination } = capture();
    const logger = createLogger({ level: 'info', pretty: false, destination });
    const err = Object.assign(new Error('request failed for note "salary 90k"'), {
      code: 'slack_webapi_platform_error',
      config: { headers: { Authorization: 'Bearer tok-secret' } },
    });
    logger.error({ err }, 'Slack call failed');
    const output = raw.join('');
    expect(output).not.toContain('tok-secret');
    // Driver and HTTP error messages may quote what a person typed: only type, code and frames stay.
    expect(output).not.toContain('salary 90k');
    expect(lines[0]).toMatchObject({
      msg: 'Slack call failed',
      err: { type: 'Error', code: 'slack_webapi_platform_error' },
    });
  });
});
