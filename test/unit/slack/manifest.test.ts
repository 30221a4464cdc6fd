import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMMANDS, EVENTS, SHORTCUTS } from "../../../src/slack/ids.ts";

const manifest = parse(readFileSync(new URL("../../../manifest.yml", import.meta.url), "utf8"));

describe("manifest.yml and the code agree", () => {
  it("on every slash command", () => {
    const declared = manifest.features.slash_commands.map((command: { command: string }) => command.command).sort();
    expect(declared).toEqual(Object.values(COMMANDS).sort());
  });

  it("on every shortcut callback id", () => {
    const declared = manifest.features.shortcuts.map((shortcut: { callback_id: string }) => shortcut.callback_id).sort();
    expect(declared).toEqual(Object.values(SHORTCUTS).sort());
  });

  it("on every event subscription", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(Object.values(EVENTS).sort());
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it("enables interactivity (modals and shortcuts need it) and the scopes the app calls", () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(["commands", "chat:write", "files:write", "im:write", "channels:read", "groups:read"]));
    // The outbox reads back its own tagged posts before posting again after a lost answer.
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(["channels:history", "groups:history", "im:history"]));
  });

  it("points every HTTP request URL at Bolt's /slack/events endpoint", () => {
    const urls = [manifest.settings.interactivity.request_url, manifest.settings.event_subscriptions.request_url, ...manifest.features.slash_commands.map((command: { url: string }) => command.url)];
    for (const url of urls) expect(url).toMatch(/\/slack\/events$/);
  });
});

describe("manifest.org.yml (Enterprise Grid) and manifest.yml", () => {
  const org = parse(readFileSync(new URL("../../../manifest.org.yml", import.meta.url), "utf8"));
  const names = (list: { command?: string; callback_id?: string }[] | undefined) => (list ?? []).map((item) => item.command ?? item.callback_id).sort();

  it("turns org deployment on, which an app installed on an Enterprise organization needs to receive events", () => {
    expect(org.settings.org_deploy_enabled).toBe(true);
    expect(manifest.settings.org_deploy_enabled).toBe(false);
  });

  it("declare the same commands, shortcuts, scopes and events", () => {
    expect(names(org.features.slash_commands)).toEqual(names(manifest.features.slash_commands));
    expect(names(org.features.shortcuts)).toEqual(names(manifest.features.shortcuts));
    expect([...org.oauth_config.scopes.bot].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect([...org.settings.event_subscriptions.bot_events].sort()).toEqual([...manifest.settings.event_subscriptions.bot_events].sort());
  });

  it("differ in nothing else", () => {
    const withoutOrgDeploy = (value: { settings: Record<string, unknown> }) => ({ ...value, settings: { ...value.settings, org_deploy_enabled: undefined } });
    expect(withoutOrgDeploy(org)).toEqual(withoutOrgDeploy(manifest));
  });
});
