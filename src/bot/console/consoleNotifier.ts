/**
 * Nudges in the console: the worker inside `npm start` hands due nudges to this Notifier, which
 * prints them into the running chat session, buttons numbered as for any reply. While no session
 * listens (before it starts, after it ends) sends wait and are tried again. People the console
 * user named (`cohort add 1 @ana`) have no session: a message for one of them is not printed as
 * the user's own; one line says it would have gone to them.
 */
import type { Notifier, Recipient, SendOutcome } from '../../core/notifier.js';
import { type Reply, user } from '../../core/reply.js';
import { CONSOLE_IDENTITY } from './consoleAdapter.js';

/** Where printed nudges go: the console session registers itself while it runs. */
export class ConsoleInbox {
  private listener: ((reply: Reply) => void) | undefined;

  /** The session's printer; returns a function that stops listening. */
  listen(listener: (reply: Reply) => void): () => void {
    this.listener = listener;
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }

  /** Prints a message; false when no session listens. */
  deliver(reply: Reply): boolean {
    if (!this.listener) return false;
    this.listener(reply);
    return true;
  }
}

/** How long a nudge waits when no session listens. */
const NO_SESSION_RETRY_MS = 60_000;

/** The one line shown instead of a message for someone else: its title and whom it was for. */
function forSomeoneElse(to: Recipient, message: Reply): Reply {
  const header = message.blocks.find((b) => b.type === 'header');
  const what = header?.type === 'header' ? header.text : 'A message';
  return {
    blocks: [
      {
        type: 'context',
        lines: [
          [
            `${what}: sent to `,
            user(to.externalUserId.replace(/^@/, '')),
            ' (in Slack or Discord it would reach them as a direct message).',
          ],
        ],
      },
    ],
  };
}

export function consoleNotifier(
  inbox: ConsoleInbox,
  localUserId: string = CONSOLE_IDENTITY.externalUserId,
): Notifier {
  return {
    platform: 'console',
    async send(to: Recipient, message: Reply, idempotencyKey: string): Promise<SendOutcome> {
      const shown = to.externalUserId === localUserId ? message : forSomeoneElse(to, message);
      if (!inbox.deliver(shown)) return { status: 'rate_limited', retryAfterMs: NO_SESSION_RETRY_MS };
      return { status: 'sent', messageId: `console:${idempotencyKey}` };
    },
  };
}
