import { describe, expect, it } from 'vitest';
import { sendWithTimeout } from '../../../../src/bot/worker/send.js';
import type { Recipient } from '../../../../src/core/notifier.js';
import { FakeNotifier } from '../../../support/fakeNotifier.js';

const to: Recipient = {
  personId: 'p',
  platform: 'slack',
  spaceExternalId: 'T1',
  externalUserId: 'U1',
  dmChannelId: null,
};
const message = { blocks: [] };

describe('one bounded send', () => {
  it('when the notifier answers, then its outcome is returned', async () => {
    const notifier = new FakeNotifier('slack').script({ status: 'permanent', error: 'cannot_dm_bot' });
    expect(await sendWithTimeout(notifier, to, message, 'k', 1000)).toEqual({
      outcome: { status: 'permanent', error: 'cannot_dm_bot' },
      late: null,
    });
  });

  it('when the notifier throws, then that is a transient failure', async () => {
    const notifier = new FakeNotifier('slack').script(() => {
      throw new Error('ECONNRESET');
    });
    expect((await sendWithTimeout(notifier, to, message, 'k', 1000)).outcome).toEqual({
      status: 'transient',
      error: 'notifier threw: ECONNRESET',
    });
  });

  it('when the notifier does not answer in time, then it is transient and the late answer is handed back', async () => {
    let answer!: () => void;
    const notifier = new FakeNotifier('slack').script(
      () =>
        new Promise((resolve) => {
          answer = () => resolve({ status: 'sent', messageId: 'm1' });
        }),
    );

    const { outcome, late } = await sendWithTimeout(notifier, to, message, 'k', 20);
    answer();

    expect(outcome).toEqual({ status: 'transient', error: 'no answer within 20 ms' });
    expect(await late).toEqual({ status: 'sent', messageId: 'm1' });
  });
});
