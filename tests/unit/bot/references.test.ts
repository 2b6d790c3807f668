import { describe, expect, it } from 'vitest';
import {
  CONSOLE_REFERENCES,
  DISCORD_REFERENCES,
  PLATFORM_REFERENCES,
  SLACK_REFERENCES,
} from '../../../src/bot/references.js';

describe("each platform's syntax for people and channels", () => {
  it('when Slack sends a mention with escaping on, then the user id and the name it carries are read', () => {
    expect(SLACK_REFERENCES.person('<@U0123ABCD|maria.lopez>')).toEqual({
      id: 'U0123ABCD',
      name: 'maria.lopez',
    });
    expect(SLACK_REFERENCES.person('<@U0123ABCD>')).toEqual({ id: 'U0123ABCD' });
    expect(SLACK_REFERENCES.person('U0123ABCD')).toEqual({ id: 'U0123ABCD' });
    expect(SLACK_REFERENCES.person('@W0123ABCD')).toEqual({ id: 'W0123ABCD' });
  });

  it('when Discord sends a mention or a bare snowflake, then the user id is read', () => {
    expect(DISCORD_REFERENCES.person('<@!123456789012345678>')).toEqual({ id: '123456789012345678' });
    expect(DISCORD_REFERENCES.person('<@123456789012345678>')).toEqual({ id: '123456789012345678' });
    expect(DISCORD_REFERENCES.person('123456789012345678')).toEqual({ id: '123456789012345678' });
  });

  it('when the text is a name, then no chat platform reads it as a reference; the console reads @name as its local person', () => {
    for (const syntax of Object.values(PLATFORM_REFERENCES)) expect(syntax.person('maria')).toBeUndefined();
    expect(SLACK_REFERENCES.person('@maria')).toBeUndefined();
    expect(DISCORD_REFERENCES.person('@maria')).toBeUndefined();
    expect(PLATFORM_REFERENCES.console.person('@Maria')).toEqual({ id: '@maria', name: 'Maria' });
    expect(PLATFORM_REFERENCES.console.person('@maria <b>')).toBeUndefined();
    // A Slack id means nothing on Discord, and a bare Slack channel id nothing on Discord either.
    expect(DISCORD_REFERENCES.person('U0123ABCD')).toBeUndefined();
    expect(DISCORD_REFERENCES.channel('C0123ABCD')).toBeUndefined();
    expect(SLACK_REFERENCES.channel('#careers')).toBeUndefined();
  });

  it('when a channel is written as each platform sends it, then its id and label are read', () => {
    expect(SLACK_REFERENCES.channel('<#C0123ABCD|careers>')).toEqual({ id: 'C0123ABCD', label: '#careers' });
    expect(SLACK_REFERENCES.channel('G0123ABCD')).toEqual({ id: 'G0123ABCD', label: 'G0123ABCD' });
    expect(DISCORD_REFERENCES.channel('<#123456789012345678>')).toEqual({
      id: '123456789012345678',
      label: '123456789012345678',
    });
    expect(CONSOLE_REFERENCES.channel('#careers')).toEqual({ id: 'careers', label: '#careers' });
  });
});
