import { describe, expect, it } from "vitest";
import { OUTBOX_KINDS } from "../../../src/cases/case-updates.ts";
import { CLOSE_OUTCOMES } from "../../../src/cases/lifecycle.ts";
import { type AppError, ErrorCode } from "../../../src/lib/errors.ts";
import { DESCRIPTION, PATIENT_NAME } from "../../fixtures/intake.ts";
import { memoryServices, TEST_NOW } from "../../support/memory-services.ts";
import { refusal } from "../../support/refusal.ts";

const COORDINATOR_A = "U0COORD0A1";
const COORDINATOR_B = "U0COORD0B1";
const MANAGER = "U0MANAGER1";
const ADMIN = "U0ADMIN001";
const STAFF = "U0STAFF002";
const FILER = "U0NURSE01";

const ROLES = { [COORDINATOR_A]: "coordinator", [COORDINATOR_B]: "coordinator", [MANAGER]: "manager", [ADMIN]: "admin" } as const;

function setUp(options: { teams?: Record<string, string[]> } = {}) {
  return memoryServices({ roles: ROLES, ...options });
}

describe("case actions: permissions", () => {
  it("refuses staff a coordinator's action, audits the refusal, and changes nothing", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    const queuedBefore = app.db.outbox.length;
    const error = await refusal(app.caseActions.changeStatus(filed.id, STAFF, "acknowledged"));
    expect(error.code).toBe(ErrorCode.forbidden);
    expect(error.userMessage).toContain("Nothing was changed");
    expect(app.db.events.at(-1)).toMatchObject({ caseId: filed.id, type: "permission_denied", actorId: STAFF, data: { action: "change_status" } });
    expect((await app.cases.findSummary(filed.id))?.status).toBe("new");
    expect(app.db.outbox).toHaveLength(queuedBefore);
  });

  it("lets only the owner or a manager move a case; another coordinator is refused", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    expect((await refusal(app.caseActions.changeStatus(filed.id, COORDINATOR_B, "acknowledged"))).userMessage).toContain("Only the case owner or a manager");
    expect((await app.caseActions.changeStatus(filed.id, MANAGER, "acknowledged")).status).toBe("acknowledged");
  });

  it("refuses what the role does not allow before anything else: the case must exist", async () => {
    const app = setUp();
    expect((await refusal(app.caseActions.assignToMe("5f8b8a3e-0000-4000-8000-00000000dead", COORDINATOR_A))).code).toBe(ErrorCode.notFound);
  });
});

