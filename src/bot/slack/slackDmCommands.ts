/**
 * Commands typed to the bot in its Messages tab (`message.im`): the same text as `/rapport`,
 * without the slash, answered in the same DM. Only a person's own new messages count: the bot's
 * own posts (its nudges), edits (`message_changed`), deletions and every other subtype are not
 * commands. Slack re-delivers an event it thinks went unanswered; its event id, kept in
 * `processed_requests` like a command's trigger id, makes a retry a no-op.
 */
import type { App } from '@slack/bolt';
import { BUSY_SENTENCE } from '../workQueue.js';
import { deliveryKeys } from './deliveryLog.js';
import { decodeSlackEntities } from './mrkdwn.js';
import type { ListenerDeps } from './slackListeners.js';
import { safeError } from './slackLogger.js';
import { renderReply } from './slackRenderer.js';
import { APOLOGY } from './slackReplies.js';

/** The fields of a DM event this listener reads. */
interface DmMessage {
  channel_type?: string;
  channel?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
}

export function registerDmCommands(app: App, deps: ListenerDeps): void {
  const { api, firstDelivery, people, replies, logger } = deps;

  app.event('message', async ({ event, body, client, context }) => {
    const message = event as DmMessage;
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id !== undefined)
      return;
    const userId = message.user;
    const channel = message.channel;
    if (!userId || !channel || userId === context.botUserId) return;
    const teamId = context.teamId ?? body.team_id;
    const post = (reply: Parameters<typeof renderReply>[0]) =>
      client.chat.postMessage({ channel, ...renderReply(reply), unfurl_links: false, unfurl_media: false });

    const taken = deps.offer(`slack:${teamId}:${userId}`, JSON.stringify(body).length, async () => {
      // Slack escapes &, < and > in what people type; core reads what they typed.
      const text = decodeSlackEntities(message.text ?? '').trim();
      try {
        if (!(await firstDelivery(deliveryKeys.dm(teamId, userId, body.event_id)))) {
          logger.info(
            { surface: 'dm', retryNum: context.retryNum },
            'Skipped a delivery that was already applied',
          );
          return;
        }
        const actor = await people.actor(client, { teamId, userId });
        const reply = await api.runText(actor, text === '' ? 'help' : text);
        if (reply.accountDeleted) people.forget(teamId, userId);
        await post(reply);
        await replies.sendFiles(client, teamId, userId, reply);
      } catch (error) {
        logger.error(
          { err: safeError(error), surface: 'dm', team: teamId, user: userId },
          'A Slack request failed',
        );
        await post(APOLOGY).catch(() => {});
      }
    });
    if (!taken) {
      await post({ blocks: [{ type: 'text', lines: [[BUSY_SENTENCE]] }] }).catch(() => {});
    }
  });
}
