/**
 * The advisors' weekly digests. At the organization's digest time each advisor gets, by DM, the
 * digest of the cohorts they advise and of nothing else: one message with a section per cohort
 * (its figures, its chart, its CSV when the organization turned CSVs on) and that cohort's
 * outcome counts. Each advisor's week is claimed by its own `digest_log` row (slot
 * `<week>:<advisor id>`, unique per organization), so it goes out exactly once however many
 * workers or passes run, and the row records which students' data it carried, as for the
 * coordinators' digest.
 */
import { scopedTitle, scopeFacts } from '../../core/cohorts/cohortScope.js';
import type { DigestFacts } from '../../core/digest/digestFacts.js';
import { digestFactsSince } from '../../core/digest/digestFigures.js';
import { digestMessage } from '../../core/digest/digestMessage.js';
import type { ChartRenderer } from '../../core/digest/digestPorts.js';
import { type DigestSlot, digestWeeks } from '../../core/digest/digestSchedule.js';
import { dmRecipient } from '../../core/digest/statsText.js';
import type { Block, FileAttachment, Reply } from '../../core/reply.js';
import type { Repos } from '../../core/store.js';
import { type AdvisorCaseload, advisorCaseloads } from '../../db/repos/advisorCaseloads.js';
import {
  claimDigestSlot,
  type DigestClaim,
  type DigestOrganization,
  identitiesOfPersons,
  markDigestSent,
  rememberDigestDmChannel,
} from '../../db/repos/digestSlots.js';
import type { PassContext } from '../worker/pass.js';
import { recipientOf } from '../worker/recipient.js';
import {
  bounded,
  type DigestOutcome,
  type DigestTimings,
  describe,
  pickRoutes,
  settle,
} from './digestSends.js';

/** Each advisor of the organization: their week claimed, their digest built, sent and settled. */
export async function advisorDigestsOf(
  ctx: PassContext,
  org: DigestOrganization,
  slot: DigestSlot,
  settings: DigestTimings & { chart: ChartRenderer | null },
): Promise<void> {
  const caseloads = await advisorCaseloads(ctx.db, org.orgId);
  for (const caseload of caseloads) {
    if (ctx.signal?.aborted) return;
    const claim = await claimDigestSlot(
      ctx.db,
      org.orgId,
      `${slot.key}:${caseload.advisorId}`,
      settings.leaseMs,
      'advisor_digest',
    );
    if (!claim) continue;
    let outcome: DigestOutcome;
    try {
      outcome = await deliverToAdvisor(ctx, org, slot, claim, caseload, settings.chart);
    } catch (error) {
      ctx.logger.error(
        { err: error, orgId: org.orgId, slot: slot.key, advisorId: caseload.advisorId },
        "An advisor's weekly digest failed",
      );
      outcome = { status: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
    await settle(ctx, claim, outcome, settings);
  }
}

/** Files of one cohort's section, renamed so that two sections' charts never share a name. */
function sectionFiles(files: readonly FileAttachment[] | undefined, cohortNumber: number): FileAttachment[] {
  return (files ?? []).map((file) => ({
    ...file,
    filename: file.filename.replace(/(\.[a-z]+)$/i, `-cohort-${cohortNumber}$1`),
  }));
}

/** The advisor's message: a section per cohort, each the digest of that cohort's students. */
export async function advisorDigest(
  repos: Repos,
  facts: DigestFacts,
  org: DigestOrganization,
  slot: DigestSlot,
  caseload: AdvisorCaseload,
  chart: ChartRenderer | null,
): Promise<{ reply: Reply; studentIds: string[] }> {
  const blocks: Block[] = [];
  const files: FileAttachment[] = [];
  const studentIds = new Set<string>();
  const weekStart = digestWeeks(slot.at, org.timezone).current.from;
  for (const cohort of caseload.cohorts) {
    const scope = { label: cohort.name, studentIds: new Set(cohort.memberIds) };
    const outcomes = await repos.outcomes.counts(org.orgId, weekStart, scope.studentIds);
    const section = digestMessage(
      scopeFacts(facts, scope),
      slot.at,
      org.timezone,
      scopedTitle(org.name, scope),
      {
        chart: chart ?? undefined,
        csv: org.settings.attachCsv,
        outcomes,
      },
    );
    if (blocks.length > 0) blocks.push({ type: 'divider' });
    blocks.push(...section.reply.blocks);
    files.push(...sectionFiles(section.reply.files, cohort.number));
    for (const id of section.studentIds) studentIds.add(id);
  }
  const reply: Reply = { blocks, visibility: 'public' };
  if (files.length) reply.files = files;
  return { reply, studentIds: [...studentIds].sort() };
}

async function deliverToAdvisor(
  ctx: PassContext,
  org: DigestOrganization,
  slot: DigestSlot,
  claim: DigestClaim,
  caseload: AdvisorCaseload,
  chart: ChartRenderer | null,
): Promise<DigestOutcome> {
  // One transaction, so every section comes from one consistent view of the organization.
  const { reply, studentIds } = await ctx.store.transaction(async (repos) => {
    const facts = await repos.digest.facts(org.orgId, digestFactsSince(slot.at, org.timezone), slot.at);
    return advisorDigest(repos, facts, org, slot, caseload, chart);
  });
  const routes = pickRoutes(
    await identitiesOfPersons(ctx.db, org.orgId, [caseload.advisorId]),
    ctx.notifiers,
  );
  const route = routes[0];
  if (!route) return { status: 'retry', error: 'the advisor is not reachable on a connected platform' };
  const { identity, notifier } = route;
  const outcome = await bounded(ctx, () =>
    notifier.send(
      recipientOf(identity),
      reply,
      `advisor-digest:${org.orgId}:${slot.key}:${caseload.advisorId}`,
    ),
  );
  if (outcome.status !== 'sent') {
    const error = describe(outcome);
    return outcome.status === 'permanent' ? { status: 'abandoned', error } : { status: 'retry', error };
  }
  if (outcome.dmChannelId && outcome.dmChannelId !== identity.dmChannelId) {
    await rememberDigestDmChannel(ctx.db, identity.identityId, outcome.dmChannelId);
  }
  const recipient = dmRecipient([caseload.advisorId]);
  const marked = await markDigestSent(ctx.db, claim, { recipient, studentIds, sentAt: ctx.clock.now() });
  if (!marked) {
    ctx.logger.warn(
      { orgId: org.orgId, slot: claim.slot },
      "An advisor's weekly digest was sent after its claim was taken over",
    );
  }
  return { status: 'sent', recipient };
}
