/**
 * The Add to Slack install on the shared HTTP server: `GET /slack/install` (a page with the
 * button; it sets the state cookie) and `GET /slack/oauth_redirect` (Slack sends the installer
 * back here with a code). `@slack/oauth`'s InstallProvider runs both: it checks the state against
 * the browser's cookie and our one-use state store, swaps the code with `oauth.v2.access` and
 * hands the installation to our store. Anything that goes wrong is one log line and a short page;
 * nothing is stored unless the whole exchange succeeded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CodedError, InstallProvider } from '@slack/oauth';
import type { SlackOAuthConfig } from '../../configSlackOAuth.js';
import type { Db } from '../../db/engine.js';
import { slackInstallationRepository } from '../../db/repos/slackInstallationRepository.js';
import { SecretBox } from '../../db/secretBox.js';
import type { RouteHandler } from '../http/httpServer.js';
import { DatabaseInstallationStore, DatabaseStateStore } from './installationStore.js';
import { type AppLogger, slackLogger } from './slackLogger.js';
import { InstalledTokens } from './slackTokens.js';

/** The bot scopes an install asks for; slack/manifest.json lists the same. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'im:history',
  'users:read',
  'files:write',
  'channels:read',
  'groups:read',
] as const;

/** How long one `oauth.v2.access` (or `auth.test`) call may take before the install is refused. */
const OAUTH_TIMEOUT_MS = 10_000;

export interface SlackInstallOptions {
  oauth: SlackOAuthConfig;
  db: Db;
  /** The zone of an organization an install creates. */
  timezone: string;
  logger: AppLogger;
}

export interface SlackInstall {
  tokens: InstalledTokens;
  store: DatabaseInstallationStore;
  /** Adds the two routes to the shared server. */
  mount(route: (method: string, path: string, handler: RouteHandler) => void): void;
}

function page(res: ServerResponse, status: number, title: string, sentence: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${sentence}</p></body></html>`,
  );
}

export function createSlackInstall(options: SlackInstallOptions): SlackInstall {
  const { oauth, logger } = options;
  const repo = slackInstallationRepository(options.db);
  const store = new DatabaseInstallationStore({
    repo,
    box: new SecretBox(oauth.encryptionKeys),
    timezone: options.timezone,
  });
  const provider = new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateStore: new DatabaseStateStore(repo, oauth.stateSecret),
    installationStore: store,
    installUrlOptions: { scopes: [...BOT_SCOPES] },
    // Its own error lines repeat what the failure callback below logs (once, without the request).
    logger: { ...slackLogger(logger, 'slack-oauth'), error: () => {} },
    clientOptions: {
      ...(oauth.apiUrl ? { slackApiUrl: oauth.apiUrl } : {}),
      retryConfig: { retries: 0 },
      timeout: OAUTH_TIMEOUT_MS,
    },
  });
  const tokens = new InstalledTokens({ provider, store, repo });

  const install = async (req: IncomingMessage, res: ServerResponse) => {
    await provider.handleInstallPath(req, res);
  };

  const callback = async (req: IncomingMessage, res: ServerResponse) => {
    await provider.handleCallback(req, res, {
      success: (installation) => {
        tokens.forget();
        logger.info(
          {
            team: installation.team?.id,
            enterprise: installation.enterprise?.id,
            orgWide: installation.isEnterpriseInstall === true,
          },
          'Slack install completed',
        );
        page(res, 200, 'Rapport is installed', 'You can close this page and type /rapport help in Slack.');
      },
      failure: (error: CodedError) => {
        const slackError = (error as { data?: { error?: string } }).data?.error;
        logger.warn({ code: error.code, slackError }, 'Slack install refused');
        const cancelled = /cancelled/i.test(error.message);
        page(
          res,
          cancelled ? 200 : 400,
          cancelled ? 'Install cancelled' : 'Install not completed',
          cancelled
            ? 'Nothing was installed. You can start again from the install page.'
            : 'Slack could not complete the install. Please start again from the install page.',
        );
      },
    });
  };

  return {
    tokens,
    store,
    mount(route) {
      route('GET', '/slack/install', install);
      route('GET', '/slack/oauth_redirect', callback);
    },
  };
}

/** The token lookup the Notifier and the channel lookups take. */
export const tokensOf =
  (install: SlackInstall) =>
  (teamId: string): Promise<string> =>
    install.tokens.tokenFor(teamId);
