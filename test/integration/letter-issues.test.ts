import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, VIEWS } from "../../src/slack/ids.ts";
import { blockActionPayload } from "../fakes/signed-requests.ts";
import { fileCaseThroughSlack, pressButton, submitCaseModal } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { letterFlow, noteValues } from "../support/letter-flow.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// The issues a patient raised, from intake to the approved letter, through signed Slack requests on
// the strict fake Slack, with the template drafter (no model configured).

const COORDINATOR = "U0COORD0I1";
const MANAGER = "U0MANAGER7";
const ADMIN = "U0ADMIN001";
const ISSUES = ["Pain medicine was given hours late", "Triage nurse was rude"];

describe.each(DATABASE_KINDS)("issues answered one by one (%s)", (kind) => {
  let app: TestApp;
  const prisma = () => app.running.deps.db.prisma;

  beforeAll(async () => {
    app = await startTestApp(kind);
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", ADMIN);
    await app.running.deps.roles.setRole(MANAGER, "manager", ADMIN);
  });
  afterAll(async () => {
    await app?.close();
  });

  const { submitLetter, editTo, latest, threadMessages } = letterFlow(() => app);
  const issuesCheckOf = (checks: unknown) => (checks as { id: string; passed: boolean; detail?: string }[]).find((check) => check.id === "issues_answered")!;

  it("records two issues, ties notes to each, answers both, fails when one answer is edited out, and approves once it is back", async () => {
    const filed = await fileCaseThroughSlack(app, { category: "quality", issues: `${ISSUES[0]}\n  ${ISSUES[1]}  \n` });
    const owner = filed.ownerId!;
    expect(owner).toBe(COORDINATOR);
    expect(filed.issues).toEqual([
      { id: "1", text: ISSUES[0] },
      { id: "2", text: ISSUES[1] },
    ]);
    // The card (in the channel) never carries the issues.
    for (const call of app.slack.callsTo("chat.postMessage")) for (const issue of ISSUES) expect(JSON.stringify(call.body)).not.toContain(issue);

    // "Add note" offers the issues privately, in the form.
    await pressButton(app, ACTIONS.addNote, filed.id, owner);
    await expect.poll(() => app.slack.callsTo("views.open").some((call) => JSON.stringify(call.body).includes("Which issue?") && JSON.stringify(call.body).includes(ISSUES[1]!))).toBe(true);
    const notes = [
      noteValues("step", "We reviewed the medication record and spoke with the night pharmacist.", "1"),
      noteValues("result", "We found that the 2 am dose was given at 4:10 am, and the unit has changed how doses are handed over at shift change.", "1"),
      noteValues("step", "We met with the triage nurse and her manager.", "2"),
      noteValues("result", "We found that the nurse spoke curtly; she has been coached on respectful communication.", "2"),
    ];
    for (const values of notes) expect((await submitCaseModal(app, VIEWS.addNote, filed.id, owner, values)).text).toBe("");
    expect((await prisma().caseNote.findMany({ where: { caseId: filed.id }, orderBy: { createdAt: "asc" } })).map((note) => note.issueId)).toEqual(["1", "1", "2", "2"]);
    // A note for an issue the case does not have is refused in the form.
    const stale = await submitCaseModal(app, VIEWS.addNote, filed.id, owner, noteValues("result", "We found nothing more.", "9"));
    expect(JSON.stringify(stale.json)).toContain("That issue is no longer on the case");

    // "Edit issues" opens privately with both issues.
    await pressButton(app, ACTIONS.editIssues, filed.id, owner);
    await expect.poll(() => app.slack.callsTo("views.open").some((call) => JSON.stringify(call.body).includes(VIEWS.editIssues) && JSON.stringify(call.body).includes(ISSUES[0]!))).toBe(true);

    // The template drafts one paragraph per issue from its notes: both answered.
    await app.interact(blockActionPayload({ actionId: ACTIONS.draftLetter, value: JSON.stringify({ c: filed.id }), userId: owner }));
    await expect.poll(async () => (await prisma().letter.findFirst({ where: { caseId: filed.id } }))?.currentVersion ?? 0, { timeout: 15_000 }).toBe(1);
    await app.running.deps.outbox.kick();
    const letterId = (await prisma().letter.findFirstOrThrow({ where: { caseId: filed.id } })).id;
    const first = await latest(letterId);
    expect(first.version.source).toBe("template");
    expect(first.version.issues).toEqual(ISSUES);
    expect(issuesCheckOf(first.version.checks)).toMatchObject({ passed: true, detail: "All 2 issues answered." });
    const drafted = first.version.text;
    expect(drafted).toContain('Your second concern was: "Triage nurse was rude."');
    // The thread says which issues are answered by number only.
    await expect.poll(() => threadMessages(first.letter.threadTs).at(-1) ?? "").toContain("Issue 2 of 2 answered");
    for (const message of threadMessages(first.letter.threadTs)) for (const issue of ISSUES) expect(message).not.toContain(issue);

    // Editing out the answer to issue 2 fails the check, naming it.
    const withoutSecond = drafted
      .split("\n\n")
      .filter((paragraph) => !paragraph.startsWith("Your second concern"))
      .join("\n\n");
    expect((await editTo(letterId, 1, owner, withoutSecond)).text).toBe("");
    const edited = await latest(letterId);
    expect(edited.version.number).toBe(2);
    expect(issuesCheckOf(edited.version.checks)).toMatchObject({ passed: false, detail: "Not answered: issue 2 of 2 (“Triage nurse was rude”)." });
    await app.running.deps.outbox.kick();
    await expect.poll(() => threadMessages(edited.letter.threadTs).at(-1) ?? "").toContain("Issue 2 of 2 not answered");
    // The approve form shows the issue texts (privately); approving without a reason is refused.
    await app.interact(blockActionPayload({ actionId: ACTIONS.letterApprove, value: JSON.stringify({ l: letterId, v: 2 }), userId: MANAGER }));
    await expect.poll(() => app.slack.callsTo("views.open").some((call) => JSON.stringify(call.body).includes(VIEWS.letterApprove) && JSON.stringify(call.body).includes(`Issue 2 of 2 not answered: ${ISSUES[1]}`))).toBe(true);
    const refused = await submitLetter(VIEWS.letterApprove, letterId, 2, MANAGER);
    expect(JSON.stringify(refused.json)).toContain("Answers every issue the patient raised");

    // Putting the answer back passes, and the manager approves.
    expect((await editTo(letterId, 2, owner, drafted)).text).toBe("");
    const fixed = await latest(letterId);
    expect(issuesCheckOf(fixed.version.checks).passed).toBe(true);
    expect((fixed.version.checks as { required: boolean; passed: boolean; id: string }[]).filter((check) => check.required && !check.passed).map((check) => check.id)).toEqual([]);
    expect((await submitLetter(VIEWS.letterApprove, letterId, 3, MANAGER)).text).toBe("");
    expect(await prisma().letter.findUniqueOrThrow({ where: { id: letterId } })).toMatchObject({ status: "approved", approvedVersion: 3, overrideReason: null });
  });
});
