/**
 * Core's platform-free Reply as a Discord message: embeds for the text, rows of buttons for the
 * actions, attachments for the files. Every limit Discord enforces is respected here, because a
 * message over any of them is refused whole (400), and the person would get nothing.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  AttachmentBuilder,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord.js';
import {
  ACTION_IDS,
  type Action,
  type ActionId,
  type Block,
  lineToPlain,
  type Reply,
} from '../../core/reply.js';
import { escapeDiscordText, fitText, lineToMarkdown } from './discordText.js';

/** Discord's documented message limits. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embeds: 10,
  /** All embeds of one message together. */
  embedTotal: 6000,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** Rapport's accent colour on embeds. */
const EMBED_COLOUR = 0x2f6f5e;

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

/**
 * What a button click carries: `<actionId>:<value>`. Nothing in it says whose the button is: a
 * custom_id is text anyone can craft. The value's row says it (see `RapportApi.identifyClick`).
 */
export interface ButtonRoute {
  action: ActionId;
  value: string;
}

export function buttonCustomId(action: Pick<Action, 'id' | 'value'>): string {
  return `${action.id}:${action.value}`;
}

/** Earlier versions added `|<guildId>` to buttons sent in DMs; such messages may still be clicked. */
const OLD_GUILD_SUFFIX = /\|\d{1,20}$/;

/** Reads a custom_id back; null when it is not one of ours. */
export function parseButtonCustomId(customId: string): ButtonRoute | null {
  const colon = customId.indexOf(':');
  if (colon <= 0) return null;
  const action = customId.slice(0, colon);
  if (!(ACTION_IDS as readonly string[]).includes(action)) return null;
  const value = customId.slice(colon + 1).replace(OLD_GUILD_SUFFIX, '');
  if (value === '') return null;
  return { action: action as ActionId, value };
}

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
        draft.title = fitText(escapeDiscordText(block.text), LIMITS.title);
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
          const value = fitText(lineToMarkdown(field.value), LIMITS.fieldValue);
          const name = fitText(escapeDiscordText(field.label), LIMITS.fieldName);
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
  while (drafts.length > LIMITS.embeds) {
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
    if (description) embed.description = fitText(description, LIMITS.description);
    const fields = draft.fields.slice(0, LIMITS.fields);
    if (fields.length) embed.fields = fields;
    if (draft.fields.length > LIMITS.fields) {
      embed.footer = { text: `${draft.fields.length - LIMITS.fields} more details did not fit here.` };
    }
    return embed;
  });
  let total = embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
  // Over the total: drop fields from the end, then shorten descriptions from the end.
  for (let index = embeds.length - 1; index >= 0 && total > LIMITS.embedTotal; index--) {
    const embed = embeds[index]!;
    while (embed.fields?.length && total > LIMITS.embedTotal) {
      const field = embed.fields.pop()!;
      total -= field.name.length + field.value.length;
    }
    if (embed.fields?.length === 0) delete embed.fields;
    if (embed.description && total > LIMITS.embedTotal) {
      const keep = Math.max(1, embed.description.length - (total - LIMITS.embedTotal));
      total -= embed.description.length;
      embed.description = fitText(embed.description, keep);
      total += embed.description.length;
    }
  }
  return embeds.filter((embed) => embedLength(embed) > 0);
}

const BUTTON_STYLES: Record<
  NonNullable<Action['style']> | 'default',
  ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary
> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  default: ButtonStyle.Secondary,
};

function buttonRows(blocks: readonly Block[]): DiscordMessageBody['components'] {
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const block of blocks) {
    if (block.type !== 'actions') continue;
    for (const action of block.actions) {
      const customId = buttonCustomId(action);
      // Discord refuses a message whose custom_ids repeat or run past 100 characters.
      if (customId.length > LIMITS.customId || seen.has(customId)) continue;
      seen.add(customId);
      buttons.push({
        type: ComponentType.Button,
        style: BUTTON_STYLES[action.style ?? 'default'],
        label: fitText(action.label, LIMITS.buttonLabel),
        custom_id: customId,
      });
    }
  }
  const rows: DiscordMessageBody['components'] = [];
  for (let start = 0; start < buttons.length && rows.length < LIMITS.rows; start += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(start, start + LIMITS.buttonsPerRow),
    });
  }
  return rows;
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
  const embeds = finishEmbeds(draftEmbeds(reply.blocks));
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
