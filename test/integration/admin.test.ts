import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, VIEWS } from "../../src/slack/ids.ts";
import { viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { fileCaseThroughSlack } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { CASE_CHANNEL, startTestApp, type TestApp } from "../support/test-app.ts";

const ADMIN = "U0ADMIN001";
const COORDINATOR = "U0COORD0C1";
const BILLING_LIAISON = "U0BILLING1";
const BILLING_CHANNEL = "C0BILLING1";

describe.each(DATABASE_KINDS)("administration from Slack (%s)", (kind) => {
  let app: TestApp;
  const prisma = () => app.running.deps.db.prisma;
  const replies = () => app.slack.calls.filter((call) => call.method.startsWith("response_url")).map((call) => JSON.stringify(call.body));

  beforeAll(async () => {
    app = await startTestApp(kind, { slack: { channels: { [BILLING_CHANNEL]: { member: true } } } });
  });
  afterAll(async () => {
    await app?.close();
  });

  function submitRules(text: string, userId = ADMIN) {
    return app.interact(
      viewSubmissionPayload({
        viewId: `V0RULES${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
        callbackId: VIEWS.editRules,
        userId,
        values: { [ACTION_FIELDS.rulesText]: { [ACTION_FIELDS.rulesText]: { type: "plain_text_input", value: text } } },
      }),
    );
  }

  it("lets an admin grant a role by mention, and records who did it", async () => {
    await app.slash(`admin grant <@${COORDINATOR}|casey> coordinator`, { userId: ADMIN });
    await expect.poll(() => replies().some((text) => text.includes(`<@${COORDINATOR}> is now coordinator (was staff)`))).toBe(true);
    expect(await app.running.deps.roles.roleOf(COORDINATOR)).toBe("coordinator");
    const audit = await prisma().adminEvent.findFirstOrThrow({ where: { type: "role_changed" } });
    expect(audit).toMatchObject({ actorId: ADMIN, data: { userId: COORDINATOR, from: "staff", to: "coordinator" } });
  });

  it("refuses a coordinator an admin command, audits it, and changes nothing", async () => {
    await app.slash(`admin grant <@${COORDINATOR}> admin`, { userId: COORDINATOR });
    await expect.poll(() => replies().some((text) => text.includes("Only admins can change roles"))).toBe(true);
    expect(await app.running.deps.roles.roleOf(COORDINATOR)).toBe("coordinator");
    expect(await prisma().adminEvent.count({ where: { type: "permission_denied", actorId: COORDINATOR } })).toBe(1);
  });

  it("shows the rules in force with an Edit button", async () => {
    await app.slash("admin rules", { userId: ADMIN });
    await expect.poll(() => replies().some((text) => text.includes("Routing rules in force") && text.includes("grievances-to-least-busy"))).toBe(true);
  });

  it("keeps the old rules when edited rules are invalid, and says exactly what is wrong", async () => {
    const versions = await prisma().routingRuleSet.count();
    const response = await submitRules("version: 1\nteams: []\nrules:\n  - id: x\n    when: {}\n    route: {team: nowhere, stratgy: named}\ndefault: {team: nowhere, strategy: round_robin}\n");
    expect(response.json).toMatchObject({ response_action: "errors" });
    const message = (response.json as { errors: Record<string, string> }).errors[ACTION_FIELDS.rulesText]!;
    expect(message).toMatch(/^Not saved; the rules in force are unchanged\./);
    expect(message).toContain("nowhere");
    expect(await prisma().routingRuleSet.count()).toBe(versions);
  });

  it("applies valid edited rules to the next case", async () => {
    // Routing rules may only name owners who may own cases (routing-owners.test.ts).
    await app.running.deps.roles.setRole(BILLING_LIAISON, "coordinator", ADMIN);
    const ruleSet = {
      version: 1,
      teams: [{ id: "patient-relations", name: "Patient Relations", members: [] }, { id: "billing", name: "Billing", members: [BILLING_LIAISON] }],
      rules: [{ id: "billing-to-liaison", when: { categories: ["billing"] }, route: { team: "billing", strategy: "named", person: BILLING_LIAISON } }],
      default: { team: "patient-relations", strategy: "fewest_open" },
    };
    const response = await submitRules(stringify(ruleSet));
    expect(response.text).toBe("");
    const filed = await fileCaseThroughSlack(app, { category: "billing" });
    expect(filed).toMatchObject({ routingRule: "billing-to-liaison", teamId: "billing", ownerId: BILLING_LIAISON });
    expect(await prisma().adminEvent.count({ where: { type: "routing_rules_changed", actorId: ADMIN } })).toBe(1);
  });

  it("posts a case's card in its team's channel, or in the case channel when the bot is not in that one", async () => {
    const ruleSet = {
      version: 1,
      teams: [
        { id: "patient-relations", name: "Patient Relations", members: [] },
        { id: "billing", name: "Billing", channel: BILLING_CHANNEL, members: [BILLING_LIAISON] },
      ],
      rules: [{ id: "billing-to-liaison", when: { categories: ["billing"] }, route: { team: "billing", strategy: "named", person: BILLING_LIAISON } }],
      default: { team: "patient-relations", strategy: "fewest_open" },
    };
    expect((await submitRules(stringify(ruleSet))).text).toBe("");
    const cardIn = (caseNumber: string) =>
      app.slack.callsTo("chat.postMessage").find((call) => !call.failed && !call.body.thread_ts && JSON.stringify(call.body).includes(caseNumber))?.body.channel;

    const billing = await fileCaseThroughSlack(app, { category: "billing" });
    await expect.poll(() => cardIn(billing.number)).toBe(BILLING_CHANNEL);
    // Its thread lines follow the card.
    await expect
      .poll(() => app.slack.callsTo("chat.postMessage").some((call) => call.body.thread_ts && call.body.channel === BILLING_CHANNEL))
      .toBe(true);
    const other = await fileCaseThroughSlack(app, { category: "communication" });
    await expect.poll(() => cardIn(other.number)).toBe(CASE_CHANNEL);

    // The bot is removed from the billing channel: Slack answers not_in_channel there.
    app.slack.channels.get(BILLING_CHANNEL)!.member = false;
    const refused = await fileCaseThroughSlack(app, { category: "billing" });
    await expect.poll(() => cardIn(refused.number)).toBe(CASE_CHANNEL);
    await expect.poll(async () => (await prisma().case.findUniqueOrThrow({ where: { id: refused.id } })).cardChannelId).toBe(CASE_CHANNEL);
    expect(app.slack.callsTo("chat.postMessage").some((call) => call.body.channel === BILLING_CHANNEL && call.error === "not_in_channel")).toBe(true);
    app.slack.channels.get(BILLING_CHANNEL)!.member = true;
  });

  it("reloads the rules from the file", async () => {
    await app.slash("admin rules reload", { userId: ADMIN });
    await expect.poll(() => replies().some((text) => text.includes("routing rules from the file"))).toBe(true);
    const filed = await fileCaseThroughSlack(app, { category: "billing" });
    expect(filed.routingRule).toBe("billing-in-turn");
  });
});
