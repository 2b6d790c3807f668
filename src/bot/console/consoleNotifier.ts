/**
 * Nudges in the console: the worker inside `npm start` hands due nudges to this Notifier, which
 * prints them into the running chat session, buttons numbered as for any reply. While no session
 * listens (before it starts, after it ends) sends wait and are tried again.
 */
import type { Notifier, Recipient, SendOutcome } from '../../core/notifier.js';
import type { Reply } from '../../core/reply.js';

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

export function consoleNotifier(inbox: ConsoleInbox): Notifier {
  return {
    platform: 'console',
    async send(_to: Recipient, message: Reply, idempotencyKey: string): Promise<SendOutcome> {
      if (!inbox.deliver(message)) return { status: 'rate_limited', retryAfterMs: NO_SESSION_RETRY_MS };
      return { status: 'sent', messageId: `console:${idempotencyKey}` };
    },
  };
}
