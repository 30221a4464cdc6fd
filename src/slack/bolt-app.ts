import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import { retryPolicies } from "@slack/web-api";
import type { Env } from "../config/env.ts";
import type { Logger } from "../lib/logger.ts";
import { boltLogger } from "./bolt-logger.ts";
import { guardHttpReceiver } from "./request-guard.ts";
import { guardSocketReceiver } from "./socket-guard.ts";

/**
 * Builds the Bolt app: Socket Mode with SLACK_APP_TOKEN, else HTTP on /slack/events with
 * `healthRoute` answering GET /healthz, /readyz and /metrics. Both receivers are guarded before Bolt sees a
 * request (request-guard.ts, socket-guard.ts).
 */
export function createBoltApp(
  env: Env,
  logger: Logger,
  healthRoute: (req: IncomingMessage, res: ServerResponse) => void,
): { app: App; receiver: HTTPReceiver | SocketModeReceiver } {
  const common = {
    token: env.SLACK_BOT_TOKEN,
    // Bolt would otherwise call auth.test from its constructor, where a rejected token becomes an
    // unhandled rejection; start() checks the token first and then initializes.
    deferInitialization: true,
    // Bolt, both receivers, the Socket Mode client and every Web API client Bolt makes log through
    // this adapter: each argument redacted (bodies, quoted text, query strings), debug dropped.
    logger: boltLogger(logger),
    clientOptions: {
      ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
      // Listener calls must fail within minutes, not the client's default half hour; the outbox
      // posts through its own client (src/slack/outbox-client.ts), which never retries by itself.
      retryConfig: retryPolicies.fiveRetriesInFiveMinutes,
      timeout: env.SLACK_TIMEOUT_SECONDS * 1000,
    },
  };
  if (env.SLACK_APP_TOKEN) {
    // Built here, not by Bolt, so start() can follow its client's connection for /healthz. The
    // client opens its socket with apps.connections.open on these client options (SLACK_API_URL).
    const receiver = new SocketModeReceiver({ appToken: env.SLACK_APP_TOKEN, logger: common.logger, installerOptions: { clientOptions: { ...common.clientOptions } } });
    guardSocketReceiver(receiver, logger);
    return { app: new App({ ...common, receiver }), receiver };
  }
  const receiver = new HTTPReceiver({
    signingSecret: env.SLACK_SIGNING_SECRET ?? "",
    logger: common.logger,
    customRoutes: ["/healthz", "/readyz", "/metrics"].map((path) => ({
      path,
      method: ["GET"],
      handler: healthRoute,
    })),
  });
  // Signatures are checked both ways in time and bodies shaped before Bolt sees them (src/slack/request-guard.ts).
  guardHttpReceiver(receiver, { signingSecret: env.SLACK_SIGNING_SECRET ?? "", logger });
  return { app: new App({ ...common, receiver }), receiver };
}
