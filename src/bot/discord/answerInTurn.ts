/**
 * How a command or a button is answered after Discord's 3-second rule: the work is offered to
 * the bounded work queue first, so a full queue is answered "busy" in place of the deferral (and
 * the work never runs); otherwise the interaction is deferred at once and the work runs in its
 * turn, after the same person's earlier interactions; its slot is given up once the answer is
 * ready, before the edit that delivers it. If it is still not done after `slowAfterMs`
 * (waiting in the queue is waiting) the person is told so, and the message is edited again when it
 * finishes; a failure becomes a short apology.
 */
import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import type { Logger } from '../logger.js';
import type { WorkQueue } from '../workQueue.js';
import { settle, type Wait } from './deadline.js';
import { plainMessage, type RenderedMessage } from './discordRenderer.js';
import { editOptions, replyOptions } from './interactionReplies.js';
import { DISCORD_SENTENCES } from './sentences.js';

export interface TurnOptions {
  queue: WorkQueue;
  logger: Logger;
  wait: Wait;
  slowAfterMs: number;
}

export interface Turn {
  interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;
  /** The deferral, sent once the work is taken. */
  defer: () => Promise<unknown>;
  /** The size of what the person sent, for the queue's byte bound. */
  bytes: number;
  /** The answer, or null when `work` already answered in its own way. */
  work: () => Promise<RenderedMessage | null>;
  /** Context for log lines (never what was typed). */
  what: Record<string, unknown>;
}

/** A resolver and the promise it settles. */
function signal<T>(): { promise: Promise<T>; settle: (value: T) => void } {
  let settleWith!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    settleWith = resolve;
  });
  return { promise, settle: settleWith };
}

/** Resolves once the interaction has been answered busy, or its work has had its turn. */
export function answerInTurn(options: TurnOptions, turn: Turn): Promise<void> {
  const { queue, logger, wait, slowAfterMs } = options;
  const { interaction, what } = turn;
  const deferred = signal<boolean>();
  const done = signal<void>();
  let answered = false;
  let notice: Promise<void> | undefined;
  const slowClock = new AbortController();

  const answer = async (release: () => void) => {
    const outcome = await settle(turn.work());
    // What is left is the edit, a round trip to Discord: the next command may have the slot.
    release();
    answered = true;
    slowClock.abort();
    // A notice already sent must land before the answer that replaces it.
    await notice;
    if (!outcome.ok) {
      logger.error({ ...what, err: outcome.error }, 'Discord interaction failed');
      await interaction.editReply(editOptions(plainMessage(DISCORD_SENTENCES.apology)));
      return;
    }
    if (outcome.value) await interaction.editReply(editOptions(outcome.value));
  };

  const taken = queue.offer(`discord:${interaction.user.id}`, turn.bytes, async (release) => {
    try {
      if (await deferred.promise) await answer(release);
    } catch (err) {
      // Usually Discord refusing the edit (an expired token, a 5xx): nothing left to tell the person.
      logger.error({ err, interaction: interaction.id }, 'Could not answer a Discord interaction');
    } finally {
      done.settle();
    }
  });
  if (!taken) return interaction.reply(replyOptions(plainMessage(DISCORD_SENTENCES.busy))).then(() => {});

  return (async () => {
    try {
      await turn.defer();
      deferred.settle(true);
    } catch (error) {
      deferred.settle(false);
      throw error;
    }
    // The slow clock starts at the deferral: waiting in the queue is waiting.
    wait(slowAfterMs, slowClock.signal).then(
      () => {
        // One callback runs at a time: either the answer is under way (then no notice follows
        // it), or `notice` is set before the answer awaits it.
        if (answered) return;
        logger.warn(what, 'Discord interaction is slow; told the person to wait');
        notice = interaction.editReply(editOptions(plainMessage(DISCORD_SENTENCES.slow))).then(
          () => undefined,
          (err: unknown) => logger.error({ ...what, err }, 'Could not tell the person to wait'),
        );
      },
      // Aborted: the answer came first.
      () => undefined,
    );
    try {
      await done.promise;
    } finally {
      slowClock.abort();
    }
  })();
}
