/**
 * The weekly digest as a step of the worker's pass. For every organization whose digest time has
 * come (weekday and time in its own zone, Monday 09:00 by default), the step claims the week by
 * inserting its `digest_log` row (unique per organization and week: of several workers, exactly
 * one wins), computes the figures for the week ending at the digest time, and delivers it: to the
 * digest channel when one is set and its platform's Notifier can post there, else to each
 * coordinator by DM, with the chart and, when the organization turned it on, the per-student CSV
 * in the same message. What went out, to whom, with which students' data (the CSV's included), is
 * recorded on the row. Each advisor then gets the digest of their own cohorts (advisorDigests.ts).
 */
import { checkDigestChannel } from '../../core/digest/digestChannel.js';
import { digestFactsSince } from '../../core/digest/digestFigures.js';
import { digestMessage } from '../../core/digest/digestMessage.js';
import type { ChartRenderer } from '../../core/digest/digestPorts.js';
import { type DigestSlot, digestWeeks, dueSlot } from '../../core/digest/digestSchedule.js';
import { channelRecipient, dmRecipient } from '../../core/digest/statsText.js';
import type { ChannelTarget } from '../../core/notifier.js';
import type { Reply } from '../../core/reply.js';
import {
  claimDigestSlot,
  coordinatorIdentities,
  type DigestClaim,
  type DigestOrganization,
  listDigestOrganizations,
  markDigestSent,
  rememberDigestDmChannel,
} from '../../db/repos/digestSlots.js';
import { holdGoneSpace } from '../worker/heldSends.js';
import type { PassContext, PassStep } from '../worker/pass.js';
import { recipientOf } from '../worker/recipient.js';
import { advisorDigestsOf } from './advisorDigests.js';
import { resvgChartRenderer } from './chartPng.js';
import { bounded, type DigestOutcome, describe, pickRoutes, settle } from './digestSends.js';

export type { DigestOutcome } from './digestSends.js';

export interface DigestStepOptions {
  /** Renders the funnel chart; none means a digest without the image. */
  chart?: ChartRenderer | null;
  /** How long a claim holds before another worker may take it over (default 10 minutes). */
  leaseMs?: number;
  /** When a digest that could not be delivered is tried again (default 5 minutes, database clock). */
  retryMs?: number;
  /** Delivery attempts of one week's digest before it is given up (default 8). */
  maxAttempts?: number;
}

const DEFAULTS = { leaseMs: 10 * 60_000, retryMs: 5 * 60_000, maxAttempts: 8 };

export function createDigestStep(options: DigestStepOptions = {}): PassStep {
  const settings = {
    ...DEFAULTS,
    ...options,
    chart: options.chart === undefined ? resvgChartRenderer : options.chart,
  };
  return {
    name: 'digest',
    async run(ctx) {
      const now = ctx.clock.now();
      for (const org of await listDigestOrganizations(ctx.db)) {
        if (ctx.signal?.aborted) return;
        try {
          await digestOf(ctx, org, now, settings);
        } catch (error) {
          // Everything about one organization (its schedule, its claim) fails alone: a malformed
          // row must not cost every organization after it its digest.
          ctx.logger.error({ err: error, orgId: org.orgId }, 'Weekly digest of an organization failed');
        }
      }
    },
  };
}

/** One organization's turn: due or not, claimed or not, delivered, settled. */
async function digestOf(
  ctx: PassContext,
  org: DigestOrganization,
  now: Date,
  settings: typeof DEFAULTS & { chart: ChartRenderer | null },
): Promise<void> {
  if (!org.settings.enabled) return;
  const slot = dueSlot(now, {
    weekday: org.settings.weekday,
    minuteOfDay: org.settings.minuteOfDay,
    timezone: org.timezone,
  });
  if (!slot) return;
  await coordinatorDigestOf(ctx, org, slot, settings);
  // Each advisor's week is claimed apart: the coordinators' digest sent or not, theirs go out once.
  await advisorDigestsOf(ctx, org, slot, settings);
}

/** The whole organization's digest, to the digest channel or each coordinator. */
async function coordinatorDigestOf(
  ctx: PassContext,
  org: DigestOrganization,
  slot: DigestSlot,
  settings: typeof DEFAULTS & { chart: ChartRenderer | null },
): Promise<void> {
  const claim = await claimDigestSlot(ctx.db, org.orgId, slot.key, settings.leaseMs);
  if (!claim) return;
  let outcome: DigestOutcome;
  try {
    outcome = await deliver(ctx, org, slot, claim, settings.chart);
  } catch (error) {
    ctx.logger.error({ err: error, orgId: org.orgId, slot: slot.key }, 'Weekly digest failed');
    outcome = { status: 'retry', error: error instanceof Error ? error.message : String(error) };
  }
  await settle(ctx, claim, outcome, settings);
}

/** The step as the worker runs it: charts rendered with resvg. */
export const digestStep: PassStep = createDigestStep();

