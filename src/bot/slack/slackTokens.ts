/**
 * Where a Slack bot token comes from. Single-workspace mode has one (SLACK_BOT_TOKEN); the Add to
 * Slack install has one per workspace (or per enterprise), read from the database through the
 * InstallProvider (which refreshes a rotating token before it expires) and kept in memory for a
 * short while, so Bolt's `authorize` does not read and unseal a row for every request.
 */
import type { AuthorizeResult, InstallProvider } from '@slack/oauth';
import type { SlackInstallationRepository } from '../../db/repos/slackInstallationRepository.js';
import type { DatabaseInstallationStore } from './installationStore.js';

/** A request's source as Bolt hands it to `authorize`. */
export interface AuthorizeSource {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/** How long an authorization is reused: long enough to spare the database, short enough to notice an uninstall elsewhere. */
export const AUTHORIZE_CACHE_MS = 60_000;

export interface InstalledTokensOptions {
  provider: InstallProvider;
  store: DatabaseInstallationStore;
  repo: SlackInstallationRepository;
  ttlMs?: number;
  now?: () => number;
}

export class InstalledTokens {
  private readonly cache = new Map<string, { at: number; result: Promise<AuthorizeResult> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: InstalledTokensOptions) {
    this.ttlMs = options.ttlMs ?? AUTHORIZE_CACHE_MS;
    this.now = options.now ?? Date.now;
  }

  /** Bolt's `authorize`: the token of the workspace (or enterprise) a request came from. */
  authorize = (source: AuthorizeSource): Promise<AuthorizeResult> => {
    // The team is part of the key even for an org-wide install: each workspace is attached once.
    const key = `${source.enterpriseId ?? ''}:${source.teamId ?? ''}:${source.isEnterpriseInstall === true}`;
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.result;
    const result = this.load(source);
    this.cache.set(key, { at: this.now(), result });
    // A failure is not remembered: the next request asks again (an install may just have landed).
    result.catch(() => this.cache.delete(key));
    return result;
  };

  private async load(source: AuthorizeSource): Promise<AuthorizeResult> {
    const query = {
      teamId: source.teamId,
      enterpriseId: source.enterpriseId,
      isEnterpriseInstall: source.isEnterpriseInstall === true,
    };
    // The store's own lookup first: it says whether the install is org-wide, so a workspace of
    // the enterprise met for the first time joins the enterprise's organization.
    const found = await this.options.store.fetchWithOrg(query as never);
    if (found.orgWide && found.orgId && source.teamId) {
      await this.options.repo.attachWorkspace(found.orgId, source.teamId);
    }
    return this.options.provider.authorize(query as never);
  }

  /** The bot token for sending to a workspace (the worker's and the Notifier's way in). */
  async tokenFor(teamId: string): Promise<string> {
    // A workspace of an org-wide install has no install of its own: its enterprise's serves it.
    const enterpriseId = await this.options.repo.enterpriseOfWorkspace(teamId);
    const result = await this.authorize(
      enterpriseId ? { teamId, enterpriseId, isEnterpriseInstall: true } : { teamId },
    );
    if (!result.botToken) throw new Error(`no bot token for team ${teamId}`);
    return result.botToken;
  }

  /** Forgets what is cached for a workspace or enterprise (after an uninstall or a revocation). */
  forget(): void {
    this.cache.clear();
  }
}
