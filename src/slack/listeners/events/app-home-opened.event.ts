import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { errorSummary } from "../../../lib/errors.ts";
import { homeView } from "../../blocks/case-list.ts";
import { EVENTS } from "../../ids.ts";

/** Publishes the App Home tab for whoever opens it. */
export function registerAppHome(app: App, deps: SlackDeps): void {
  app.event(EVENTS.appHomeOpened, async ({ event, client }) => {
    // Slack always names the user; anything else is not an App Home opening to answer.
    if (event.tab !== "home" || typeof event.user !== "string" || !/^[UW][A-Z0-9]{2,}$/.test(event.user)) return;
    try {
      // Managers also see the team at a glance; if it cannot be read, the rest of the tab still is.
      const [data, team] = await Promise.all([
        deps.workQueue.home(event.user),
        deps.teamReports.forHome(event.user).catch((error: unknown) => {
          deps.logger.warn({ user: event.user, error: errorSummary(error) }, "could not read the team at a glance");
          return null;
        }),
      ]);
      await client.views.publish({ user_id: event.user, view: homeView(data, deps.clock.now(), { timeZone: deps.timeZone, workspaceUrl: deps.workspace.url, team }) });
    } catch (error) {
      deps.logger.error({ user: event.user, error: errorSummary(error) }, "could not publish App Home");
    }
  });
}
