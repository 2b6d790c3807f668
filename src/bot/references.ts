/**
 * Each platform's way of writing people and channels in command text, handed to core at wiring
 * (`new Rapport({ references: PLATFORM_REFERENCES })`), so that core never parses a mention.
 */
import type { Platform } from '../core/domain.js';
import type { ChannelMention, PersonMention, ReferenceSyntax } from '../core/references.js';

/** `<@U123>`, `<@U123|maria>` (Slack with escaping on), `<@!123>` (Discord); the name is optional. */
const USER_MENTION = /^<@!?([A-Za-z0-9]+)(?:\|([^>]*))?>$/;
/** `<#C0123ABC|careers>` (Slack) or `<#123456789012345678>` (Discord). */
const CHANNEL_MENTION = /^<#([A-Za-z0-9]+)(?:\|([^>]*))?>$/;
const SNOWFLAKE = /^\d{15,21}$/;
/** A Slack user id as Slack shows it in a profile: U or W, then capitals and digits. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{8,11}$/;
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{8,12}$/;
/** The console has no channels; a name stands for one, so a newcomer can try the command. */
const CONSOLE_CHANNEL_NAME = /^#?([\p{L}\p{N}_-]{1,80})$/u;

function userMention(text: string): PersonMention | undefined {
  const mention = USER_MENTION.exec(text);
  if (!mention?.[1]) return undefined;
  const name = mention[2]?.trim();
  return name ? { id: mention[1], name } : { id: mention[1] };
}

function channelMention(text: string): ChannelMention | undefined {
  const mention = CHANNEL_MENTION.exec(text);
  if (!mention?.[1]) return undefined;
  return { id: mention[1], label: mention[2] ? `#${mention[2]}` : mention[1] };
}

/** A bare id, with or without the `@` people type before names. */
function bareId(text: string, shape: RegExp): PersonMention | undefined {
  const bare = text.replace(/^@/, '');
  return shape.test(bare) ? { id: bare } : undefined;
}

const idChannel = (text: string, shape: RegExp): ChannelMention | undefined =>
  shape.test(text) ? { id: text, label: text } : undefined;

export const SLACK_REFERENCES: ReferenceSyntax = {
  person: (text) => userMention(text) ?? bareId(text, SLACK_USER_ID) ?? bareId(text, SNOWFLAKE),
  channel: (text) => channelMention(text) ?? idChannel(text, SLACK_CHANNEL_ID),
};

export const DISCORD_REFERENCES: ReferenceSyntax = {
  person: (text) => userMention(text) ?? bareId(text, SNOWFLAKE),
  channel: (text) => channelMention(text) ?? idChannel(text, SNOWFLAKE),
};

/**
 * The console has no directory of people: `@ana` stands for the local person named ana (the same
 * one each time), so a coordinator can try setting up a program alone at the terminal.
 */
const CONSOLE_PERSON_NAME = /^@([\p{L}\p{N}._-]{1,80})$/u;

function consolePerson(text: string): PersonMention | undefined {
  const name = CONSOLE_PERSON_NAME.exec(text)?.[1];
  return name ? { id: `@${name.toLowerCase()}`, name } : undefined;
}

/** The console stands in for both platforms: it reads either's mentions and names a channel freely. */
export const CONSOLE_REFERENCES: ReferenceSyntax = {
  person: (text) => userMention(text) ?? bareId(text, SNOWFLAKE) ?? consolePerson(text),
  channel: (text) => {
    const mentioned = channelMention(text);
    if (mentioned) return mentioned;
    const name = CONSOLE_CHANNEL_NAME.exec(text)?.[1];
    return name ? { id: name, label: `#${name}` } : undefined;
  },
};

export const PLATFORM_REFERENCES: Record<Platform, ReferenceSyntax> = {
  slack: SLACK_REFERENCES,
  discord: DISCORD_REFERENCES,
  console: CONSOLE_REFERENCES,
};
