/**
 * What Rapport does with each kind of Slack request: `/rapport`, button clicks, modal
 * submissions and App Home. Each listener acks at once (Slack gives three seconds), skips a
 * delivery it has already applied, asks core, and shows core's reply where the person is.
 */
import type { App, BlockAction, ButtonAction, ViewOutput } from '@slack/bolt';
import type { RapportApi } from '../../core/api.js';
import type { Actor } from '../../core/command.js';
import { ACTION_IDS, type ActionId, type Reply } from '../../core/reply.js';
import { BUSY_SENTENCE } from '../workQueue.js';
import { deliveryKeys, type FirstDelivery } from './deliveryLog.js';
import { decodeSlackEntities } from './mrkdwn.js';
import { registerDmCommands } from './slackDmCommands.js';
import { type AppLogger, safeError } from './slackLogger.js';
import type { SlackPeople } from './slackPeople.js';
import { parseActionId, renderReply } from './slackRenderer.js';
import { APOLOGY, type SlackReplies } from './slackReplies.js';
import { commandModal, formCallbackId, formOptions, homeView } from './slackViews.js';

export interface ListenerDeps {
  api: RapportApi;
  firstDelivery: FirstDelivery;
  people: SlackPeople;
  replies: SlackReplies;
  logger: AppLogger;
  /**
   * Hands work over to run after the ack, after the same person's earlier work, within the
   * adapter's bounds, and returns at once whether it was taken (see WorkQueue.offer): a listener
   * that awaited its work would keep Bolt's whole request alive while the work waits its turn.
   * `stop()` still waits for it. Work that only has its answer left to post calls `release`
   * (WorkQueue.offer): the next command may start meanwhile.
   */
  offer(person: string, bytes: number, work: (release: () => void) => Promise<void>): boolean;
}

/** Whose work it is: one person's commands, clicks and submissions run one at a time, in order. */
const personKey = (teamId: string, userId: string) => `slack:${teamId}:${userId}`;

/**
 * Offers `work` for the person, then acks: plainly when it was taken (the work starts only once
 * the ack has gone out), with `busy()` when the queue is full (the work never runs).
 */
async function offerThenAck(
  deps: ListenerDeps,
  person: string,
  body: unknown,
  acks: { ok: () => Promise<void>; busy: () => Promise<void> },
  work: (release: () => void) => Promise<void>,
): Promise<boolean> {
  let acked!: (ok: boolean) => void;
  const gate = new Promise<boolean>((resolve) => {
    acked = resolve;
  });
  const taken = deps.offer(person, JSON.stringify(body).length, async (release) => {
    if (await gate) await work(release);
  });
  try {
    await (taken ? acks.ok() : acks.busy());
    acked(taken);
  } catch (error) {
    acked(false);
    throw error;
  }
  return taken;
}

const ACTION_PATTERN = new RegExp(`^(${ACTION_IDS.join('|')})(:\\d+)?$`);
const NOT_OUR_ACTION = new RegExp(`^(?!(${ACTION_IDS.join('|')})(:\\d+)?$)`);
const isActionId = (id: string): id is ActionId => (ACTION_IDS as readonly string[]).includes(id);

/** The name of the command a text starts with, when it is one of ours: safe to log, unlike the text. */
function commandName(api: RapportApi, text: string): string | undefined {
  const words = text.trim().toLowerCase().split(/\s+/);
  const two = words.slice(0, 2).join(' ');
  return api.commands.find((command) => command.name === two || command.name === words[0])?.name;
}