describe("case actions: ownership", () => {
  it("of two simultaneous claims exactly one wins, and the other is told who owns the case", async () => {
    const app = setUp();
    const filed = await app.fileCase();
    // Both presses read the unassigned case before either writes: the conditional update decides.
    const gate = app.db.holdWrites();
    const claims = Promise.allSettled([app.caseActions.assignToMe(filed.id, COORDINATOR_A), app.caseActions.assignToMe(filed.id, COORDINATOR_B)]);
    await gate.arrived(2);
    gate.release();
    const [first, second] = await claims;
    expect(first.status).toBe("fulfilled");
    expect(second.status).toBe("rejected");
    const loser = (second as PromiseRejectedResult).reason as AppError;
    expect(loser.code).toBe(ErrorCode.conflict);
    expect(loser.userMessage).toBe(`${filed.number} was just assigned to <@${COORDINATOR_A}>.`);
    expect((await app.cases.findSummary(filed.id))?.ownerId).toBe(COORDINATOR_A);
    expect(app.db.eventTypes(filed.id).filter((type) => type === "assigned")).toHaveLength(1);
    expect(app.queued(OUTBOX_KINDS.threadUpdate).filter((post) => post.payload.kind === "assigned")).toHaveLength(1);
  });

  it("refuses to claim a case that already has an owner, naming them", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    expect((await refusal(app.caseActions.assignToMe(filed.id, COORDINATOR_B))).userMessage).toBe(`${filed.number} is already assigned to <@${COORDINATOR_A}>.`);
    expect((await refusal(app.caseActions.assignToMe(filed.id, COORDINATOR_A))).userMessage).toBe(`You already own ${filed.number}.`);
  });

  it("refuses to hand a case to someone who is not a coordinator, and tells a coordinator it is theirs", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    const error = await refusal(app.caseActions.reassign(filed.id, COORDINATOR_A, STAFF));
    expect(error.code).toBe(ErrorCode.invalidInput);
    expect(error.userMessage).toContain("is not a patient-relations coordinator");
    expect((await app.cases.findSummary(filed.id))?.ownerId).toBe(COORDINATOR_A);
    expect(app.db.eventTypes(filed.id)).not.toContain("reassigned");

    const handed = await app.caseActions.reassign(filed.id, COORDINATOR_A, COORDINATOR_B);
    expect(handed.ownerId).toBe(COORDINATOR_B);
    expect(app.db.events.find((event) => event.type === "reassigned")?.data).toEqual({ from: COORDINATOR_A, to: COORDINATOR_B });
    expect(app.messagesTo(COORDINATOR_B).map((post) => post.payload.kind)).toEqual(["reassigned"]);
    expect(app.messagesTo(COORDINATOR_A)).toHaveLength(0);
  });

  it("refuses a reassignment when the case changed hands while the form was open", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    const gate = app.db.holdWrites();
    const moves = Promise.allSettled([app.caseActions.reassign(filed.id, MANAGER, COORDINATOR_B), app.caseActions.reassign(filed.id, COORDINATOR_A, MANAGER)]);
    await gate.arrived(2);
    gate.release();
    const [first, second] = await moves;
    expect(first.status).toBe("fulfilled");
    expect(((second as PromiseRejectedResult).reason as AppError).userMessage).toContain("changed hands while you were choosing");
    expect((await app.cases.findSummary(filed.id))?.ownerId).toBe(COORDINATOR_B);
  });
});

