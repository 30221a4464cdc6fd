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
      const data = await deps.workQueue.home(event.user);
      await client.views.publish({ user_id: event.user, view: homeView(data, deps.clock.now(), { timeZone: deps.timeZone, workspaceUrl: deps.workspace.url }) });
    } catch (error) {
      deps.logger.error({ user: event.user, error: errorSummary(error) }, "could not publish App Home");
    }
  });
}
