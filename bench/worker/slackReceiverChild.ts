/**
 * The fake Slack of the delivery-rate benchmark, in its own process: the worker under test does
 * not share its event loop (or its share of a busy machine) with the fake it sends to. Started
 * with `fork`; answers `{ type: 'stats' }` with what it received, and exits on `{ type: 'stop' }`.
 */
import { startSlackReceiver } from '../../tests/support/fakeNotifier.js';

export type ReceiverRequest = { type: 'stats' } | { type: 'stop' };
export type ReceiverReply =
  | { type: 'ready'; apiUrl: string }
  | { type: 'stats'; arrivals: number[]; rejected: ('channel' | 'overall' | undefined)[] };

const limits = JSON.parse(process.argv[2] ?? '{}') as { perChannelIntervalMs: number; perSecond: number };
const receiver = await startSlackReceiver({ limits });
const send = (reply: ReceiverReply) => process.send?.(reply);
process.on('message', async (request: ReceiverRequest) => {
  if (request.type === 'stats') {
    send({
      type: 'stats',
      arrivals: receiver.messages.map((m) => m.at),
      rejected: receiver.rejected.map((r) => r.rejectedFor),
    });
  } else {
    await receiver.close();
    process.exit(0);
  }
});
send({ type: 'ready', apiUrl: receiver.apiUrl });