describe("case actions: the workflow", () => {
  it("moves a case along, records when it was acknowledged, and announces it in the thread", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    const moved = await app.caseActions.changeStatus(filed.id, COORDINATOR_A, "acknowledged", "new");
    expect(moved.status).toBe("acknowledged");
    expect(app.db.cases.get(filed.id)?.acknowledgedAt?.toISOString()).toBe("2026-11-28T12:00:00.000Z");
    const line = app.queued(OUTBOX_KINDS.threadUpdate).at(-1)!;
    expect(line.payload).toMatchObject({ caseId: filed.id, kind: "status_changed", from: "new", to: "acknowledged", actorId: COORDINATOR_A });
    expect(app.queued(OUTBOX_KINDS.caseCardRefresh).some((post) => post.payload.caseId === filed.id)).toBe(true);
  });

  it("refuses a change made from a status that is no longer the case's", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    await app.caseActions.changeStatus(filed.id, COORDINATOR_A, "acknowledged", "new");
    const stale = await refusal(app.caseActions.changeStatus(filed.id, MANAGER, "investigating", "new"));
    expect(stale.code).toBe(ErrorCode.conflict);
    expect(stale.userMessage).toBe(`${filed.number} is now acknowledged; someone changed it first.`);
  });

  it("of two different status changes submitted at once exactly one is applied", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    const gate = app.db.holdWrites();
    const changes = Promise.allSettled([
      app.caseActions.changeStatus(filed.id, COORDINATOR_A, "acknowledged", "new"),
      app.caseActions.changeStatus(filed.id, MANAGER, "investigating", "new"),
    ]);
    await gate.arrived(2);
    gate.release();
    const [first, second] = await changes;
    expect(first.status).toBe("fulfilled");
    expect(((second as PromiseRejectedResult).reason as AppError).userMessage).toMatch(/someone changed it first/);
    expect(app.db.eventTypes(filed.id).filter((type) => type === "status_changed")).toHaveLength(1);
    expect((await app.cases.findSummary(filed.id))?.status).toBe("acknowledged");
  });

  it("refuses a move the workflow does not allow", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    const error = await refusal(app.caseActions.changeStatus(filed.id, COORDINATOR_A, "awaiting_response"));
    expect(error.code).toBe(ErrorCode.invalidInput);
    expect(error.userMessage).toBe("A case that is new cannot move to awaiting response.");
  });

  it("keeps a note in the record and tells the thread only what kind of note it was", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    const body = "Called the charge nurse; staffing was short that night.";
    await app.caseActions.addNote(filed.id, COORDINATOR_A, "step", body);
    const details = await app.cases.loadDetailsForProcessing(filed.id);
    expect(details?.notes).toEqual([{ kind: "step", body, authorId: COORDINATOR_A, createdAt: new Date("2026-11-28T12:00:00Z") }]);
    expect(JSON.stringify(app.db.outbox)).not.toContain("staffing was short");
    expect(app.queued(OUTBOX_KINDS.threadUpdate).at(-1)?.payload).toMatchObject({ kind: "note_added", noteKind: "step" });
    expect((await refusal(app.caseActions.addNote(filed.id, COORDINATOR_A, "step", "   "))).userMessage).toBe("Write the note.");
  });

  it("escalates to every manager and admin but the one escalating", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    const escalated = await app.caseActions.escalate(filed.id, MANAGER);
    expect(escalated.escalatedAt).toEqual(new Date(TEST_NOW));
    expect(app.messagesTo(ADMIN).map((post) => post.payload.kind)).toEqual(["escalated"]);
    expect(app.messagesTo(MANAGER)).toHaveLength(0);
    expect(app.db.events.find((event) => event.type === "escalated")?.data).toEqual({ notified: "1" });
  });

  it("reclassifies with the coordinator's reason and restarts the clocks for the new type", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    expect(filed.type).toBe("grievance");
    const changed = await app.caseActions.reclassify(filed.id, COORDINATOR_A, "complaint", "Charge nurse resolved it during the call.");
    expect(changed).toMatchObject({ type: "complaint", classificationRule: "coordinator_override", classificationOverridden: true });
    // Complaint target: 5 business days from Friday 27 Nov 09:30 New York.
    expect(changed.responseDueAt?.toISOString()).toBe("2026-12-04T14:30:00.000Z");
    expect(app.db.events.find((event) => event.type === "reclassified")?.data).toMatchObject({ from: "grievance", to: "complaint", reason: "Charge nurse resolved it during the call." });
    expect((await refusal(app.caseActions.reclassify(filed.id, COORDINATOR_A, "complaint", "Still a complaint, really."))).userMessage).toBe(`${filed.number} is already a complaint.`);
  });
});

