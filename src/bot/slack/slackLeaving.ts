/**
 * Slack telling us someone left: `app_uninstalled` and `tokens_revoked` (the bot's token) mark
 * the workspace's install gone and hold every send to it at once; `user_change` with `deleted`
 * marks the person deactivated and cancels their pending nudges (and clears the mark if the
 * account comes back). Slack skips authorization for the first two (the token is already gone),
 * so an event for a workspace we never installed in is checked here: one log line, nothing
 * written. Each is idempotent, so a retried delivery changes nothing.
 */
import type { App } from '@slack/bolt';
import type { LeavingRepository } from '../../db/repos/leavingRepository.js';
import { installKeyOf } from './installationStore.js';
import { type AppLogger, safeError } from './slackLogger.js';

export interface LeavingDeps {
  leaving: Pick<LeavingRepository, 'leave' | 'deactivate' | 'reactivate'>;
  logger: AppLogger;
  now: () => Date;
  /** Drops cached tokens (the Add to Slack install's); absent with SLACK_BOT_TOKEN. */
  forgetTokens?: () => void;
  /** Whether to act on uninstalls and revocations: only the Add to Slack install has installs. */
  installs: boolean;
}

/** The fields of an Events API envelope that name its workspace. */
interface Envelope {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
}

export function registerLeavingListeners(app: App, deps: LeavingDeps): void {
  const { leaving, logger } = deps;

  const leave = async (body: Envelope, why: 'app_uninstalled' | 'tokens_revoked') => {
    const key = installKeyOf({
      teamId: body.team_id,
      enterpriseId: body.enterprise_id,
      isEnterpriseInstall: body.is_enterprise_install === true,
    });
    const ids = { team: body.team_id, enterprise: body.enterprise_id, event: why };
    try {
      const result = key ? await leaving.leave(key, deps.now()) : 'unknown';
      deps.forgetTokens?.();
      if (result === 'unknown')
        logger.warn(ids, 'Ignored a Slack event for a workspace without an installation');
      else if (result === 'left') logger.info(ids, 'Slack workspace left: its sends are held');
    } catch (error) {
      logger.error({ err: safeError(error), ...ids }, 'A Slack request failed');
    }
  };

  if (deps.installs) {
    app.event('app_uninstalled', async ({ body }) => {
      await leave(body as Envelope, 'app_uninstalled');
    });
    app.event('tokens_revoked', async ({ event, body }) => {
      // Only the bot's token matters: Rapport keeps no user tokens.
      if ((event.tokens.bot ?? []).length === 0) return;
      await leave(body as Envelope, 'tokens_revoked');
    });
  }

  app.event('user_change', async ({ event, body, context }) => {
    const user = event.user as { id: string; team_id?: string; deleted?: boolean; is_bot?: boolean };
    if (user.is_bot) return;
    const teamId = user.team_id ?? context.teamId ?? (body as Envelope).team_id ?? '';
    try {
      if (user.deleted === true) {
        const known = await leaving.deactivate('slack', teamId, user.id, deps.now());
        if (known) logger.info({ team: teamId }, 'A Slack account was deactivated: its nudges are cancelled');
      } else {
        await leaving.reactivate('slack', teamId, user.id);
      }
    } catch (error) {
      logger.error({ err: safeError(error), surface: 'user_change', team: teamId }, 'A Slack request failed');
    }
  });
}
