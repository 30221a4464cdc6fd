import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../lib/logger.ts";

/**
 * Routes Bolt's and the Slack SDKs' log lines into our JSON logger. Their debug lines print whole
 * request and response payloads (patient data, as one string redaction cannot see into), so they
 * are dropped whatever LOG_LEVEL says.
 */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: "bolt" });
  let level = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...message) => child.info(message.map(String).join(" ")),
    warn: (...message) => child.warn(message.map(String).join(" ")),
    error: (...message) => child.error(message.map(String).join(" ")),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
