import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleReason } from "../../src/cases/classify.ts";
import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { ACTION_FIELDS, VIEWS } from "../../src/slack/ids.ts";
import { viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { type IntakeFields, intakeViewState } from "../fixtures/intake.ts";
import { asksHarmQuestion, fileCaseThroughSlack, submitCaseModal } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { CASE_CHANNEL, startTestApp, type TestApp } from "../support/test-app.ts";

// Cases written for this test from the CMS interpretive guidance (SOM Appendix A, A-0118..A-0123),
// in our own words, each with the rule it exercises. Every one is filed through the real intake
// modal (signed view_submission requests into the real receiver; the harm question answered as
// `harmAnswer` says, or left unanswered), and its card is checked for type, rule and QIO task.
// The fixture defaults: raised by family, by phone, category communication, nothing ticked,
// nothing needing follow-up.

interface GuidanceCase {
  title: string;
  fields: Partial<IntakeFields>;
  type: "complaint" | "grievance" | "compliment";
  rule: string;
  qio: boolean;
}

const resolved = ["resolved_on_spot"];
const medicare = ["medicare_beneficiary"];

const CASES: GuidanceCase[] = [
  // patient_rights (42 CFR 482.13): a grievance even when staff fixed it at once.
  { title: "same-sex partner refused as a visitor, fixed by the charge nurse", fields: { category: "visitation", flags: resolved, description: "Night security told the patient's husband he was not family and could not visit; the charge nurse let him in ten minutes later." }, type: "grievance", rule: "patient_rights", qio: false },
  { title: "a child used as interpreter, interpreter called at once", fields: { category: "language_access", flags: resolved, description: "The resident used the patient's 11-year-old daughter to explain the surgery; a phone interpreter was brought in when the mother objected." }, type: "grievance", rule: "patient_rights", qio: false },
  { title: "a racist remark, apologized for on the spot", fields: { category: "discrimination", flags: resolved, description: "A registration clerk made a remark about the family's accent and country; the supervisor apologized on the spot." }, type: "grievance", rule: "patient_rights", qio: false },
  { title: "restraints nobody could explain, removed", fields: { category: "restraint_seclusion", flags: resolved, description: "The family found wrist restraints on and no order anyone could show them; the nurse removed them after calling the doctor." }, type: "grievance", rule: "patient_rights", qio: false },
  { title: "diagnosis discussed in the hallway", fields: { category: "privacy", flags: resolved, description: "Staff discussed the patient's diagnosis at the nurses' station in front of other visitors." }, type: "grievance", rule: "patient_rights", qio: false },
  { title: "students observed without being asked", fields: { category: "consent", flags: resolved, description: "Students watched the procedure and nobody asked the patient first." }, type: "grievance", rule: "patient_rights", qio: false },
  { title: "advance directive missing from the chart", fields: { category: "advance_directives", flags: resolved, description: "Her living will was not in the chart on admission although the family brought it." }, type: "grievance", rule: "patient_rights", qio: false },
  { title: "left uncovered in a hallway", fields: { category: "dignity", flags: resolved, description: "He was parked in the hallway in an open gown for transport where everyone could see him." }, type: "grievance", rule: "patient_rights", qio: false },
  // abuse_neglect_harm: the category decides, box or no box.
  { title: "abuse/neglect category, box not ticked", fields: { category: "abuse_neglect", flags: resolved, description: "The daughter says the aide was short-tempered at bath time." }, type: "grievance", rule: "abuse_neglect_harm", qio: false },
  { title: "patient-harm category for a Medicare beneficiary", fields: { category: "patient_harm", flags: medicare, description: "A wrist fracture found after an X-ray table transfer." }, type: "grievance", rule: "abuse_neglect_harm", qio: true },
  // harm signals in the narrative: asked; answered yes, no, or left unanswered.
  { title: "'slapped her hand', question left unanswered", fields: { flags: resolved, description: "My mother says the aide slapped her hand when she reached for the rail." }, type: "grievance", rule: "harm_signals_unconfirmed", qio: false },
  { title: "'hit her head', answered yes", fields: { flags: resolved, harmAnswer: "yes", description: "She hit her head on the bed rail overnight and we were told only at noon." }, type: "grievance", rule: "abuse_neglect_harm", qio: false },
  { title: "'bruised my arm' at a blood draw, answered no, resolved", fields: { flags: resolved, harmAnswer: "no", description: "The phlebotomist bruised my arm after three tries; a senior nurse took over and I am fine with it." }, type: "complaint", rule: "resolved_at_point_of_service", qio: false },
  { title: "'la dejaron sucia' (Spanish), unanswered", fields: { description: "La dejaron sucia toda la noche, con el pañal mojado." }, type: "grievance", rule: "harm_signals_unconfirmed", qio: false },
  { title: "'fell after asking twice for help', Medicare, unanswered", fields: { flags: medicare, description: "He fell after asking twice for help to get to the bathroom." }, type: "grievance", rule: "harm_signals_unconfirmed", qio: true },
  { title: "'wrong insulin dose', Medicare, answered yes", fields: { flags: medicare, harmAnswer: "yes", description: "They gave her the wrong insulin dose and her sugar dropped." }, type: "grievance", rule: "abuse_neglect_harm", qio: true },
  { title: "'grabbed her by the arm', unanswered", fields: { flags: resolved, description: "The transport tech grabbed her by the arm and pulled her into the chair." }, type: "grievance", rule: "harm_signals_unconfirmed", qio: false },
  // needs_follow_up: accepted, but something is still to be done after today.
  { title: "pharmacy to review a possible double dose (no harm alleged)", fields: { category: "safety", flags: resolved, harmAnswer: "no", followUp: "yes", description: "Family worried the evening pill was a double dose; pharmacy will review the record." }, type: "grievance", rule: "needs_follow_up", qio: false },
  { title: "a promised call-back", fields: { flags: resolved, followUp: "yes", description: "The unit manager promised to call the son tomorrow about the change of plan." }, type: "grievance", rule: "needs_follow_up", qio: false },
  { title: "a routine request referred to the dietitian", fields: { category: "routine_request", flags: resolved, followUp: "yes", description: "Wants a different meal plan; referred to the dietitian for a diabetic review." }, type: "grievance", rule: "needs_follow_up", qio: false },
  { title: "a survey comment saying 'please call me'", fields: { receivedVia: "survey", followUp: "yes", description: "Survey comment: the night staff were loud. Please call me." }, type: "grievance", rule: "needs_follow_up", qio: false },
  // survey_comment, routine_request, resolved_at_point_of_service: not grievances.
  { title: "a survey comment without a request", fields: { receivedVia: "survey", description: "Survey comment: parking was hard to find." }, type: "complaint", rule: "survey_comment", qio: false },
  { title: "an extra blanket, brought at once", fields: { category: "routine_request", flags: resolved, description: "Asked for an extra blanket and a different pillow; brought at once." }, type: "complaint", rule: "routine_request", qio: false },
  { title: "TV remote replaced while the patient waited", fields: { category: "environment", flags: resolved, description: "The TV remote did not work; housekeeping replaced it while the patient waited." }, type: "complaint", rule: "resolved_at_point_of_service", qio: false },
  { title: "'fell asleep' is not a fall", fields: { category: "access", flags: resolved, description: "Dad fell asleep in the waiting room and missed his name; the clerk took him straight in." }, type: "complaint", rule: "resolved_at_point_of_service", qio: false },
  // billing: only a Medicare billing-rights complaint is a grievance.
  { title: "a Medicare beneficiary's routine copay question", fields: { category: "billing", flags: medicare, description: "Asks why the copay on the statement is higher than last year." }, type: "complaint", rule: "billing_question", qio: false },
  { title: "observation status without the MOON", fields: { category: "billing_rights", flags: medicare, description: "Kept three nights in observation and billed as outpatient; nobody gave him the MOON notice." }, type: "grievance", rule: "medicare_billing_rights", qio: false },
  { title: "billed for covered days, by letter", fields: { category: "billing_rights", flags: medicare, receivedVia: "letter_fax", description: "Billed for inpatient days Medicare covers." }, type: "grievance", rule: "medicare_billing_rights", qio: false },
  { title: "a written price question", fields: { category: "billing", receivedVia: "email", description: "How much will the MRI cost without insurance?" }, type: "complaint", rule: "billing_question", qio: false },
  // written_complaint and written_response_requested: always grievances.
  { title: "an email about a rude receptionist", fields: { receivedVia: "email", description: "The receptionist rolled her eyes and would not answer my questions." }, type: "grievance", rule: "written_complaint", qio: false },
  { title: "a signed comment card asking for contact", fields: { receivedVia: "letter_fax", description: "Comment card, signed: the doctor never explained the results; contact me." }, type: "grievance", rule: "written_complaint", qio: false },
  { title: "asked for a written answer, though resolved", fields: { flags: ["resolved_on_spot", "written_response_requested"], description: "The wait was explained, but the patient wants it in writing." }, type: "grievance", rule: "written_response_requested", qio: false },
  // QIO follows the facts: a readmission or an early discharge in the narrative, whatever the category.
  { title: "Medicare readmission described under communication", fields: { flags: medicare, description: "Discharged on Friday and readmitted on Sunday with the same infection; nobody explained the plan." }, type: "grievance", rule: "verbal_unresolved", qio: true },
  { title: "Medicare 'sent home too early' under access", fields: { category: "access", flags: medicare, description: "They sent him home too early and he was back the next day." }, type: "grievance", rule: "verbal_unresolved", qio: true },
  { title: "the same words from someone not on Medicare: no QIO", fields: { category: "access", description: "They sent him home too early and he was back the next day." }, type: "grievance", rule: "verbal_unresolved", qio: false },
  { title: "Medicare discharge category", fields: { category: "discharge", flags: medicare, description: "Discharge paperwork took all day." }, type: "grievance", rule: "verbal_unresolved", qio: true },
  // Anonymous concerns can be filed: no patient name, nobody named as raising it.
  { title: "an anonymous survey comment without a request", fields: { patientName: "", raiserName: "", flags: ["anonymous"], receivedVia: "survey", description: "Anonymous survey comment: the lobby was cold." }, type: "complaint", rule: "survey_comment", qio: false },
  { title: "an anonymous phone call about a nurse's manner, not resolved", fields: { patientName: "", raiserName: "", flags: ["anonymous"], description: "Caller would not give a name: the night nurse on 5 East was curt with her father." }, type: "grievance", rule: "verbal_unresolved", qio: false },
  // compliment: neither complaint nor grievance, no clock, no QIO.
  { title: "a thank-you letter", fields: { category: "compliment", receivedVia: "letter_fax", description: "Thank you to the nurses on 4 West for their kindness." }, type: "compliment", rule: "compliment", qio: false },
  { title: "a Medicare beneficiary's thanks mentioning a fall", fields: { category: "compliment", flags: medicare, description: "Thank you for how quickly you helped after she fell in the car park." }, type: "compliment", rule: "compliment", qio: false },
  // verbal_unresolved: postponed, referred or needing investigation.
  { title: "a six-hour wait nobody explained", fields: { category: "access" }, type: "grievance", rule: "verbal_unresolved", qio: false },
];

const QIO_LINE = "right to contact the QIO";
const COORDINATOR = "U0COORD0C1";

describe.each(DATABASE_KINDS)("cases from the CMS interpretive guidance, through the modal (%s)", (kind) => {
  let app: TestApp;
  const prisma = () => app.running.deps.db.prisma;
  const cardOf = (number: string) =>
    app.slack.callsTo("chat.postMessage").find((call) => call.body.channel === CASE_CHANNEL && !call.body.thread_ts && JSON.stringify(call.body).includes(number));

  beforeAll(async () => {
    app = await startTestApp(kind);
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", "U0ADMIN001");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("has at least 30 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)("$title → $type ($rule)", async ({ fields, type, rule, qio }) => {
    const filed = await fileCaseThroughSlack(app, fields);
    expect({ type: filed.type, rule: filed.classificationRule }).toEqual({ type, rule });
    const task = await prisma().caseTask.findUnique({ where: { caseId_kind: { caseId: filed.id, kind: "qio_referral" } } });
    expect(task !== null).toBe(qio);
    const card = JSON.stringify(cardOf(filed.number)?.body);
    expect(card).toContain(type === "grievance" ? "Grievance" : type === "compliment" ? "Compliment" : "Complaint");
    if (type === "compliment") expect([filed.acknowledgeDueAt, filed.responseDueAt]).toEqual([null, null]);
    expect(card).toContain(JSON.stringify(ruleReason(rule)).slice(1, 60));
    expect(card.includes(QIO_LINE)).toBe(qio);
  });

  it("asks the harm question before filing anything, then files on the second press", async () => {
    const viewId = "V0HARMASK01";
    const fields = { flags: resolved, description: "Mi mamá dice que la enfermera le pegó en la mano." };
    const submit = (values: Record<string, Record<string, unknown>>) =>
      app.interact(viewSubmissionPayload({ viewId, values, privateMetadata: encodeIntakeMetadata({ originChannelId: "C0WARD0001" }) }));
    const first = await submit(intakeViewState(fields));
    expect(asksHarmQuestion(first.json)).toBe(true);
    expect(first.text).toContain("This mentions a possible injury or mistreatment. Does the patient or family allege harm, abuse or neglect?");
    expect(await prisma().case.findUnique({ where: { intakeKey: `slack-view:${viewId}` } })).toBeNull();
    expect(await prisma().intakeSubmission.count({ where: { intakeKey: `slack-view:${viewId}` } })).toBe(0);
  });

  it("a coordinator can override a grievance filed on unconfirmed harm signals", async () => {
    const filed = await fileCaseThroughSlack(app, { flags: resolved, description: "The aide grabbed her by the arm to help her stand; the family says she was only steadying her." });
    expect(filed.classificationRule).toBe("harm_signals_unconfirmed");
    const response = await submitCaseModal(app, VIEWS.reclassify, filed.id, COORDINATOR, {
      [ACTION_FIELDS.caseType]: { [ACTION_FIELDS.caseType]: { type: "radio_buttons", selected_option: { value: "complaint" } } },
      [ACTION_FIELDS.overrideReason]: { [ACTION_FIELDS.overrideReason]: { type: "plain_text_input", value: "Called the daughter: no harm or mistreatment alleged, she was steadying her." } },
    });
    expect(response.text).toBe("");
    expect(await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).toMatchObject({ type: "complaint", classificationRule: "coordinator_override", classificationOverridden: true });
  });
});
