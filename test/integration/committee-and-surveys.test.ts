import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIntake } from "../../src/cases/case.schema.ts";
import { createIntakeJournal } from "../../src/cases/intake-journal.repository.ts";
import { ACTIONS, SURVEY_FILE_FIELD, VIEWS } from "../../src/slack/ids.ts";
import { SURVEY_OUTBOX } from "../../src/surveys/survey-outbox.ts";
import { blockActionPayload, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { DESCRIPTION, PATIENT_NAME, RAISER_NAME } from "../fixtures/intake.ts";
import { fileCaseThroughSlack, waitFor } from "../support/case-flow.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// The committee report, the exports and the survey import, each through signed Slack requests and
// a Slack that refuses what Slack refuses (uploads included).

const MANAGER = "U0MGRRPT01";
const COORDINATOR = "U0COORDRPT";
const NURSE = "U0NURSE01";
const SURVEY_PATIENT = "Rosalind Surveypatient";

type View = { id?: string; callback_id: string; private_metadata?: string; blocks: { type: string; block_id?: string; text?: { text: string }; element?: Record<string, unknown> }[] };

async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}

/** The files uploaded and completed into `userId`'s DM. */
function filesTo(app: TestApp, userId: string) {
  return [...app.slack.uploads.values()].filter((upload) => upload.completed && upload.channelId === `D${userId.slice(1)}`);
}

/** A form's state as Slack would submit it untouched: each input's initial value. */
function stateOf(view: View): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    const element = block.element;
    if (block.type !== "input" || !element || !block.block_id) continue;
    const id = String(element.action_id);
    const type = String(element.type);
    const state: Record<string, unknown> = { type };
    if (type === "plain_text_input") state.value = element.initial_value ?? null;
    else if (type === "static_select" || type === "radio_buttons") state.selected_option = element.initial_option ?? null;
    else if (type === "checkboxes") state.selected_options = element.initial_options ?? [];
    else if (type === "datetimepicker") state.selected_date_time = element.initial_date_time ?? null;
    values[block.block_id] = { [id]: state };
  }
  return values;
}

