import type { ViewOutput } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { commandModal, formOptions, homeView } from '../../../../src/bot/slack/slackViews.js';
import { addCommand } from '../../../../src/core/commands/addCommand.js';
import { noteCommand } from '../../../../src/core/commands/preparationCommands.js';
import { SOURCE_LABELS, SOURCES } from '../../../../src/core/domain.js';

const submitted = (values: Record<string, Record<string, unknown>>): ViewOutput =>
  ({
    id: 'V1',
    callback_id: 'rapport_add',
    state: { values },
    private_metadata: '',
  }) as unknown as ViewOutput;

describe('the add-contact modal', () => {
  it('when it opens, then it asks for a required name and optional org, role, source, link, field, email and note', () => {
    const modal = commandModal(addCommand);
    const inputs = modal.blocks as { block_id: string; optional: boolean }[];
    expect(inputs.map((b) => [b.block_id, b.optional])).toEqual([
      ['name', false],
      ['org', true],
      ['role', true],
      ['source', true],
      ['link', true],
      ['field', true],
      ['email', true],
      ['note', true],
    ]);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
  });

  it('when it offers sources, then every source of the domain is there with its label', () => {
    const select = (
      commandModal(addCommand).blocks[3] as {
        element: { options: { text: { text: string }; value: string }[] };
      }
    ).element;
    expect(select.options.map((o) => o.value)).toEqual([...SOURCES]);
    expect(select.options.map((o) => o.text.text)).toEqual(SOURCES.map((s) => SOURCE_LABELS[s]));
  });

  it('when it is submitted, then the values come back trimmed, named as core names them, blanks left out', () => {
    const view = submitted({
      name: { value: { type: 'plain_text_input', value: '  Jane Doe ' } },
      org: { value: { type: 'plain_text_input', value: 'Figma' } },
      role: { value: { type: 'plain_text_input', value: '   ' } },
      source: { value: { type: 'static_select', selected_option: { value: 'alumni' } } },
      link: { value: { type: 'plain_text_input', value: null } },
    });
    expect(formOptions(addCommand, view)).toEqual({
      options: { name: 'Jane Doe', org: 'Figma', role: undefined, source: 'alumni', link: undefined },
    });
  });
});

describe('other views', () => {
  it('when the note modal opens for a contact, then the contact travels in private_metadata', () => {
    const modal = commandModal(noteCommand, { contact: 'contact-id-1' });
    expect(modal.private_metadata).toBe('contact-id-1');
    expect(modal.blocks.map((b) => b.block_id)).toEqual(['text']);
  });

  it('when App Home is rendered, then it may hold up to 100 blocks', () => {
    const view = homeView({ blocks: Array.from({ length: 120 }, () => ({ type: 'divider' as const })) });
    expect(view.type).toBe('home');
    expect(view.blocks).toHaveLength(100);
  });
});