/** A modal's submission: either the field errors to show, or what to run once it is accepted. */
type Submission = { errors: Record<string, string> } | { run: (actor: Actor) => Promise<Reply> };

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { api, firstDelivery, people, replies, logger } = deps;

  const fail = (surface: string, error: unknown, context: Record<string, unknown>) =>
    logger.error({ err: safeError(error), surface, ...context }, 'A Slack request failed');

  const skipped = (surface: string, retryNum: number | undefined) =>
    logger.info({ surface, retryNum }, 'Skipped a delivery that was already applied');

  const busyReply = { response_type: 'ephemeral', text: BUSY_SENTENCE } as const;

  app.command('/rapport', async ({ command, ack, respond, client, context }) => {
    const acks = { ok: () => ack(), busy: () => ack(busyReply) };
    await offerThenAck(deps, personKey(command.team_id, command.user_id), command, acks, async (release) => {
      // Slack escapes &, < and > in what people type; core reads what they typed.
      const text = decodeSlackEntities(command.text ?? '').trim();
      try {
        if (
          !(await firstDelivery(deliveryKeys.command(command.team_id, command.user_id, command.trigger_id)))
        ) {
          skipped('command', context.retryNum);
          return;
        }
        const actor = await people.actor(client, {
          teamId: command.team_id,
          teamDomain: command.team_domain,
          userId: command.user_id,
          userName: command.user_name,
        });
        const form = api.formFor(text);
        if (form) {
          await client.views.open({ trigger_id: command.trigger_id, view: commandModal(form) });
          return;
        }
        const reply = await api.runText(actor, text === '' ? 'help' : text);
        if (reply.accountDeleted) people.forget(command.team_id, command.user_id);
        // What is left is posting the answer, a round trip to Slack: the next command may start.
        release();
        await respond({
          response_type: reply.visibility === 'public' ? 'in_channel' : 'ephemeral',
          ...renderReply(reply),
        });
        await replies.sendFiles(client, command.team_id, command.user_id, reply);
      } catch (error) {
        fail('command', error, {
          team: command.team_id,
          user: command.user_id,
          command: commandName(api, text),
        });
        await respond({ response_type: 'ephemeral', ...renderReply(APOLOGY) }).catch(() => {});
      }
    });
  });

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: ACTION_PATTERN },
    async ({ ack, body, action, respond, client, context }) => {
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const userId = body.user.id;
      // A click's ack shows nothing, so a busy one is told through the response_url.
      const acks = {
        ok: () => ack(),
        busy: async () => {
          await ack();
          if (body.response_url) await respond({ ...busyReply, replace_original: false });
        },
      };
      await offerThenAck(deps, personKey(teamId, userId), body, acks, async () => {
        const actionId = parseActionId(action.action_id);
        if (!isActionId(actionId)) return;
        try {
          if (!(await firstDelivery(deliveryKeys.action(teamId, userId, action.action_ts)))) {
            skipped('action', context.retryNum);
            return;
          }
          const form = api.formForAction(actionId, action.value ?? '');
          if (form) {
            await client.views.open({
              trigger_id: body.trigger_id,
              view: commandModal(form.command, form.prefill),
            });
            return;
          }
          const actor = await people.actor(client, {
            teamId,
            teamDomain: body.team?.domain,
            userId,
            userName: body.user.username ?? body.user.name,
          });
          const reply = await api.runAction(actor, actionId, action.value ?? '');
          if (reply.accountDeleted) people.forget(teamId, userId);
          await replies.replaceClicked(client, body, actor, actionId, reply, respond);
          await replies.sendFiles(client, teamId, userId, reply);
        } catch (error) {
          fail('action', error, { team: teamId, user: userId, action: actionId });
          if (body.response_url) {
            await respond({
              response_type: 'ephemeral',
              replace_original: false,
              ...renderReply(APOLOGY),
            }).catch(() => {});
          }
        }
      });
    },
  );

  // Buttons this version no longer knows (an old message): acknowledged and ignored, rather than
  // left for Slack to time out and show the person an error.
  app.action({ type: 'block_actions', action_id: NOT_OUR_ACTION }, async ({ ack }) => {
    await ack();
  });

  /** Checked before the ack (so Slack can show field errors), applied after it, answered by DM. */
  const onSubmit = (callbackId: string, surface: string, read: (view: ViewOutput) => Submission) => {
    app.view(callbackId, async ({ ack, body, view, client }) => {
      const submission = read(view);
      if ('errors' in submission) {
        await ack({ response_action: 'errors', errors: submission.errors });
        return;
      }
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const userId = body.user.id;
      // Busy: the modal stays open with the sentence under its first field, to submit again later.
      const firstBlock = Object.keys(view.state.values)[0];
      const acks = {
        ok: () => ack(),
        busy: () =>
          firstBlock ? ack({ response_action: 'errors', errors: { [firstBlock]: BUSY_SENTENCE } }) : ack(),
      };
      await offerThenAck(deps, personKey(teamId, userId), body, acks, async () => {
        try {
          if (!(await firstDelivery(deliveryKeys.view(teamId, userId, view.id)))) {
            skipped(surface, undefined);
            return;
          }
          const actor = await people.actor(client, {
            teamId,
            teamDomain: body.team?.domain,
            userId,
            userName: body.user.name,
          });
          await replies.direct(client, teamId, userId, await submission.run(actor));
        } catch (error) {
          fail(surface, error, { team: teamId, user: userId });
          await replies.direct(client, teamId, userId, APOLOGY).catch(() => {});
        }
      });
    });
  };

  for (const command of api.commands.filter((c) => c.form)) {
    onSubmit(formCallbackId(command.name), 'form', (view) => {
      const read = formOptions(command, view);
      if ('errors' in read) return read;
      return { run: (actor) => api.runOptions(actor, command.name, read.options) };
    });
  }

  registerDmCommands(app, deps);

  app.event('app_home_opened', async ({ event, body, client, context }) => {
    if (event.tab !== 'home') return;
    const teamId = context.teamId ?? body.team_id;
    // Busy: the tab keeps the view it had; the next opening asks again.
    deps.offer(personKey(teamId, event.user), JSON.stringify(body).length, async () => {
      try {
        if (!(await firstDelivery(deliveryKeys.event(body.event_id)))) {
          skipped('app_home', context.retryNum);
          return;
        }
        const actor = await people.actor(client, { teamId, userId: event.user });
        await client.views.publish({ user_id: event.user, view: homeView(await api.home(actor)) });
      } catch (error) {
        fail('app_home', error, { team: teamId, user: event.user });
      }
    });
  });
}
