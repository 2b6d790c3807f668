/**
 * Core's platform-free Reply as a Discord message: embeds for the text (discordEmbeds.ts), rows
 * of buttons for the actions (discordButtons.ts), attachments for the files. Every limit Discord
 * enforces is respected, because a message over any of them is refused whole (400), and the
 * person would get nothing.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  AttachmentBuilder,
  MessageFlags,
} from 'discord.js';
import { type Block, lineToPlain, type Reply } from '../../core/reply.js';
import { BUTTON_LIMITS, buttonRows } from './discordButtons.js';
import { EMBED_LIMITS, embedsOf } from './discordEmbeds.js';
import { escapeDiscordText, fitText, lineToMarkdown } from './discordText.js';

/** Discord's documented message limits. */
export const LIMITS = {
  content: 2000,
  ...EMBED_LIMITS,
  ...BUTTON_LIMITS,
} as const;

/** The JSON body of a message, in the REST API's own (snake_case) shape. */
export interface DiscordMessageBody {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** 64 (ephemeral) for a private interaction reply. */
  flags?: number;
  /** Always empty: no message of ours may ping anyone, whatever its text says. */
  allowed_mentions: { parse: [] };
}

export interface RenderedMessage {
  body: DiscordMessageBody;
  files: AttachmentBuilder[];
}

export interface RenderOptions {
  /**
   * Adds a short plain `content` line (the header, or the first line of text): a DM's push
   * notification shows `content`, not embeds.
   */
  notification?: boolean;
}

/** The first thing a person would read: the header, else the first line of text. */
function summaryLine(blocks: readonly Block[]): string | undefined {
  for (const block of blocks) {
    if (block.type === 'header') return escapeDiscordText(block.text);
    if (block.type === 'text' && block.lines[0]) return lineToMarkdown(block.lines[0]);
  }
  return undefined;
}

/** A core Reply as a Discord message (body + attachments). */
export function renderReply(reply: Reply, options: RenderOptions = {}): RenderedMessage {
  const embeds = embedsOf(reply.blocks);
  const components = buttonRows(reply.blocks);
  const files = (reply.files ?? []).map(
    (file) =>
      new AttachmentBuilder(Buffer.from(file.content), {
        name: file.filename,
        ...(file.title ? { description: fitText(file.title, 1024) } : {}),
      }),
  );
  const body: DiscordMessageBody = { embeds, components, allowed_mentions: { parse: [] } };
  if (reply.visibility !== 'public') body.flags = MessageFlags.Ephemeral;
  const summary = options.notification ? summaryLine(reply.blocks) : undefined;
  if (summary) body.content = fitText(summary, LIMITS.content);
  // Discord refuses a message with nothing in it.
  if (!body.content && embeds.length === 0 && files.length === 0) {
    const plain = reply.blocks.flatMap((block) =>
      block.type === 'text' ? block.lines.map(lineToPlain) : [],
    );
    body.content = plain.length ? fitText(escapeDiscordText(plain.join('\n')), LIMITS.content) : 'Done.';
  }
  return { body, files };
}

/** A short message of our own (apologies, "please wait"), with the same safety settings. */
export function plainMessage(text: string, options: { ephemeral?: boolean } = {}): RenderedMessage {
  const body: DiscordMessageBody = {
    content: fitText(escapeDiscordText(text), LIMITS.content),
    embeds: [],
    components: [],
    allowed_mentions: { parse: [] },
  };
  if (options.ephemeral !== false) body.flags = MessageFlags.Ephemeral;
  return { body, files: [] };
}
