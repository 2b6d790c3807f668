/**
 * A rendered message as discord.js takes it for an interaction: the first reply, or an edit of the
 * deferred one. Mentions are never parsed, whatever the text holds.
 */
import { type InteractionEditReplyOptions, type InteractionReplyOptions, MessageFlags } from 'discord.js';
import type { RenderedMessage } from './discordRenderer.js';

/** discord.js's options for a first reply (with flags) or an edit (flags cannot change). */
export function replyOptions(message: RenderedMessage): InteractionReplyOptions {
  const { body, files } = message;
  return {
    content: body.content ?? '',
    embeds: body.embeds,
    components: body.components,
    files,
    allowedMentions: { parse: [] },
    ...(body.flags ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

export function editOptions(message: RenderedMessage): InteractionEditReplyOptions {
  const { body, files } = message;
  // `content: ''` clears a "taking longer" line left by an earlier edit; `attachments: []`
  // drops the files of the message a button sat on.
  return {
    content: body.content ?? '',
    embeds: body.embeds,
    components: body.components,
    files,
    attachments: [],
    allowedMentions: { parse: [] },
  };
}
