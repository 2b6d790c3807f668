/**
 * Where a reply goes once core has answered: a direct message, files into the person's DM (a
 * response_url cannot carry them), or in place of whatever was clicked: the ephemeral message,
 * the DM, the modal, or App Home.
 */
import type { BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { RapportApi } from '../../core/api.js';
import type { Actor } from '../../core/command.js';
import type { ActionId, Reply } from '../../core/reply.js';
import { type DmChannels, uploadFiles } from './slackDirect.js';
import { renderReply } from './slackRenderer.js';
import { homeView, replyModal } from './slackViews.js';

type WebClient = webApi.WebClient;

/** What a person sees when something broke on our side; the details go to the log only. */
export const APOLOGY: Reply = {
  blocks: [
    {
      type: 'text',
      lines: [
        ['Sorry, something went wrong on my side and I could not finish that. Please try again in a moment.'],
      ],
    },
  ],
};

/** Where a clicked button sat, as Slack describes it in `container`. */
interface Container {
  type?: string;
  is_ephemeral?: boolean;
  channel_id?: string;
  message_ts?: string;
}

export class SlackReplies {
  constructor(
    private readonly api: RapportApi,
    private readonly dms: DmChannels,
  ) {}

  async sendFiles(client: WebClient, teamId: string, userId: string, reply: Reply): Promise<void> {
    if (!reply.files || reply.files.length === 0) return;
    const channel = await this.dms.channelFor(client, teamId, userId);
    await uploadFiles(client, channel, reply.files);
  }

  async direct(client: WebClient, teamId: string, userId: string, reply: Reply): Promise<void> {
    const channel = await this.dms.channelFor(client, teamId, userId);
    await client.chat.postMessage({
      channel,
      ...renderReply(reply),
      unfurl_links: false,
      unfurl_media: false,
    });
    await this.sendFiles(client, teamId, userId, reply);
  }

  /** The reply takes the place of what was clicked. */
  async replaceClicked(
    client: WebClient,
    body: BlockAction<ButtonAction>,
    actor: Actor,
    actionId: ActionId,
    reply: Reply,
    respond: RespondFn,
  ): Promise<void> {
    const container = body.container as Container;
    const view = body.view;
    if (container.type === 'view' && view) {
      if (view.type === 'modal') {
        await client.views.update({ view_id: view.id, hash: view.hash, view: replyModal(reply) });
      } else if (actionId === 'contact_show') {
        // App Home cannot show a card in place: the card opens over it.
        await client.views.open({ trigger_id: body.trigger_id, view: replyModal(reply, 'Contact') });
      } else {
        await client.views.publish({ user_id: body.user.id, view: homeView(await this.api.home(actor)) });
      }
      return;
    }
    const message = renderReply(reply);
    if (!container.is_ephemeral && container.channel_id && container.message_ts) {
      // A DM the bot posted (a nudge): edited in place.
      await client.chat.update({ channel: container.channel_id, ts: container.message_ts, ...message });
      return;
    }
    // Ephemeral messages have no ts to edit; their response_url replaces them.
    await respond({ response_type: 'ephemeral', replace_original: true, ...message });
  }
}