describe("case actions: closing", () => {
  const close = (app: ReturnType<typeof setUp>, caseId: string, userId: string) => app.caseActions.close(caseId, userId, "resolved", "Spoke with the family by phone.");

  it("refuses to resolve or close a grievance without an approved written response", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    expect(filed.type).toBe("grievance");
    const closing = await refusal(close(app, filed.id, COORDINATOR_A));
    expect(closing.code).toBe(ErrorCode.conflict);
    expect(closing.userMessage).toContain("needs an approved written response");
    expect((await refusal(app.caseActions.changeStatus(filed.id, COORDINATOR_A, "resolved"))).userMessage).toContain("needs an approved written response");
    expect((await app.cases.findSummary(filed.id))?.status).toBe("new");
  });

  it("closes a grievance once its response letter is approved", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    const letter = await app.letterRepository.request({ caseId: filed.id, kind: "response", requestedBy: COORDINATOR_A, requestKey: "k" }, () => []);
    app.db.letters.get(letter.letter.id)!.status = "approved";
    const closed = await close(app, filed.id, COORDINATOR_A);
    expect(closed).toMatchObject({ status: "closed", outcome: "resolved", closedAt: new Date(TEST_NOW) });
    expect(app.db.cases.get(filed.id)?.details.resolutionSummary).toBe("Spoke with the family by phone.");
  });

  it("closes a withdrawn grievance with its own outcome, who withdrew it and when, without a response letter", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    expect(filed.type).toBe("grievance");
    expect((await refusal(app.caseActions.close(filed.id, COORDINATOR_A, "withdrawn", "The daughter called to withdraw it."))).userMessage).toContain("who withdrew it");
    const future = new Date(new Date(TEST_NOW).getTime() + 86_400_000);
    expect((await refusal(app.caseActions.close(filed.id, COORDINATOR_A, "withdrawn", "Withdrawn by phone.", { by: "family", at: future }))).userMessage).toContain("not in the future");
    const at = new Date(new Date(TEST_NOW).getTime() - 60_000);
    const closed = await app.caseActions.close(filed.id, COORDINATOR_A, "withdrawn", "The daughter called to withdraw it.", { by: "family", at });
    expect(closed).toMatchObject({ status: "closed", outcome: "withdrawn" });
    expect(CLOSE_OUTCOMES.withdrawn).not.toBe(CLOSE_OUTCOMES.resolved);
    const event = app.db.events.find((candidate) => candidate.caseId === filed.id && candidate.type === "closed");
    expect(event?.data).toMatchObject({ outcome: "withdrawn", withdrawnBy: "family", withdrawnAt: at.toISOString() });
  });

  it("closes a complaint with an outcome, refuses to close it twice, and reopens it to investigating", async () => {
    const app = setUp();
    // A routine request is a complaint: it can close without a written response.
    const filed = await app.fileCase({ category: "routine_request" }, { owner: COORDINATOR_A });
    expect(filed.type).toBe("complaint");
    expect((await refusal(app.caseActions.close(filed.id, COORDINATOR_A, "resolved", "ok"))).userMessage).toContain("Summarize how the concern was resolved");
    await app.caseActions.close(filed.id, COORDINATOR_A, "dissatisfied", "Apologized; family still unhappy with wait times.");
    expect((await refusal(close(app, filed.id, COORDINATOR_A))).userMessage).toBe(`${filed.number} is already closed.`);
    expect((await refusal(app.caseActions.escalate(filed.id, COORDINATOR_A))).userMessage).toBe(`${filed.number} is closed. Reopen it first.`);
    const reopened = await app.caseActions.reopen(filed.id, COORDINATOR_A);
    expect(reopened).toMatchObject({ status: "investigating", closedAt: null, outcome: null });
    expect((await refusal(app.caseActions.reopen(filed.id, COORDINATOR_A))).userMessage).toBe(`${filed.number} is still open.`);
    expect(app.db.eventTypes(filed.id)).toEqual(expect.arrayContaining(["closed", "reopened"]));
  });
});

describe("case actions: the protected details", () => {
  it("shows the owner the details and audits the view; other staff are refused and nothing is shown", async () => {
    const app = setUp();
    const filed = await app.fileCase({}, { owner: COORDINATOR_A });
    const details = await app.caseActions.viewDetails(filed.id, COORDINATOR_A);
    expect(details.description).toBe(DESCRIPTION);
    expect(details.people.map((person) => person.name)).toContain(PATIENT_NAME);
    expect(app.db.events.at(-1)).toMatchObject({ type: "details_viewed", actorId: COORDINATOR_A });

    const refused = await refusal(app.caseActions.viewDetails(filed.id, STAFF));
    expect(refused.userMessage).toContain("can see patient details");
    expect(app.db.eventTypes(filed.id).filter((type) => type === "details_viewed")).toHaveLength(1);
    expect(app.db.events.at(-1)).toMatchObject({ type: "permission_denied", actorId: STAFF, data: { action: "view_details" } });
  });

  it("keeps the filer (who follows the status only) and a coordinator of another team out", async () => {
    const app = setUp({ teams: { surgery: [COORDINATOR_B] } });
    const filed = await app.fileCase({}, { filedBy: FILER, teamId: "surgery" });
    expect((await refusal(app.caseActions.viewDetails(filed.id, FILER))).userMessage).toContain("You filed this case");
    expect((await app.caseActions.viewDetails(filed.id, COORDINATOR_B)).summary.number).toBe(filed.number);
    expect((await refusal(app.caseActions.viewDetails(filed.id, COORDINATOR_A))).code).toBe(ErrorCode.forbidden);
    expect((await app.caseActions.viewDetails(filed.id, MANAGER)).summary.number).toBe(filed.number);
  });
});
