import { describe, expect, it } from 'vitest';
import type { DeliveryIdentity } from '../../../../src/bot/worker/outboxPort.js';
import { pickRoute } from '../../../../src/bot/worker/recipient.js';
import type { Platform } from '../../../../src/core/domain.js';
import type { Notifier } from '../../../../src/core/notifier.js';
import { FakeNotifier } from '../../../support/fakeNotifier.js';

const identity = (
  platform: Platform,
  updatedAt: string,
  dmChannelId: string | null = null,
  seenLast = false,
): DeliveryIdentity => ({
  seenLast,
  id: `${platform}-identity`,
  orgId: 'org',
  personId: 'person',
  platform,
  spaceId: `${platform}-space`,
  spaceExternalId: platform === 'slack' ? 'T1' : '111',
  externalUserId: platform === 'slack' ? 'U1' : '222',
  dmChannelId,
  updatedAt: new Date(updatedAt),
});

const notifiers = (...platforms: Platform[]) =>
  new Map<Platform, Notifier>(platforms.map((p) => [p, new FakeNotifier(p)]));

describe('choosing where a nudge goes', () => {
  it('when neither platform is known as the one used last, then the identity updated last wins', () => {
    const route = pickRoute(
      [identity('slack', '2026-11-01T00:00:00Z'), identity('discord', '2026-11-20T00:00:00Z')],
      notifiers('slack', 'discord'),
    );
    expect(route).toMatchObject({ ok: true, recipient: { platform: 'discord', externalUserId: '222' } });
  });

  it('when the person used one platform last, then it wins over an identity updated more recently', () => {
    const route = pickRoute(
      [
        identity('slack', '2026-11-01T00:00:00Z', null, true),
        identity('discord', '2026-11-20T00:00:00Z', 'D9'),
      ],
      notifiers('slack', 'discord'),
    );
    expect(route).toMatchObject({ ok: true, recipient: { platform: 'slack', externalUserId: 'U1' } });
  });

  it('when only one platform has a notifier, then that one is used', () => {
    const route = pickRoute(
      [identity('slack', '2026-11-01T00:00:00Z', 'D1'), identity('discord', '2026-11-20T00:00:00Z')],
      notifiers('slack'),
    );
    expect(route).toMatchObject({
      ok: true,
      channel: 'D1',
      recipient: { platform: 'slack', dmChannelId: 'D1' },
    });
  });

  it('when no notifier serves the person, then the missing platforms are named', () => {
    expect(pickRoute([identity('slack', '2026-11-01T00:00:00Z')], notifiers('discord'))).toEqual({
      ok: false,
      missing: ['slack'],
    });
  });

  it('when the DM channel is not known yet, then the user stands for the channel', () => {
    const route = pickRoute([identity('slack', '2026-11-01T00:00:00Z')], notifiers('slack'));
    expect(route).toMatchObject({ ok: true, channel: 'user:T1:U1' });
  });
});
