import { describe, expect, it } from "vitest";
import { OUTBOX_KINDS } from "../../../src/cases/case-updates.ts";
import { approvalRequests } from "../../../src/letters/letter-approval.ts";

const ready = { caseId: "5f8b8a3e-0000-4000-8000-000000000001", letterId: "9c1d0000-0000-4000-8000-000000000002", kind: "response", version: 2, approvers: ["U0MANAGER1", "U0ADMIN001"] };

describe("approvalRequests", () => {
  it("queues one direct message per approver, keyed per letter version and approver", () => {
    const entries = approvalRequests(ready);
    expect(entries).toEqual(
      ["U0MANAGER1", "U0ADMIN001"].map((userId) => ({
        kind: OUTBOX_KINDS.directMessage,
        dedupeKey: `dm:letter-approval:${ready.letterId}:v2:${userId}`,
        payload: { caseId: ready.caseId, kind: "letter_awaiting_approval", letterKind: "response", version: "2", recipientId: userId },
      })),
    );
  });

  it("gives the same keys however often the version is announced, and new keys for the next version", () => {
    expect(approvalRequests(ready).map((entry) => entry.dedupeKey)).toEqual(approvalRequests({ ...ready }).map((entry) => entry.dedupeKey));
    const next = approvalRequests({ ...ready, version: 3 }).map((entry) => entry.dedupeKey);
    for (const key of approvalRequests(ready).map((entry) => entry.dedupeKey)) expect(next).not.toContain(key);
  });

  it("does not message the approver who made this version by editing it", () => {
    expect(approvalRequests({ ...ready, editedBy: "U0MANAGER1" }).map((entry) => entry.payload.recipientId)).toEqual(["U0ADMIN001"]);
    expect(approvalRequests({ ...ready, approvers: ["U0MANAGER1", "U0MANAGER1"] })).toHaveLength(1);
  });

  it("carries ids and codes only", () => {
    for (const entry of approvalRequests(ready)) expect(Object.keys(entry.payload).sort()).toEqual(["caseId", "kind", "letterKind", "recipientId", "version"]);
  });
});
