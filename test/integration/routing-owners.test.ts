import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, VIEWS } from "../../src/slack/ids.ts";
import { viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { fileCaseThroughSlack } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// Routing rules may only make owners of people who may own cases (coordinator or above). Rules
// naming anyone else are refused with the exact problem when an admin saves them from Slack or
// reloads the file; rules the app finds at start-up are loaded all the same, with a clear warning,
// and routing skips that person, as it skips anyone demoted after the rules were saved.

const ADMIN = "U0ADMIN001";
const COORDINATOR = "U0COORDRT1";
const CLERK = "U0CLERKRT1";
const PROBLEM = `${CLERK} is not a coordinator: grant the role first, or pick another owner`;

const rules = (person: string) => ({
  version: 1,
  teams: [
    { id: "patient-relations", name: "Patient Relations", members: [] },
    { id: "billing", name: "Billing", members: [COORDINATOR, person] },
  ],
  rules: [{ id: "billing-to-clerk", when: { categories: ["billing"] }, route: { team: "billing", strategy: "named", person } }],
  default: { team: "patient-relations", strategy: "fewest_open" },
});

describe.each(DATABASE_KINDS)("routing owners (%s)", (kind) => {
  let app: TestApp;
  let folder: string;
  const prisma = () => app.running.deps.db.prisma;
  const replies = () => app.slack.calls.filter((call) => call.method.startsWith("response_url")).map((call) => JSON.stringify(call.body));

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "routing-owners-"));
    const file = join(folder, "routing-rules.yml");
    await writeFile(file, stringify(rules(CLERK)));
    app = await startTestApp(kind, { env: { ROUTING_RULES_FILE: file } });
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", ADMIN);
  });
  afterAll(async () => {
    await app?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const submitRules = (text: string) =>
    app.interact(
      viewSubmissionPayload({
        viewId: `V0RTOWN${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
        callbackId: VIEWS.editRules,
        userId: ADMIN,
        values: { [ACTION_FIELDS.rulesText]: { [ACTION_FIELDS.rulesText]: { type: "plain_text_input", value: text } } },
      }),
    );

  it("starts with rules that name someone without the role, warns once per place, and routes around them", async () => {
    const warnings = app.logs.map((line) => JSON.parse(line) as { level: number; msg: string; owner?: string; where?: string }).filter((line) => line.level === 40 && line.owner === CLERK);
    expect(warnings.map((line) => line.where)).toEqual(["teams[1].members[1]", "rules[0].route.person"]);
    for (const line of warnings) expect(line.msg).toContain(PROBLEM);

    // The billing rule names the clerk: the case waits for an owner instead of going to them.
    const billing = await fileCaseThroughSlack(app, { category: "billing" });
    expect(billing).toMatchObject({ routingRule: "billing-to-clerk", teamId: "billing", ownerId: null });
    await app.running.deps.outbox.kick();
    await expect.poll(() => app.slack.callsTo("chat.postMessage").some((call) => call.body.thread_ts && String(call.body.text).includes("no owner available yet"))).toBe(true);
  });

  it("refuses the same rules saved from Slack or reloaded from the file, with the exact problem, and keeps the rules in force", async () => {
    const versions = await prisma().routingRuleSet.count();
    const response = await submitRules(stringify(rules(CLERK)));
    expect(response.json).toMatchObject({ response_action: "errors" });
    const message = (response.json as { errors: Record<string, string> }).errors[ACTION_FIELDS.rulesText]!;
    expect(message).toBe(`Not saved; the rules in force are unchanged. teams[1].members[1]: ${PROBLEM} • rules[0].route.person: ${PROBLEM}`);

    await app.slash("admin rules reload", { userId: ADMIN });
    await expect.poll(() => replies().some((text) => text.includes(`rules[0].route.person: ${PROBLEM}`) && text.includes("the rules in force are unchanged"))).toBe(true);
    expect(await prisma().routingRuleSet.count()).toBe(versions);
  });

  it("accepts them once the person is a coordinator, and skips them again once they are not", async () => {
    await app.running.deps.roles.setRole(CLERK, "coordinator", ADMIN);
    expect((await submitRules(stringify(rules(CLERK)))).text).toBe("");
    expect(await fileCaseThroughSlack(app, { category: "billing" })).toMatchObject({ teamId: "billing", ownerId: CLERK });

    await app.running.deps.roles.setRole(CLERK, "staff", ADMIN);
    expect(await fileCaseThroughSlack(app, { category: "billing" })).toMatchObject({ teamId: "billing", ownerId: null });
  });
});
