import type { FakeSlack, RecordedCall } from "../fakes/fake-slack.ts";

/** Refusals that mean the app built a payload Slack does not take: never expected in a test that did not provoke them. */
const BLOCK_KIT_REFUSALS = new Set(["invalid_blocks", "invalid_blocks_format", "invalid_arguments", "msg_too_long", "no_text", "msg_blocks_too_long", "view_too_large"]);

/** Tracks which of the fake Slack's refusals a test provoked on purpose, and fails on the rest. */
export function refusalWatch(slack: FakeSlack) {
  const accepted = new Set<RecordedCall>();
  return {
    /** Marks the refusals so far as provoked on purpose. */
    accept(): RecordedCall[] {
      const refused = slack.refusals().filter((call) => !accepted.has(call));
      for (const call of refused) accepted.add(call);
      return refused;
    },
    /** Throws when Slack refused a message or view the app built (a Block Kit bug). */
    assertNone(): void {
      const unexpected = slack.refusals().filter((call) => !accepted.has(call) && BLOCK_KIT_REFUSALS.has(call.error ?? ""));
      if (unexpected.length > 0) {
        throw new Error(`Slack refused what the app built: ${unexpected.map((call) => `${call.method} ${call.error} ${JSON.stringify(call.errors ?? [])}`).join("; ")}`);
      }
    },
  };
}