async function deliver(
  ctx: PassContext,
  org: DigestOrganization,
  slot: DigestSlot,
  claim: DigestClaim,
  chart: ChartRenderer | null,
): Promise<DigestOutcome> {
  // One transaction, so the figures come from one consistent view of the organization.
  const since = digestFactsSince(slot.at, org.timezone);
  const [facts, outcomes] = await ctx.store.transaction((repos) =>
    Promise.all([
      repos.digest.facts(org.orgId, since, slot.at),
      repos.outcomes.counts(org.orgId, digestWeeks(slot.at, org.timezone).current.from),
    ]),
  );
  const digest = digestMessage(facts, slot.at, org.timezone, org.name, {
    chart: chart ?? undefined,
    csv: org.settings.attachCsv,
    outcomes,
  });
  const message: Reply = { ...digest.reply, visibility: 'public' };
  const key = `digest:${org.orgId}:${slot.key}`;
  const record = async (recipient: string): Promise<DigestOutcome> => {
    const marked = await markDigestSent(ctx.db, claim, {
      recipient,
      studentIds: digest.studentIds,
      sentAt: ctx.clock.now(),
    });
    // Sent, but another worker took the claim over meanwhile (our lease ran out): it is theirs to record.
    if (!marked)
      ctx.logger.warn(
        { orgId: org.orgId, slot: slot.key },
        'Weekly digest sent after its claim was taken over',
      );
    return { status: 'sent', recipient };
  };

  const { platform, channelId } = org.settings;
  const notifier = platform ? ctx.notifiers.get(platform) : undefined;
  let channelNote: string | null = null;
  if (platform && channelId && notifier?.postToChannel) {
    // Checked again at every delivery: the setting may predate the check, or the channel may have
    // left the organization's spaces since (a space that left, a Slack channel no longer shared).
    const spaces = await ctx.store.direct((repos) => repos.organizations.spaces(org.orgId));
    const spaceExternalIds = spaces.filter((s) => s.platform === platform).map((s) => s.externalId);
    const target: ChannelTarget = { platform, channelId, spaceExternalIds };
    const verdict = await checkDigestChannel(ctx.channels, target, spaces);
    if (verdict.ok) {
      const outcome = await bounded(ctx, () => notifier.postToChannel!(target, message, key));
      if (outcome.status === 'sent') return record(channelRecipient(target));
      if (outcome.status === 'space_gone' && spaceExternalIds[0])
        await holdGoneSpace(ctx, platform, spaceExternalIds[0], outcome.error);
      if (outcome.status !== 'permanent') return { status: 'retry', error: describe(outcome) };
      ctx.logger.warn(
        { orgId: org.orgId, error: outcome.error },
        'Digest channel refused the post; sending to coordinators by DM',
      );
      channelNote =
        'I could not post in the digest channel (is Rapport invited there?), so here it is by DM.';
    } else {
      ctx.logger.warn(
        { orgId: org.orgId, platform, reason: verdict.reason, detail: verdict.detail },
        "Digest channel is not shown to be the organization's own; sending to coordinators by DM",
      );
      channelNote = CHANNEL_NOTES[verdict.reason];
    }
  } else if (platform && channelId) {
    channelNote = `No ${platform} connection can post in the digest channel right now, so here it is by DM.`;
  }
  return deliverByDm(ctx, org, key, withNote(message, channelNote), record);
}

/** What coordinators read above a digest that could not go to its channel, by why. */
const CHANNEL_NOTES = {
  elsewhere:
    "The digest channel is not in one of your organization's workspaces or servers, so here it is by DM; choose another with digest channel.",
  unchecked: 'I could not check the digest channel just now, so here it is by DM.',
} as const;

async function deliverByDm(
  ctx: PassContext,
  org: DigestOrganization,
  key: string,
  message: Reply,
  record: (recipient: string) => Promise<DigestOutcome>,
): Promise<DigestOutcome> {
  const routes = pickRoutes(await coordinatorIdentities(ctx.db, org.orgId), ctx.notifiers);
  if (routes.length === 0)
    return { status: 'retry', error: 'no coordinator reachable on a connected platform' };
  const delivered: string[] = [];
  const errors: string[] = [];
  let retryable = false;
  for (const { identity, notifier } of routes) {
    const outcome = await bounded(ctx, () =>
      notifier.send(recipientOf(identity), message, `${key}:${identity.personId}`),
    );
    if (outcome.status === 'sent') {
      delivered.push(identity.personId);
      if (outcome.dmChannelId && outcome.dmChannelId !== identity.dmChannelId) {
        await rememberDigestDmChannel(ctx.db, identity.identityId, outcome.dmChannelId);
      }
      continue;
    }
    errors.push(describe(outcome));
    if (outcome.status === 'space_gone')
      await holdGoneSpace(ctx, identity.platform, identity.spaceExternalId, outcome.error);
    if (outcome.status !== 'permanent') retryable = true;
  }
  // A coordinator whose DM failed misses this week's digest once the others got it: sending it
  // again to everyone would duplicate it for them.
  if (delivered.length > 0) return record(dmRecipient(delivered));
  const error = errors.join('; ');
  return retryable ? { status: 'retry', error } : { status: 'abandoned', error };
}

function withNote(message: Reply, note: string | null): Reply {
  if (!note) return message;
  return { ...message, blocks: [{ type: 'context', lines: [[note]] }, ...message.blocks] };
}
