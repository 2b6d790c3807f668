/**
 * The text blocks of a Reply as Discord embeds: headers become titles, text, lists and asides the
 * description, fields stay fields, in order. Discord refuses a whole message over any embed
 * limit, so every one of them is applied here.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Block } from '../../core/reply.js';
import { escapeDiscordText, fitText, lineToMarkdown } from './discordText.js';

/** Discord's documented limits on a message's embeds. */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embeds: 10,
  /** All embeds of one message together. */
  embedTotal: 6000,
} as const;

/** Rapport's accent colour on embeds. */
const EMBED_COLOUR = 0x2f6f5e;

/** Embeds are filled in order; a new one starts where the order would otherwise be lost. */
interface EmbedDraft {
  title?: string;
  parts: string[];
  fields: APIEmbedField[];
}

const isEmpty = (draft: EmbedDraft): boolean =>
  draft.title === undefined && draft.parts.length === 0 && draft.fields.length === 0;

function blockMarkdown(block: Extract<Block, { type: 'text' | 'list' | 'context' }>): string {
  switch (block.type) {
    case 'text':
      return block.lines.map(lineToMarkdown).join('\n');
    case 'list': {
      const items = block.items.map((item) => `• ${lineToMarkdown(item)}`);
      const title = block.title ? [`**${escapeDiscordText(block.title)}**`] : [];
      return [...title, ...items].join('\n');
    }
    case 'context':
      // Italic keeps asides quiet; empty lines would leave a bare `**` behind.
      return block.lines
        .map(lineToMarkdown)
        .filter((line) => line.trim() !== '')
        .map((line) => `*${line}*`)
        .join('\n');
  }
}

function draftEmbeds(blocks: readonly Block[]): EmbedDraft[] {
  const drafts: EmbedDraft[] = [{ parts: [], fields: [] }];
  const current = (): EmbedDraft => drafts[drafts.length - 1]!;
  const startNew = (): EmbedDraft => {
    if (!isEmpty(current())) drafts.push({ parts: [], fields: [] });
    return current();
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'header': {
        const draft = isEmpty(current()) ? current() : startNew();
        draft.title = fitText(escapeDiscordText(block.text), EMBED_LIMITS.title);
        break;
      }
      case 'text':
      case 'list':
      case 'context': {
        // Text after fields would show above them (Discord draws the description first).
        const draft = current().fields.length > 0 ? startNew() : current();
        const markdown = blockMarkdown(block);
        if (markdown !== '') draft.parts.push(markdown);
        break;
      }
      case 'fields':
        for (const field of block.fields) {
          const value = fitText(lineToMarkdown(field.value), EMBED_LIMITS.fieldValue);
          const name = fitText(escapeDiscordText(field.label), EMBED_LIMITS.fieldName);
          // Discord refuses blank field names and values.
          current().fields.push({
            name: name.trim() === '' ? '\u200b' : name,
            value: value.trim() === '' ? '-' : value,
            inline: value.length <= 40 && name.length <= 30,
          });
        }
        break;
      case 'divider':
        if (current().parts.length > 0) current().parts.push('');
        break;
      // Discord has no text form: its options speak for themselves.
      case 'examples':
      case 'actions':
        break;
    }
  }
  return drafts.filter((draft) => !isEmpty(draft));
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Applies the per-message limits: 10 embeds, 25 fields each, 6,000 characters in all. */
function finishEmbeds(drafts: EmbedDraft[]): APIEmbed[] {
  // Past ten embeds, the rest joins the last one (order kept, fields appended).
  while (drafts.length > EMBED_LIMITS.embeds) {
    const extra = drafts.pop()!;
    const last = drafts[drafts.length - 1]!;
    if (extra.title) last.parts.push(`**${extra.title}**`);
    last.parts.push(...extra.parts);
    last.fields.push(...extra.fields);
  }
  const embeds: APIEmbed[] = drafts.map((draft) => {
    const description = draft.parts
      .join('\n\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    const embed: APIEmbed = { color: EMBED_COLOUR };
    if (draft.title) embed.title = draft.title;
    if (description) embed.description = fitText(description, EMBED_LIMITS.description);
    const fields = draft.fields.slice(0, EMBED_LIMITS.fields);
    if (fields.length) embed.fields = fields;
    if (draft.fields.length > EMBED_LIMITS.fields) {
      embed.footer = { text: `${draft.fields.length - EMBED_LIMITS.fields} more details did not fit here.` };
    }
    return embed;
  });
  let total = embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
  // Over the total: drop fields from the end, then shorten descriptions from the end.
  for (let index = embeds.length - 1; index >= 0 && total > EMBED_LIMITS.embedTotal; index--) {
    const embed = embeds[index]!;
    while (embed.fields?.length && total > EMBED_LIMITS.embedTotal) {
      const field = embed.fields.pop()!;
      total -= field.name.length + field.value.length;
    }
    if (embed.fields?.length === 0) delete embed.fields;
    if (embed.description && total > EMBED_LIMITS.embedTotal) {
      const keep = Math.max(1, embed.description.length - (total - EMBED_LIMITS.embedTotal));
      total -= embed.description.length;
      embed.description = fitText(embed.description, keep);
      total += embed.description.length;
    }
  }
  return embeds.filter((embed) => embedLength(embed) > 0);
}

/** The embeds of a Reply's blocks (none when it has no text). */
export function embedsOf(blocks: readonly Block[]): APIEmbed[] {
  return finishEmbeds(draftEmbeds(blocks));
}
