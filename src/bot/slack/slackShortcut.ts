/**
 * *Save as contact*, a message shortcut (callback id `save_contact`): it opens the add form with
 * the message's author as the name (their Slack name, which the student may change) and a link
 * to the message in the note. Submitting it is the add form's own submission.
 */
import type { App, MessageShortcut } from '@slack/bolt';
import type { RapportApi } from '../../core/api.js';
import { type AppLogger, safeError } from './slackLogger.js';
import { commandModal } from './slackViews.js';

export const SAVE_CONTACT = 'save_contact';

type Client = Parameters<Parameters<App['shortcut']>[1]>[0]['client'];

/** The author's name as Slack shows it; the mention when it cannot be looked up. */
async function authorName(client: Client, userId: string): Promise<string> {
  try {
    const { user } = await client.users.info({ user: userId });
    const name = user?.profile?.real_name || user?.real_name || user?.profile?.display_name || user?.name;
    if (name) return name;
  } catch {
    // Falls back to the mention below: the person can still type the name.
  }
  return `<@${userId}>`;
}

/** The message's permalink, asked of Slack; built from the workspace's domain if that fails. */
async function messageLink(client: Client, shortcut: MessageShortcut): Promise<string> {
  try {
    const { permalink } = await client.chat.getPermalink({
      channel: shortcut.channel.id,
      message_ts: shortcut.message_ts,
    });
    if (permalink) return permalink;
  } catch {
    // Built by hand below.
  }
  return `https://${shortcut.team?.domain ?? 'app'}.slack.com/archives/${shortcut.channel.id}/p${shortcut.message_ts.replace('.', '')}`;
}

export function registerSaveContact(app: App, deps: { api: RapportApi; logger: AppLogger }): void {
  app.shortcut<MessageShortcut>(
    { type: 'message_action', callback_id: SAVE_CONTACT },
    async ({ shortcut, ack, client }) => {
      await ack();
      const add = deps.api.formFor('add');
      if (!add) return;
      const author = shortcut.message.user ?? shortcut.message.bot_id;
      try {
        const [name, link] = await Promise.all([
          author && shortcut.message.user ? authorName(client, author) : Promise.resolve(''),
          messageLink(client, shortcut),
        ]);
        await client.views.open({
          trigger_id: shortcut.trigger_id,
          view: commandModal(add, {}, { name, note: `From Slack: ${link}` }),
        });
      } catch (error) {
        deps.logger.error(
          { err: safeError(error), surface: 'shortcut', team: shortcut.team?.id, user: shortcut.user.id },
          'A Slack request failed',
        );
      }
    },
  );
}
