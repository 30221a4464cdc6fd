import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, ACTIONS, VIEWS } from "../../src/slack/ids.ts";
import { blockActionPayload, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { waitFor } from "../support/case-flow.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// An admin edits one guidance card and one community resource from Slack, through signed requests
// and a Slack that refuses what Slack refuses: bad YAML is refused with the exact problem beside
// the field, good YAML is saved as a new version, audited and used at once; others are refused.

const ADMIN = "U0ADMIN001";
const COORDINATOR = "U0COORDENT";
const FIELD = ACTION_FIELDS.entryText;

type View = { callback_id: string; private_metadata?: string; blocks: { block_id?: string; element?: { initial_value?: string }; elements?: { action_id?: string; value?: string }[] }[] };

describe("editing one guidance card or community resource from Slack", () => {
  let app: TestApp;
  const prisma = () => app.running.deps.db.prisma;
  const replies = () => app.slack.calls.filter((call) => call.method.startsWith("response_url")).map((call) => JSON.stringify(call.body));
  const versions = (kind: "guidance" | "resources") => prisma().settingsDocument.count({ where: { kind } });

  beforeAll(async () => {
    app = await startTestApp("pglite");
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", ADMIN);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Runs the command and returns the form it opened. */
  async function openForm(text: string, userId = ADMIN): Promise<View> {
    const mark = app.slack.callsTo("views.open").length;
    await app.slash(text, { userId });
    return waitFor(async () => {
      const call = app.slack.callsTo("views.open").slice(mark).find((candidate) => (candidate.body.view as View).callback_id === VIEWS.editSettingsEntry && !candidate.failed);
      return call ? (call.body.view as View) : null;
    });
  }
  const yamlIn = (form: View) => form.blocks.find((block) => block.block_id === FIELD)!.element!.initial_value!;
  const submit = (form: View, text: string, userId = ADMIN) =>
    app.interact(
      viewSubmissionPayload({
        viewId: `V0ENT${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
        callbackId: form.callback_id,
        privateMetadata: form.private_metadata ?? "",
        userId,
        values: { [FIELD]: { [FIELD]: { type: "plain_text_input", value: text } } },
      }),
    );
  const fieldError = (response: { json: unknown }) => (response.json as { response_action?: string; errors?: Record<string, string> }).errors?.[FIELD];

  it("refuses a card with a mistake, naming it beside the field, then saves the corrected card and /case guide shows it", { timeout: 30_000 }, async () => {
    const form = await openForm("admin guidance edit medicare-abn");
    const yaml = yamlIn(form);
    expect(yaml).toMatch(/^id: medicare-abn\ntitle: /);
    const before = await versions("guidance");

    // A topic that does not exist: refused, the exact problem shown, nothing saved.
    const typo = await submit(form, yaml.replace(/^when:\n(?: {2}.*\n)+/m, "when:\n  topics: [biling]\n"));
    expect(typo.json).toMatchObject({ response_action: "errors" });
    expect(fieldError(typo)).toBe(
      'Not saved; what is in force is unchanged. when[0].topics[0]: "biling" is not a known topic; use one of: discharge, billing, observation, interpreter, medicaid, insurance',
    );
    // Broken YAML: located by line and column within the form.
    const broken = await submit(form, yaml.replace(/^title: (.*)$/m, "title: $1\n  oops: [x]"));
    expect(fieldError(broken)).toMatch(/^Not saved; what is in force is unchanged\. line 2, column \d+: this is not valid YAML \(/);
    // An id another card uses.
    const clash = await submit(form, yaml.replace("id: medicare-abn", "id: medicare-observation-moon"));
    expect(fieldError(clash)).toMatch(/id: "medicare-observation-moon" is already used by another card \("/);
    expect(await versions("guidance")).toBe(before);

    // Corrected: saved as a new version, audited, and in force at once.
    const good = yaml.replace(/^title: .*$/m, 'title: "ABN: the notice before non-covered care (edited)"').replace(/^body:\n/m, 'body:\n  - "Edited in Slack: check the ABN was signed before the service."\n');
    const saved = await submit(form, good);
    expect(saved.status).toBe(200);
    expect(saved.text).toBe("");
    expect(await versions("guidance")).toBe(before + 1);
    const audit = await prisma().adminEvent.findFirstOrThrow({ where: { type: "guidance_changed", actorId: ADMIN }, orderBy: { id: "desc" } });
    expect(audit.data).toMatchObject({ entry: "medicare-abn", change: "edited", source: "slack" });
    await app.slash("guide medicare-abn", { userId: COORDINATOR });
    await expect.poll(() => replies().some((body) => body.includes("ABN: the notice before non-covered care (edited)") && body.includes("Edited in Slack: check the ABN was signed"))).toBe(true);

    // The same form sent again is out of date: the card changed after it was opened.
    const stale = await submit(form, good.replace("(edited)", "(again)"));
    expect(fieldError(stale)).toContain('card: "medicare-abn" was changed by someone else after this form was opened; nothing was saved.');
    expect(await versions("guidance")).toBe(before + 1);
  });

  it("edits and adds a community resource, refusing a bad phone and a duplicate id, and removes one after confirming", { timeout: 30_000 }, async () => {
    const form = await openForm("admin resources edit example-ride-home");
    const yaml = yamlIn(form);
    expect(yaml).toContain("name: EXAMPLE – Riverbend Volunteer Ride Line");

    const badPhone = await submit(form, yaml.replace(/^phone: .*$/m, 'phone: "call us"'));
    expect(fieldError(badPhone)).toBe(
      'Not saved; what is in force is unchanged. phone: is not a phone number; write digits with spaces, dashes or brackets, e.g. "(555) 010-0199" or "211", optionally followed by "ext. 12"',
    );
    expect((await submit(form, yaml.replace(/^phone: .*$/m, 'phone: "(555) 010-0777"'))).text).toBe("");
    const rides = (await app.running.deps.caseHelp.directory()).find((resource) => resource.id === "example-ride-home");
    expect(rides?.phone).toBe("(555) 010-0777");
    const edited = await prisma().adminEvent.findFirstOrThrow({ where: { type: "resources_changed", actorId: ADMIN }, orderBy: { id: "desc" } });
    expect(edited.data).toMatchObject({ entry: "example-ride-home", change: "edited" });

    // A new entry: its id must be new.
    const adding = await openForm("admin resources add");
    const entry = 'id: county-food-bank\nname: County Food Bank\nhelps_with: [food]\nphone: "211"\n';
    expect(fieldError(await submit(adding, entry.replace("county-food-bank", "example-ride-home")))).toContain('id: "example-ride-home" is already used by another entry ("EXAMPLE – Riverbend Volunteer Ride Line")');
    expect((await submit(adding, entry)).text).toBe("");
    expect((await app.running.deps.caseHelp.directory()).map((resource) => resource.id)).toContain("county-food-bank");

    // Removing asks Slack's confirmation first; the button removes it and says so.
    await app.slash("admin resources remove county-food-bank", { userId: ADMIN });
    const question = await waitFor(async () => replies().find((body) => body.includes(ACTIONS.removeSettingsEntry)) ?? null);
    expect(question).toContain('"confirm":');
    const button = JSON.stringify({ f: "resources", id: "county-food-bank" });
    expect(question).toContain(JSON.stringify(button).slice(1, -1));
    await app.interact(blockActionPayload({ actionId: ACTIONS.removeSettingsEntry, value: button, userId: ADMIN }));
    await expect.poll(async () => (await app.running.deps.caseHelp.directory()).some((resource) => resource.id === "county-food-bank")).toBe(false);
    const removed = await prisma().adminEvent.findFirstOrThrow({ where: { type: "resources_changed", actorId: ADMIN }, orderBy: { id: "desc" } });
    expect(removed.data).toMatchObject({ entry: "county-food-bank", change: "removed" });
  });

  it("refuses a coordinator, audits it, and changes nothing", { timeout: 30_000 }, async () => {
    const denied = () => prisma().adminEvent.count({ where: { type: "permission_denied", actorId: COORDINATOR } });
    const opens = app.slack.callsTo("views.open").length;
    await app.slash("admin guidance edit medicare-abn", { userId: COORDINATOR });
    await expect.poll(() => replies().some((body) => body.includes("Nothing was changed") && body.includes("admin"))).toBe(true);
    expect(app.slack.callsTo("views.open").length).toBe(opens);
    expect(await denied()).toBe(1);

    // A form obtained some other way is refused on submission too.
    const before = await versions("guidance");
    const form = await openForm("admin guidance edit de-escalation");
    const refused = await submit(form, yamlIn(form).replace(/^title: .*$/m, "title: Taken over"), COORDINATOR);
    expect(refused.json).toMatchObject({ response_action: "errors" });
    expect(fieldError(refused)).toContain("Nothing was changed");
    expect(await versions("guidance")).toBe(before);
    expect(await denied()).toBe(2);
    await app.interact(blockActionPayload({ actionId: ACTIONS.removeSettingsEntry, value: JSON.stringify({ f: "guidance", id: "de-escalation" }), userId: COORDINATOR }));
    await expect.poll(denied).toBe(3);
    expect(await versions("guidance")).toBe(before);
  });
});
