import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../../../src/bot/slack/slackInstall.js';

const manifest = JSON.parse(
  readFileSync(new URL('../../../../slack/manifest.json', import.meta.url), 'utf8'),
) as {
  oauth_config: { scopes: { bot: string[] }; redirect_urls?: string[] };
  settings: { org_deploy_enabled: boolean };
};

describe('the Add to Slack install and the manifest', () => {
  it("when the install page asks for scopes, then they are exactly the manifest's bot scopes", () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('when the manifest is pasted, then it names the OAuth redirect and allows org-wide installs', () => {
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://YOUR-HOST/slack/oauth_redirect']);
    expect(manifest.settings.org_deploy_enabled).toBe(true);
  });
});
