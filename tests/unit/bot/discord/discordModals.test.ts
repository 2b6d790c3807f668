import type { APIModalSubmission } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  CONTEXT_MENUS,
  contextMenuModal,
  contextMenuNamed,
  menuTargetFromData,
} from '../../../../src/bot/discord/contextMenus.js';
import {
  buttonOfForm,
  formArgs,
  formCustomId,
  formFields,
  formModal,
  MODAL_LIMITS,
  opensForm,
  parseFormCustomId,
  submittedValues,
} from '../../../../src/bot/discord/discordModals.js';
import type { Command } from '../../../../src/core/command.js';
import { COMMANDS } from '../../../../src/core/commands/index.js';

const command = (name: string): Command => {
  const found = COMMANDS.find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
};

describe('the custom_id of a form', () => {
  it('when a form is opened plain or with a prefilled option, then its custom_id reads back to the same route', () => {
    expect(parseFormCustomId(formCustomId('add'))).toEqual({ command: 'add' });
    expect(parseFormCustomId(formCustomId('settings tz'))).toEqual({ command: 'settings tz' });
    const prefill = { option: 'student', value: '<@123456789012345678>' };
    expect(parseFormCustomId(formCustomId('log', prefill))).toEqual({ command: 'log', prefill });
  });

  it('when a custom_id is not one of ours or has an empty prefill, then it reads as nothing', () => {
    expect(parseFormCustomId('contact_note:abc')).toBeNull();
    expect(parseFormCustomId('rapport-form:')).toBeNull();
    expect(parseFormCustomId('rapport-form:log:student:')).toBeNull();
  });
});

describe('the button behind a form', () => {
  it('when the note form was opened by a card’s Add note, then it stands for that button and its contact', () => {
    const route = { command: 'note', prefill: { option: 'contact', value: 'c-1' } };
    expect(buttonOfForm(route)).toEqual({ action: 'contact_note', value: 'c-1' });
  });

  it('when a form was opened by a command or a menu, then no button stands behind it', () => {
    expect(buttonOfForm({ command: 'note' })).toBeUndefined();
    expect(buttonOfForm({ command: 'log', prefill: { option: 'student', value: '<@1>' } })).toBeUndefined();
  });
});

describe('which commands open a form', () => {
  it('when add runs with no options, then it opens its form; with any option, it runs as typed', () => {
    expect(opensForm(command('add'), {})).toBe(true);
    expect(opensForm(command('add'), { name: undefined })).toBe(true);
    expect(opensForm(command('add'), { name: 'Jane' })).toBe(false);
    expect(opensForm(command('list'), {})).toBe(false);
  });
});

describe('the modal of a command', () => {
  it('when every form of the command list is built, then each fits Discord’s limits', () => {
    const modals = [
      ...COMMANDS.filter((c) => c.form).map((c) => formModal(c)),
      ...CONTEXT_MENUS.map((menu) =>
        contextMenuModal(menu, command(menu.command), { id: '1', name: 'x'.repeat(200) }),
      ),
    ];
    expect(modals.length).toBeGreaterThanOrEqual(3);
    for (const modal of modals) {
      expect(modal.components.length).toBeGreaterThan(0);
      expect(modal.components.length).toBeLessThanOrEqual(MODAL_LIMITS.components);
      expect(modal.title.length).toBeLessThanOrEqual(MODAL_LIMITS.title);
      expect(modal.custom_id.length).toBeLessThanOrEqual(MODAL_LIMITS.customId);
      for (const component of modal.components) {
        if (component.type !== 18) continue;
        expect(component.label.length).toBeLessThanOrEqual(MODAL_LIMITS.label);
        expect((component.description ?? '').length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('when add’s form is built, then it asks for the name (required), organization, role, source and note', () => {
    expect(formFields(command('add')).map((o) => [o.name, o.required === true])).toEqual([
      ['name', true],
      ['org', false],
      ['role', false],
      ['source', false],
      ['note', false],
    ]);
  });

  it('when a menu opens log’s form on a member, then the student is shown escaped and not asked for', () => {
    const menu = contextMenuNamed('Log a meeting')!;
    const modal = contextMenuModal(menu, command('log'), { id: '42', name: '*Maria* <@everyone>' });
    expect(modal.custom_id).toBe('rapport-form:log:student:<@42>');
    const [shown, ...fields] = modal.components;
    expect(shown).toMatchObject({ type: 10 });
    expect(shown?.type === 10 && shown.content).not.toContain('*Maria*');
    expect(fields.map((f) => f.type === 18 && f.component.custom_id)).toEqual(['date', 'minutes', 'topics']);
    expect(fields[0]?.type === 18 && fields[0].component).toMatchObject({ type: 4, value: 'today' });
    expect(fields[2]?.type === 18 && fields[2].component).toMatchObject({ type: 4, style: 2 });
  });
});

describe('a submission as the command’s options', () => {
  const raw = [
    { type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'name', value: '  Jane Doe ' } },
    { type: 18, id: 3, component: { type: 3, id: 4, custom_id: 'source', values: ['alumni'] } },
    { type: 18, id: 5, component: { type: 4, id: 6, custom_id: 'org', value: '   ' } },
    { type: 1, id: 7, components: [{ type: 4, id: 8, custom_id: 'role', value: 'Researcher' }] },
    { type: 10, id: 9 },
  ] as unknown as APIModalSubmission['components'];

  it('when raw components are read, then labels, action rows and selects give their values', () => {
    expect(submittedValues(raw)).toEqual({
      name: '  Jane Doe ',
      source: ['alumni'],
      org: '   ',
      role: 'Researcher',
    });
  });

  it('when values become options, then text is trimmed, blanks are left out and unknown fields ignored', () => {
    const values = { ...submittedValues(raw), intruder: 'x' };
    expect(formArgs(command('add'), { command: 'add' }, values)).toEqual({
      name: 'Jane Doe',
      source: 'alumni',
      role: 'Researcher',
    });
  });

  it('when a form has a prefilled option, then its value comes from the route, whatever a field says', () => {
    const route = { command: 'log', prefill: { option: 'student', value: '<@42>' } };
    expect(
      formArgs(command('log'), route, { student: 'someone else', minutes: '45', date: 'today' }),
    ).toEqual({
      student: '<@42>',
      minutes: 45,
      date: 'today',
    });
  });

  it('when a number field holds words, then they go to core as typed for its own sentence', () => {
    expect(formArgs(command('log'), { command: 'log' }, { minutes: 'an hour' })).toEqual({
      minutes: 'an hour',
    });
  });
});

describe('the member a menu was used on, from raw interaction data', () => {
  const users = { '42': { username: 'maria_l', global_name: 'Maria Lopez' } };

  it('when the member has a nickname, then it names them; else the global name, else the username', () => {
    expect(
      menuTargetFromData({ target_id: '42', resolved: { users, members: { '42': { nick: 'Maria L.' } } } }),
    ).toEqual({ id: '42', name: 'Maria L.' });
    expect(
      menuTargetFromData({ target_id: '42', resolved: { users, members: { '42': { nick: null } } } }),
    ).toEqual({
      id: '42',
      name: 'Maria Lopez',
    });
    expect(menuTargetFromData({ target_id: '7', resolved: { users: { '7': { username: 'sam' } } } })).toEqual(
      {
        id: '7',
        name: 'sam',
      },
    );
  });

  it('when the resolved user is missing, then there is no target', () => {
    expect(menuTargetFromData({ target_id: '42', resolved: { users: {} } })).toBeNull();
    expect(menuTargetFromData({ target_id: '42' })).toBeNull();
  });
});