describe("committee report, exports and survey comments", () => {
  let app: TestApp;
  const prisma = () => app.running.deps.db.prisma;
  let caseNumber = "";

  beforeAll(async () => {
    app = await startTestApp("pglite");
    await app.running.deps.roles.setRole(MANAGER, "manager", "U0ADMIN001");
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", "U0ADMIN001");
    const filed = await fileCaseThroughSlack(app, { receivedVia: "email" });
    await fileCaseThroughSlack(app, { category: "environment", flags: ["resolved_on_spot"], followUp: "no" });
    caseNumber = filed.number;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it("sends the committee report privately as a PDF and a CSV with no patient identifiers", { timeout: 30_000 }, async () => {
    await app.slash("report committee 2026-11", { userId: MANAGER });
    const files = await waitFor(async () => (filesTo(app, MANAGER).length >= 2 ? filesTo(app, MANAGER) : null), 15_000);
    const pdf = files.find((file) => file.filename === "committee-report-2026-11.pdf")!;
    const csv = files.find((file) => file.filename === "committee-report-2026-11.csv")!;
    const text = await pdfText(pdf.bytes!);
    const table = csv.bytes!.toString("utf8");
    expect(text).toContain("Grievance committee report: 2026-11");
    expect(text).toContain("Cases received");
    expect(table).toContain("volume,cases received,all,2,,");
    expect(table).toContain("volume,cases received,grievance,1,,");
    for (const identifier of [PATIENT_NAME, RAISER_NAME, DESCRIPTION, "555-201-3344", caseNumber]) {
      expect(text).not.toContain(identifier);
      expect(table).not.toContain(identifier);
    }
    // Nothing of it went to a channel.
    expect(app.slack.callsTo("files.completeUploadExternal").every((call) => String(call.body.channel_id).startsWith("D"))).toBe(true);
    expect(await prisma().adminEvent.count({ where: { type: "committee_report_exported", actorId: MANAGER } })).toBe(1);
  });

  it("refuses the report to a coordinator, and names a bad period", async () => {
    const before = filesTo(app, COORDINATOR).length;
    await app.slash("report committee 2026-11", { userId: COORDINATOR });
    await app.slash("report committee 31/13/2026", { userId: MANAGER });
    const replies = () => app.slack.callsTo("response_url/commands/1").map((call) => JSON.stringify(call.body));
    await expect.poll(() => replies().some((reply) => reply.includes("Only managers make the committee report"))).toBe(true);
    await expect.poll(() => replies().some((reply) => reply.includes("is not a period"))).toBe(true);
    expect(filesTo(app, COORDINATOR).length).toBe(before);
    expect(await prisma().adminEvent.count({ where: { type: "permission_denied", actorId: COORDINATOR } })).toBeGreaterThan(0);
  });

  it("exports one case's record for a surveyor privately, audited; staff are refused", { timeout: 30_000 }, async () => {
    await app.slash(`export ${caseNumber}`, { userId: MANAGER });
    const file = await waitFor(async () => filesTo(app, MANAGER).find((upload) => upload.filename === `case-file-${caseNumber}.pdf`) ?? null, 15_000);
    const text = await pdfText(file.bytes!);
    expect(text).toContain(`Case file ${caseNumber}`);
    expect(text).toContain("Audit timeline");
    expect(text).toContain("created");
    const id = (await prisma().case.findUniqueOrThrow({ where: { number: caseNumber } })).id;
    expect(await prisma().caseEvent.count({ where: { caseId: id, type: "case_exported", actorId: MANAGER } })).toBe(1);
    await app.slash(`export ${caseNumber}`, { userId: NURSE });
    await expect.poll(async () => prisma().caseEvent.count({ where: { caseId: id, type: "permission_denied", actorId: NURSE } })).toBeGreaterThan(0);
    expect(await prisma().caseEvent.count({ where: { caseId: id, type: "case_exported" } })).toBe(1);
  });

  it("exports the period's cases and audit trail as CSV without names or narratives", { timeout: 30_000 }, async () => {
    await app.slash("export cases 2026-11", { userId: MANAGER });
    await app.slash("export audit 2026-Q4", { userId: MANAGER });
    const cases = await waitFor(async () => filesTo(app, MANAGER).find((upload) => upload.filename === "cases-2026-11.csv") ?? null, 15_000);
    const audit = await waitFor(async () => filesTo(app, MANAGER).find((upload) => upload.filename === "audit-2026-Q4.csv") ?? null, 15_000);
    const casesText = cases.bytes!.toString("utf8");
    expect(casesText.split("\r\n")[0]).toMatch(/^case_number,type,status,category,department,severity,/);
    expect(casesText).toContain(caseNumber);
    const auditText = audit.bytes!.toString("utf8");
    expect(auditText).toContain(`case,${caseNumber},created`);
    for (const identifier of [PATIENT_NAME, RAISER_NAME, DESCRIPTION]) {
      expect(casesText).not.toContain(identifier);
      expect(auditText).not.toContain(identifier);
    }
    expect(await prisma().adminEvent.count({ where: { type: { in: ["cases_exported", "audit_exported"] }, actorId: MANAGER } })).toBe(2);
  });

  const importFile = async (csv: string) => {
    const mark = app.slack.callsTo("views.update").length;
    const file = app.slack.addUserFile("survey.csv", csv);
    const viewId = `V0IMP${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    const ack = await app.interact(viewSubmissionPayload({ viewId, callbackId: VIEWS.surveyImport, userId: MANAGER, values: { [SURVEY_FILE_FIELD]: { [SURVEY_FILE_FIELD]: { type: "file_input", files: [file] } } } }));
    expect((ack.json as { response_action?: string }).response_action).toBe("update");
    return waitFor(async () => (app.slack.callsTo("views.update").slice(mark).find((call) => call.body.view_id === viewId && !call.failed)?.body.view as View | undefined) ?? null, 20_000);
  };

  it("imports nothing from a file with a bad row, and names the row", { timeout: 30_000 }, async () => {
    const result = await importFile(
      ["row_id,date,unit,score,comment,patient_name,patient_contact,contact_me", "S-1,2026-11-20,Emergency Department,3,The room was dirty.,,,no", "S-2,31/13/2026,Emergency Department,2,Nobody explained anything.,,,"].join("\n"),
    );
    const shown = JSON.stringify(result);
    expect(shown).toContain("Nothing imported");
    expect(shown).toContain("row 3: date '31/13/2026' is not a date (use YYYY-MM-DD).");
    expect(await prisma().surveyComment.count()).toBe(0);
  });

  it("imports comments, skips duplicates, and a coordinator files a candidate as a case in one click", { timeout: 40_000 }, async () => {
    const rows = [
      "row_id,date,unit,score,comment,patient_name,patient_contact,contact_me",
      `S-10,2026-11-20,Emergency Department,2,"I waited five hours and nobody explained the delay. Please call me.",${SURVEY_PATIENT},555-777-1234,no`,
      "S-11,2026-11-21,Emergency Department,4,The food was cold.,,,no",
      "S-12,2026-11-22,Emergency Department,9,Thank you to the wonderful nurses.,Ann Other,,no",
      "S-11,2026-11-21,Emergency Department,4,The food was cold.,,,no",
    ];
    const first = JSON.stringify(await importFile(rows.join("\n")));
    expect(first).toContain("*3* comments imported; *1* already imported");
    expect(first).toContain("*1* grievance candidates");
    const again = JSON.stringify(await importFile(rows.slice(0, 3).join("\n")));
    expect(again).toContain("*0* comments imported; *2* already imported");
    expect(await prisma().surveyComment.count()).toBe(3);

    // The coordinator is offered it by DM, with no comment text or name in it.
    const offer = await waitFor(async () => app.slack.callsTo("chat.postMessage").find((call) => call.body.channel === COORDINATOR && JSON.stringify(call.body).includes(ACTIONS.fileSurveyComment)) ?? null);
    const posted = JSON.stringify(offer.body);
    expect(posted).not.toContain(SURVEY_PATIENT);
    expect(posted).not.toContain("five hours");
    const button = (offer.body.blocks as { accessory?: { action_id: string; value: string } }[]).find((block) => block.accessory?.action_id === ACTIONS.fileSurveyComment)!.accessory!;

    const mark = app.slack.callsTo("views.open").length;
    await app.interact(blockActionPayload({ actionId: ACTIONS.fileSurveyComment, value: button.value, userId: COORDINATOR }));
    const form = await waitFor(async () => (app.slack.callsTo("views.open").slice(mark).find((call) => !call.failed)?.body.view as View | undefined) ?? null);
    expect(form.callback_id).toBe(VIEWS.caseIntake);
    expect(JSON.stringify(form)).toContain("five hours");
    // The coordinator picks the severity and files it.
    const values = stateOf(form);
    values.severity = { severity: { type: "static_select", selected_option: { value: "2" } } };
    const viewId = `V0SRV${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    const filing = await app.interact(viewSubmissionPayload({ viewId, userId: COORDINATOR, values, privateMetadata: form.private_metadata }));
    expect(filing.status).toBe(200);
    const filed = await waitFor(() => prisma().case.findUnique({ where: { intakeKey: `slack-view:${viewId}` }, include: { people: true } }));
    expect(filed).toMatchObject({ receivedVia: "survey", type: "grievance", department: "Emergency Department" });
    expect(filed.people.find((person) => person.role === "patient")?.name).toBe(SURVEY_PATIENT);
    // Comment text and identity never reached the log.
    expect(app.logs.join("\n")).not.toContain(SURVEY_PATIENT);
    expect(app.logs.join("\n")).not.toContain("five hours");

    // The comment is linked to its case: a second click names the case instead of opening the form.
    expect((await prisma().surveyComment.findUniqueOrThrow({ where: { rowId: "S-10" } })).caseId).toBe(filed.id);
    const opened = app.slack.callsTo("views.open").length;
    await app.interact(blockActionPayload({ actionId: ACTIONS.fileSurveyComment, value: button.value, userId: COORDINATOR }));
    const said = () => [...app.slack.callsTo("chat.postEphemeral"), ...app.slack.callsTo("chat.postMessage")].some((call) => JSON.stringify(call.body).includes(`already filed as ${filed.number}`));
    await expect.poll(said).toBe(true);
    expect(app.slack.callsTo("views.open").length).toBe(opened);
  });

  it("delivers an offer whose first post failed on a retry, once", { timeout: 30_000 }, async () => {
    app.slack.failNext("chat.postMessage", "internal_error", 1, (body) => body.channel === COORDINATOR && JSON.stringify(body).includes(ACTIONS.fileSurveyComment));
    const result = JSON.stringify(
      await importFile(["row_id,date,unit,score,comment,patient_name,patient_contact,contact_me", `S-30,2026-11-24,Emergency Department,1,"The discharge was rushed. Call me.",${SURVEY_PATIENT},555-777-1234,yes`].join("\n")),
    );
    expect(result).toContain("*1* grievance candidates");
    const id = (await prisma().surveyComment.findUniqueOrThrow({ where: { rowId: "S-30" } })).id;
    const offers = () => app.slack.callsTo("chat.postMessage").filter((call) => call.body.channel === COORDINATOR && JSON.stringify(call.body).includes(id));
    // Refused once, posted once: the queued offer is sent on its second attempt, and nothing posts it again.
    const sent = await waitFor(async () => {
      const rows = await prisma().outboxMessage.findMany({ where: { kind: SURVEY_OUTBOX.offer, status: "sent" }, select: { payload: true, attempts: true } });
      const mine = rows.filter((row) => JSON.stringify(row.payload).includes(id) && (row.payload as Record<string, string>).recipientId === COORDINATOR);
      return mine.length > 0 ? mine : null;
    }, 15_000);
    expect(sent.map((row) => row.attempts)).toEqual([2]);
    expect(offers().map((call) => Boolean(call.failed))).toEqual([true, false]);
    await app.running.deps.outbox.kick();
    expect(offers().filter((call) => !call.failed)).toHaveLength(1);
  });

  it("links a comment to the case a crash-recovered filing makes from the intake journal", { timeout: 30_000 }, async () => {
    await importFile(["row_id,date,unit,score,comment,patient_name,patient_contact,contact_me", `S-40,2026-11-25,Emergency Department,2,"Nobody told me about my tests. Please call me.",${SURVEY_PATIENT},555-777-1234,no`].join("\n"));
    const comment = await prisma().surveyComment.findUniqueOrThrow({ where: { rowId: "S-40" } });
    const values = await app.running.deps.surveys.prefill(COORDINATOR, comment.id);
    const parsed = parseIntake({ ...values, severity: 2 }, { now: app.running.deps.clock.now(), departments: app.running.deps.departments });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    // Acknowledged, then the instance died: only the journal holds it, its claim already lapsed.
    const intakeKey = "slack-view:V0CRASHED01";
    await createIntakeJournal(prisma()).record({ intake: parsed.intake, context: { intakeKey, filedBy: COORDINATOR, surveyCommentId: comment.id }, delivery: {} }, 0);
    await app.running.deps.intake.recover(async () => {});
    const filed = await waitFor(() => prisma().case.findUnique({ where: { intakeKey } }));
    expect((await prisma().surveyComment.findUniqueOrThrow({ where: { id: comment.id } })).caseId).toBe(filed.id);
    await expect(app.running.deps.surveys.prefill(COORDINATOR, comment.id)).rejects.toThrow(`already filed as ${filed.number}`);
  });
});
