import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, ACTIONS, VIEWS } from "../../src/slack/ids.ts";
import { blockActionPayload } from "../fakes/signed-requests.ts";
import { fileCaseThroughSlack, submitCaseModal } from "../support/case-flow.ts";
import { letterFlow, noteValues } from "../support/letter-flow.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// Letters in the patient's preferred language, through signed Slack requests on the strict fake
// Slack, with the template drafter: a Spanish letter drafted, broken by an edit and fixed, then
// approved with the translation reviewer recorded; a Chinese letter drafted and approved with an
// outside reviewer's name and qualification.

const COORDINATOR = "U0COORD0L1";
const MANAGER = "U0MANAGEL7";
const ADMIN = "U0ADMIN0L1";
const INTERPRETER = "U0INTERP01";

describe("letters in the patient's language (pglite)", () => {
  let app: TestApp;
  const prisma = () => app.running.deps.db.prisma;

  beforeAll(async () => {
    app = await startTestApp("pglite");
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", ADMIN);
    await app.running.deps.roles.setRole(MANAGER, "manager", ADMIN);
  });
  afterAll(async () => {
    await app?.close();
  });

  const { submitLetter, editTo, latest, threadMessages } = letterFlow(() => app);
  type StoredCheck = { id: string; passed: boolean; required: boolean; detail?: string };
  const failedOf = (checks: unknown) => (checks as StoredCheck[]).filter((check) => check.required && !check.passed).map((check) => check.id);

  async function draftFor(issues: string[], preferredLanguage: string, notes: [string, string, string][]) {
    const filed = await fileCaseThroughSlack(app, { category: "quality", preferredLanguage, issues: issues.join("\n") });
    for (const [kind, body, issueId] of notes) expect((await submitCaseModal(app, VIEWS.addNote, filed.id, filed.ownerId!, noteValues(kind, body, issueId))).text).toBe("");
    await app.interact(blockActionPayload({ actionId: ACTIONS.draftLetter, value: JSON.stringify({ c: filed.id }), userId: COORDINATOR }));
    await expect.poll(async () => (await prisma().letter.findFirst({ where: { caseId: filed.id } }))?.currentVersion ?? 0, { timeout: 15_000 }).toBe(1);
    await app.running.deps.outbox.kick();
    const letterId = (await prisma().letter.findFirstOrThrow({ where: { caseId: filed.id } })).id;
    return { filed, letterId };
  }

  it("drafts a Spanish patient's letter in Spanish, checks it in Spanish, and approves it with the translation reviewer recorded", async () => {
    const issues = ["El medicamento para el dolor llegó horas tarde", "La enfermera de triaje fue grosera"];
    const { filed, letterId } = await draftFor(issues, "español", [
      ["step", "Revisamos el registro de medicamentos y hablamos con la farmacia de noche.", "1"],
      ["result", "Encontramos que la dosis de las 2 de la mañana se dio a las 4; la unidad cambió cómo se entregan las dosis en el cambio de turno.", "1"],
      ["step", "Nos reunimos con la enfermera de triaje y con su gerente.", "2"],
      ["result", "Encontramos que la enfermera habló de forma brusca; ya recibió formación sobre un trato respetuoso.", "2"],
    ]);
    expect(filed.ownerId).toBe(COORDINATOR);
    const first = await latest(letterId);
    expect(first.version).toMatchObject({ source: "template", language: "es" });
    expect(first.version.text).toMatch(/^Estimado\/a /);
    expect(first.version.text).toMatch(/Completamos nuestra revisión el \d{1,2} de [a-z]+ de \d{4}\./);
    expect(first.version.text).toContain('Su segunda inquietud fue: "La enfermera de triaje fue grosera."');
    expect(failedOf(first.version.checks)).toEqual([]);
    expect((first.version.checks as StoredCheck[]).find((check) => check.id === "reading_grade")?.detail).toMatch(/English only.*Spanish/);

    // An edit that drops the date of completion fails that check, in Spanish terms.
    const drafted = first.version.text;
    const broken = drafted.replace(/Completamos nuestra revisión el [^.]+\./, "Ya completamos nuestra revisión.");
    expect((await editTo(letterId, 1, COORDINATOR, broken)).text).toBe("");
    const edited = await latest(letterId);
    expect(failedOf(edited.version.checks)).toEqual(["date_of_completion"]);
    expect((edited.version.checks as StoredCheck[]).find((check) => check.id === "date_of_completion")?.detail).toContain("checked in Spanish");
    const refused = await submitLetter(VIEWS.letterApprove, letterId, 2, MANAGER, { [ACTION_FIELDS.translationReviewer]: { [ACTION_FIELDS.translationReviewer]: { type: "users_select", selected_user: INTERPRETER } } });
    expect(JSON.stringify(refused.json)).toContain("Gives the date the review was completed");

    // Fixed again: the approve form asks who reviewed the translation, and approval without one is refused.
    expect((await editTo(letterId, 2, COORDINATOR, drafted)).text).toBe("");
    const fixed = await latest(letterId);
    expect(failedOf(fixed.version.checks)).toEqual([]);
    await app.interact(blockActionPayload({ actionId: ACTIONS.letterApprove, value: JSON.stringify({ l: letterId, v: 3 }), userId: MANAGER }));
    await expect.poll(() => app.slack.callsTo("views.open").some((call) => JSON.stringify(call.body).includes(VIEWS.letterApprove) && JSON.stringify(call.body).includes("Translation reviewed by"))).toBe(true);
    const noReviewer = await submitLetter(VIEWS.letterApprove, letterId, 3, MANAGER);
    expect(JSON.stringify(noReviewer.json)).toContain("This letter is in Spanish: say who reviewed the translation");
    expect((await prisma().letter.findUniqueOrThrow({ where: { id: letterId } })).status).toBe("draft");

    expect((await submitLetter(VIEWS.letterApprove, letterId, 3, MANAGER, { [ACTION_FIELDS.translationReviewer]: { [ACTION_FIELDS.translationReviewer]: { type: "users_select", selected_user: INTERPRETER } } })).text).toBe("");
    const approved = await prisma().letter.findUniqueOrThrow({ where: { id: letterId } });
    expect(approved).toMatchObject({ status: "approved", approvedVersion: 3, overrideReason: null, translationReviewedBy: INTERPRETER, translationReviewer: null });
    // The audit trail records the reviewer with the approval.
    const event = await prisma().caseEvent.findFirstOrThrow({ where: { caseId: filed.id, type: "letter_approved" } });
    expect(event.data).toMatchObject({ language: "es", translationReviewedBy: INTERPRETER });
    // The thread says who reviewed the translation; it never carries the letter or the issues.
    await app.running.deps.outbox.kick();
    await expect.poll(() => threadMessages(approved.threadTs).at(-1) ?? "").toContain(`Translation reviewed by <@${INTERPRETER}>`);
    for (const message of threadMessages(approved.threadTs)) for (const issue of issues) expect(message).not.toContain(issue);
    // The private view shows it too.
    await app.interact(blockActionPayload({ actionId: ACTIONS.letterView, value: JSON.stringify({ l: letterId, v: 3 }), userId: MANAGER }));
    await expect.poll(() => app.slack.callsTo("views.open").some((call) => JSON.stringify(call.body).includes(`Translation reviewed by:* <@${INTERPRETER}> (Spanish)`))).toBe(true);
  });

  it("drafts a Chinese patient's letter in simplified Chinese and approves it with an outside reviewer's name and qualification", async () => {
    const { filed, letterId } = await draftFor(["急诊室等候时间太长"], "Mandarin", [
      ["step", "我们查看了那天晚上的等候记录，并与急诊科主管进行了交谈。", "1"],
      ["result", "我们发现当时同时来了几位重病人；现在每小时都有护士查看候诊区。", "1"],
    ]);
    const first = await latest(letterId);
    expect(first.version).toMatchObject({ source: "template", language: "zh" });
    expect(first.version.text).toMatch(/^尊敬的/);
    expect(first.version.text).toMatch(/我们于\d{4}年\d{1,2}月\d{1,2}日完成了审查。/);
    expect(failedOf(first.version.checks)).toEqual([]);

    // Breaking a required element (the State agency notice) and putting it back.
    const drafted = first.version.text;
    const paragraphs = drafted.split("\n\n");
    const broken = paragraphs.filter((paragraph) => !paragraph.includes("州政府的调查机构")).join("\n\n");
    expect((await editTo(letterId, 1, COORDINATOR, broken)).text).toBe("");
    expect(failedOf((await latest(letterId)).version.checks)).toEqual(["state_agency_notice"]);
    expect((await editTo(letterId, 2, COORDINATOR, drafted)).text).toBe("");
    expect(failedOf((await latest(letterId)).version.checks)).toEqual([]);

    const reviewer = "Li Wei, certified medical interpreter (Mandarin)";
    expect((await submitLetter(VIEWS.letterApprove, letterId, 3, MANAGER, { [ACTION_FIELDS.translationReviewerText]: { [ACTION_FIELDS.translationReviewerText]: { type: "plain_text_input", value: reviewer } } })).text).toBe("");
    expect(await prisma().letter.findUniqueOrThrow({ where: { id: letterId } })).toMatchObject({ status: "approved", translationReviewedBy: null, translationReviewer: reviewer });
    const event = await prisma().caseEvent.findFirstOrThrow({ where: { caseId: filed.id, type: "letter_approved" } });
    expect(event.data).toMatchObject({ language: "zh", translationReviewer: reviewer });
    // The outside reviewer's name stays out of the channel thread.
    await app.running.deps.outbox.kick();
    const threadTs = (await prisma().letter.findUniqueOrThrow({ where: { id: letterId } })).threadTs;
    await expect.poll(() => threadMessages(threadTs).at(-1) ?? "").toContain("Translation reviewed by an outside reviewer");
    for (const message of threadMessages(threadTs)) expect(message).not.toContain("Li Wei");
  });
});
