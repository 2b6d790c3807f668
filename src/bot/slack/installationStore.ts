/**
 * What `@slack/oauth`'s InstallProvider keeps: installations in `slack_installations`, sealed
 * whole (tokens included) under RAPPORT_ENCRYPTION_KEY, and OAuth states in `slack_oauth_states`,
 * signed with SLACK_STATE_SECRET and taken once, so a forged state is refused by its signature and
 * a replayed one finds nothing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type Installation,
  type InstallationQuery,
  type InstallationStore,
  type InstallURLOptions,
  InvalidStateError,
  type StateStore,
} from '@slack/oauth';
import type { SlackInstallationRepository } from '../../db/repos/slackInstallationRepository.js';
import type { SecretBox } from '../../db/secretBox.js';

/** How long an Add to Slack page's state stays good: Slack's own installer uses ten minutes. */
export const STATE_LIFETIME_MS = 10 * 60 * 1000;

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** The key of an install: the enterprise for an org-wide one, the workspace otherwise. */
export function installKeyOf(query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string | undefined {
  if (query.isEnterpriseInstall && query.enterpriseId) return `enterprise:${query.enterpriseId}`;
  return query.teamId ? `team:${query.teamId}` : undefined;
}

/** Why no installation answers a query: logged as is (ids only), never a token. */
export class NoInstallation extends Error {
  override readonly name = 'NoInstallation';
  constructor(
    message: string,
    /** True when there was an install and it left (uninstalled, revoked): sends are held, not refused. */
    readonly uninstalled = false,
  ) {
    super(message);
  }
}

export interface InstallationStoreOptions {
  repo: SlackInstallationRepository;
  box: SecretBox;
  /** The zone of an organization an install creates (RAPPORT_TIMEZONE). */
  timezone: string;
}

export class DatabaseInstallationStore implements InstallationStore {
  constructor(private readonly options: InstallationStoreOptions) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(
    installation: Installation<AuthVersion, boolean>,
  ): Promise<void> {
    await this.save(installation);
  }

  /** Stores an install and returns the id of its organization. */
  async save(installation: AnyInstallation): Promise<string> {
    const key = installKeyOf({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall,
    });
    if (!key) throw new NoInstallation('an installation without a team or an enterprise id');
    const { keyId, sealed } = this.options.box.seal(JSON.stringify(installation), key);
    const expiresAt = installation.bot?.expiresAt;
    return this.options.repo.save({
      installKey: key,
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
      name: installation.team?.name ?? installation.enterprise?.name ?? 'Slack',
      timezone: this.options.timezone,
      keyId,
      sealed,
      botExpiresAt: expiresAt ? new Date(expiresAt * 1000) : null,
    });
  }

  /**
   * The workspace's own install first; failing that, its enterprise's org-wide install. An
   * uninstalled one answers nothing, as if it were gone.
   */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    return (await this.fetchWithOrg(query)).installation;
  }

  async fetchWithOrg(
    query: InstallationQuery<boolean>,
  ): Promise<{ installation: AnyInstallation; orgId: string | null; orgWide: boolean }> {
    const keys = [
      installKeyOf(query),
      query.enterpriseId ? `enterprise:${query.enterpriseId}` : undefined,
    ].filter((key): key is string => key !== undefined);
    for (const key of new Set(keys)) {
      const row = await this.options.repo.find(key);
      if (!row) continue;
      if (row.uninstalledAt) throw new NoInstallation(`${key} was uninstalled`, true);
      const installation = JSON.parse(this.options.box.open(row, key)) as AnyInstallation;
      return { installation, orgId: row.orgId, orgWide: row.isEnterpriseInstall };
    }
    throw new NoInstallation(`no installation for ${keys.join(' or ') || 'a request without a team'}`);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = installKeyOf(query);
    if (key) await this.options.repo.markUninstalled(key, new Date());
  }
}

/** States signed with SLACK_STATE_SECRET and kept server-side until their one use. */
export class DatabaseStateStore implements StateStore {
  constructor(
    private readonly repo: SlackInstallationRepository,
    private readonly secret: string,
  ) {}

  private sign(nonce: string): string {
    return createHmac('sha256', this.secret).update(nonce).digest('base64url');
  }

  async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    const nonce = randomBytes(24).toString('base64url');
    await this.repo.saveState(
      nonce,
      installOptions as unknown as Record<string, unknown>,
      new Date(now.getTime() + STATE_LIFETIME_MS),
      now,
    );
    return `${nonce}.${this.sign(nonce)}`;
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const [nonce, signature, ...rest] = state.split('.');
    if (!nonce || !signature || rest.length > 0 || state.length > 200) {
      throw new InvalidStateError('The state is not one this app handed out.');
    }
    const expected = Buffer.from(this.sign(nonce));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new InvalidStateError('The state is not one this app handed out.');
    }
    const options = await this.repo.takeState(nonce, now);
    if (!options) throw new InvalidStateError('The state was already used or has expired.');
    return options as unknown as InstallURLOptions;
  }
}
