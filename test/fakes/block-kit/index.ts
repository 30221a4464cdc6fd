// A strict Block Kit validator for the fake Slack: it refuses what Slack refuses, with Slack's error
// codes and its "message [json-pointer:/path]" problem lines. Limits and their sources: limits.ts.

export type { Surface } from "./elements.ts";
export { LIMITS } from "./limits.ts";
export { blockErrors, checkMessage, checkView, refusalBody, type SlackRefusal } from "./surfaces.ts";
