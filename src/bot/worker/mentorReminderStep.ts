/**
 * Mentors' gentle reminders as a step of the worker's pass: for each mentor, the matched students
 * with no logged meeting for 21 days are gathered into one reminder, queued in the outbox (the
 * nudge step delivers it, inside the mentor's waking hours, paced and never twice) when the
 * mentor has had no unrequested message for a week; the matches it covers are marked reminded in
 * the same transaction. The rules are in src/core/nudges/mentorReminders.ts.
 */
import {
  MENTOR_QUIET_DAYS,
  planMentorReminder,
  UNREQUESTED_MENTOR_KINDS,
} from '../../core/nudges/mentorReminders.js';
import {
  lastMessagesOfKinds,
  type MentorMatchRow,
  mentorMatchStates,
} from '../../db/repos/mentorReminderRows.js';
import type { PassContext, PassStep } from './pass.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export const mentorReminderStep: PassStep = {
  name: 'mentor-reminders',
  async run(ctx: PassContext) {
    const now = ctx.clock.now();
    const byMentor = new Map<string, MentorMatchRow[]>();
    const quietBefore = new Date(now.getTime() - MENTOR_QUIET_DAYS * DAY_MS);
    for (const row of await mentorMatchStates(ctx.db, quietBefore)) {
      byMentor.set(row.mentorId, [...(byMentor.get(row.mentorId) ?? []), row]);
    }
    if (byMentor.size === 0) return;
    const lastMessages = await lastMessagesOfKinds(ctx.db, [...byMentor.keys()], UNREQUESTED_MENTOR_KINDS);
    for (const [mentorId, matches] of byMentor) {
      if (ctx.signal?.aborted) return;
      const plan = planMentorReminder(mentorId, matches, lastMessages.get(mentorId) ?? null, now);
      if (!plan) continue;
      const orgId = matches[0]!.orgId;
      try {
        await ctx.store.transaction(async (repos) => {
          await repos.nudges.enqueue(orgId, [plan.nudge]);
          await repos.cohorts.markReminded(orgId, plan.matchIds, now);
        });
        ctx.logger.info({ orgId, mentorId, students: plan.matchIds.length }, "Queued a mentor's reminder");
      } catch (error) {
        // One mentor's failure costs only their reminder this pass; the next pass plans it again.
        ctx.logger.error({ err: error, orgId, mentorId }, "Could not queue a mentor's reminder");
      }
    }
  },
};
