import { describe, expect, it } from 'vitest';
import { buttonCustomId, parseButtonCustomId } from '../../../../src/bot/discord/discordButtons.js';
import { LIMITS, plainMessage, renderReply } from '../../../../src/bot/discord/discordRenderer.js';
import { escapeDiscordText } from '../../../../src/bot/discord/discordText.js';
import type { Action, Reply } from '../../../../src/core/reply.js';

const ZWSP = '\u200b';
const say = (...blocks: Reply['blocks']): Reply => ({ blocks });

describe('escaping what people typed', () => {
  it('when text says @everyone or @here, then a zero-width space breaks the mention', () => {
    expect(escapeDiscordText('hi @everyone and @Here')).toBe(`hi @${ZWSP}everyone and @${ZWSP}Here`);
  });

  it('when text holds mention syntax, then user, role, channel and command mentions are made inert', () => {
    const escaped = escapeDiscordText('<@123> <@!123> <@&456> <#789> </cmd:1> <t:0> <a:x:1>');
    expect(escaped).not.toMatch(/<[@#/:at]/);
    expect(escaped).toContain(`<${ZWSP}@&456>`);
  });

  it('when text holds masked links, then every bracket is escaped, not just the first link on a line', () => {
    expect(escapeDiscordText('[click](https://evil) and [more](https://evil2)')).toBe(
      '\\[click\\](https://evil) and \\[more\\](https://evil2)',
    );
  });

  it('when text holds markdown, then it shows literally', () => {
    expect(escapeDiscordText('**bold** _it_ `code` ~~s~~ ||spoiler||')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|',
    );
    expect(escapeDiscordText('# Big')).toBe('\\# Big');
    expect(escapeDiscordText('- item')).toBe('\\- item');
    expect(escapeDiscordText('* item')).toBe('\\* item');
    expect(escapeDiscordText('> quote\n>>> all')).toBe('\\> quote\n\\>>> all');
    expect(escapeDiscordText('-# small')).toBe('\\-# small');
    expect(escapeDiscordText('back\\slash')).toBe('back\\\\slash');
  });

  it('when text holds a bare link, then the link keeps its underscores and stays clickable', () => {
    expect(escapeDiscordText('see https://example.com/in/jane_doe and _this_')).toBe(
      'see https://example.com/in/jane_doe and \\_this\\_',
    );
  });

  it('when text is as long as a person may type, then escaping stays fast (linear)', () => {
    const started = performance.now();
    escapeDiscordText('a_b*c '.repeat(2000));
    // The quadratic escape took seconds on this input; the bound leaves room for a busy machine.
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('a Reply as a Discord message', () => {
  it('when a reply has a header, text, a list, fields and context, then they become one ordered set of embeds', () => {
    const { body } = renderReply(
      say(
        { type: 'header', text: 'Your pipeline' },
        {
          type: 'text',
          lines: [['Hello ', { user: 'Maria' }, ', ', { strong: 'two' }, ' things ', { code: 'list' }]],
        },
        { type: 'list', title: 'Met (1)', items: [['#1 ', { user: 'Jane' }]] },
        { type: 'fields', fields: [{ label: 'Stage', value: ['Met'] }] },
        { type: 'context', lines: [['A quiet aside']] },
      ),
    );
    expect(body.embeds[0]?.title).toBe('Your pipeline');
    expect(body.embeds[0]?.description).toBe('Hello Maria, **two** things `list`\n\n**Met (1)**\n• #1 Jane');
    expect(body.embeds[0]?.fields).toEqual([{ name: 'Stage', value: 'Met', inline: true }]);
    // Text after fields starts a new embed so it still reads after them.
    expect(body.embeds[1]?.description).toBe('*A quiet aside*');
    expect(body.flags).toBe(64);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('when a reply is public, then the message is not ephemeral', () => {
    expect(
      renderReply({ ...say({ type: 'text', lines: [['Hi']] }), visibility: 'public' }).body.flags,
    ).toBeUndefined();
  });

  it('when user text in a reply tries to ping or link, then the rendered embed holds it inert', () => {
    const { body } = renderReply(
      say({ type: 'text', lines: [[{ user: '@everyone <@&42> [click](https://evil) **loud**' }]] }),
    );
    const description = body.embeds[0]?.description ?? '';
    expect(description).toContain(`@${ZWSP}everyone`);
    expect(description).toContain(`<${ZWSP}@&42>`);
    expect(description).toContain('\\[click\\](https://evil)');
    expect(description).toContain('\\*\\*loud\\*\\*');
  });

  it('when text is longer than an embed allows, then title, description and fields are cut to the limits', () => {
    const long = 'x'.repeat(10_000);
    const { body } = renderReply(
      say(
        { type: 'header', text: long },
        { type: 'text', lines: [[{ user: long }]] },
        {
          type: 'fields',
          fields: Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: [{ user: long }] })),
        },
      ),
    );
    const total = body.embeds.reduce(
      (sum, embed) =>
        sum +
        (embed.title?.length ?? 0) +
        (embed.description?.length ?? 0) +
        (embed.footer?.text.length ?? 0) +
        (embed.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0),
      0,
    );
    expect(body.embeds[0]?.title?.length).toBeLessThanOrEqual(LIMITS.title);
    expect(body.embeds[0]?.description?.length).toBeLessThanOrEqual(LIMITS.description);
    for (const embed of body.embeds) {
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
      for (const field of embed.fields ?? [])
        expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(body.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  });

  it('when a reply has seven actions, then they become rows of at most five buttons with routable custom_ids', () => {
    const actions: Action[] = Array.from({ length: 7 }, (_, i) => ({
      id: 'contact_show',
      label: `Show ${i}`,
      value: `id-${i}`,
      ...(i === 0 ? { style: 'primary' as const } : {}),
    }));
    const { body } = renderReply(say({ type: 'text', lines: [['Pick']] }, { type: 'actions', actions }));
    expect(body.components.map((row) => row.components.length)).toEqual([5, 2]);
    const first = body.components[0]?.components[0];
    expect(first).toMatchObject({ type: 2, style: 1, label: 'Show 0', custom_id: 'contact_show:id-0' });
    expect(body.components[0]?.components[1]?.style).toBe(2);
  });

  it('when a button value would make a custom_id over 100 characters, or repeat one, then that button is left out', () => {
    const { body } = renderReply(
      say({
        type: 'actions',
        actions: [
          { id: 'contact_show', label: 'Long', value: 'v'.repeat(100) },
          { id: 'nudge_done', label: 'Done', value: 'n1' },
          { id: 'nudge_done', label: 'Done again', value: 'n1' },
        ],
      }),
    );
    expect(body.components.flatMap((row) => row.components.map((b) => b.custom_id))).toEqual([
      'nudge_done:n1',
    ]);
  });

  it('when a custom_id is made, then it holds the action and the value only, and reads back', () => {
    const id = buttonCustomId({ id: 'nudge_snooze_1w', value: '0b6c8f9e-1f0c-4e0a-9a1e-3f1d2c3b4a5e' });
    expect(id).toBe('nudge_snooze_1w:0b6c8f9e-1f0c-4e0a-9a1e-3f1d2c3b4a5e');
    expect(parseButtonCustomId(id)).toEqual({
      action: 'nudge_snooze_1w',
      value: '0b6c8f9e-1f0c-4e0a-9a1e-3f1d2c3b4a5e',
    });
  });

  it('when a DM button of an earlier version carries a guild, then it reads back without it', () => {
    expect(
      parseButtonCustomId('nudge_snooze_1w:0b6c8f9e-1f0c-4e0a-9a1e-3f1d2c3b4a5e|123456789012345678'),
    ).toEqual({ action: 'nudge_snooze_1w', value: '0b6c8f9e-1f0c-4e0a-9a1e-3f1d2c3b4a5e' });
  });

  it('when a custom_id is not one of ours, then it does not parse', () => {
    expect(parseButtonCustomId('delete_everything:1')).toBeNull();
    expect(parseButtonCustomId('nudge_done:')).toBeNull();
    expect(parseButtonCustomId('nonsense')).toBeNull();
  });

  it('when a reply carries files, then they become named attachments', () => {
    const { files } = renderReply({
      blocks: [{ type: 'text', lines: [['Your calendar file']] }],
      files: [
        {
          filename: 'meeting.ics',
          contentType: 'text/calendar',
          content: 'BEGIN:VCALENDAR',
          title: 'Meeting',
        },
      ],
    });
    expect(files.map((file) => [file.name, file.description, String(file.attachment)])).toEqual([
      ['meeting.ics', 'Meeting', 'BEGIN:VCALENDAR'],
    ]);
  });

  it('when a reply is for a notification, then its header also becomes the plain content', () => {
    const { body } = renderReply(say({ type: 'header', text: 'Time to follow up' }), { notification: true });
    expect(body.content).toBe('Time to follow up');
  });

  it('when a reply has nothing to show, then the message still has content (Discord refuses empty ones)', () => {
    expect(renderReply(say()).body.content).toBe('Done.');
  });

  it('when we write our own sentence, then it is escaped, ephemeral and mention-free', () => {
    const { body } = plainMessage('Sorry_about that');
    expect(body).toEqual({
      content: 'Sorry\\_about that',
      embeds: [],
      components: [],
      flags: 64,
      allowed_mentions: { parse: [] },
    });
  });
});
