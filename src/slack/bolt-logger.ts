import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../lib/logger.ts";

/** Routes Bolt's own log lines into our JSON logger (patient-field redaction included). */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: "bolt" });
  let level = LogLevel.INFO;
  return {
    debug: (...message) => child.debug(message.map(String).join(" ")),
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
