import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../../../src/bot/slack/slackInstall.js';
import { SAVE_CONTACT } from '../../../../src/bot/slack/slackShortcut.js';

const manifest = JSON.parse(
  readFileSync(new URL('../../../../slack/manifest.json', import.meta.url), 'utf8'),
);

describe('the Slack app manifest', () => {
  it('when Slack reads it, then /rapport is one escaped slash command sent to /slack/events', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({
        command: '/rapport',
        url: 'https://YOUR-HOST/slack/events',
        should_escape: true,
      }),
    ]);
  });

  it('when interactivity and events are enabled, then they use the same request URL', () => {
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://YOUR-HOST/slack/events',
    });
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: 'https://YOUR-HOST/slack/events',
      bot_events: ['app_home_opened', 'app_uninstalled', 'message.im', 'tokens_revoked', 'user_change'],
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('when the bot is installed, then it asks only for the scopes its Web API calls need', () => {
    // commands: /rapport; chat:write: postMessage and update; im:write: conversations.open;
    // users:read: users.info (time zone); files:write: the upload API; channels:read and
    // groups:read: conversations.info on a digest channel (public or private); im:history:
    // conversations.history, to find a nudge that landed before the worker could record it.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'channels:read',
      'chat:write',
      'commands',
      'files:write',
      'groups:read',
      'im:history',
      'im:write',
      'users:read',
    ]);
  });

  it('when a student opens the app, then the Home tab and the messages tab are there', () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it('when a student types in the Messages tab, then Slack lets them (it is not read-only) and sends the message', () => {
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('message.im');
  });

  it('when a workspace uninstalls, revokes the token or deactivates someone, then Rapport is told', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_uninstalled', 'tokens_revoked', 'user_change']),
    );
  });

  it('when a student opens a message menu, then Save as contact is a message shortcut with the callback id Rapport listens for', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: SAVE_CONTACT, name: 'Save as contact' }),
    ]);
  });

  it('when a workspace installs through Add to Slack, then it is asked for the scopes the manifest lists', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://YOUR-HOST/slack/oauth_redirect']);
  });
});
