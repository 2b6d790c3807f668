/**
 * Core's actions as Discord buttons, and what a click on one carries back: `<actionId>:<value>`.
 * Discord refuses a whole message over any of its component limits, so they are kept here.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { ACTION_IDS, type Action, type ActionId, type Block } from '../../core/reply.js';
import { fitText } from './discordText.js';

/** Discord's documented limits on a message's buttons. */
export const BUTTON_LIMITS = {
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

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

const BUTTON_STYLES: Record<
  NonNullable<Action['style']> | 'default',
  ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary
> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  default: ButtonStyle.Secondary,
};

/** The actions of every `actions` block as rows of buttons, within Discord's limits. */
export function buttonRows(
  blocks: readonly Block[],
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const block of blocks) {
    if (block.type !== 'actions') continue;
    for (const action of block.actions) {
      const customId = buttonCustomId(action);
      // Discord refuses a message whose custom_ids repeat or run past 100 characters.
      if (customId.length > BUTTON_LIMITS.customId || seen.has(customId)) continue;
      seen.add(customId);
      buttons.push({
        type: ComponentType.Button,
        style: BUTTON_STYLES[action.style ?? 'default'],
        label: fitText(action.label, BUTTON_LIMITS.buttonLabel),
        custom_id: customId,
      });
    }
  }
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (
    let start = 0;
    start < buttons.length && rows.length < BUTTON_LIMITS.rows;
    start += BUTTON_LIMITS.buttonsPerRow
  ) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(start, start + BUTTON_LIMITS.buttonsPerRow),
    });
  }
  return rows;
}
