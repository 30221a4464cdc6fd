import type { OutboxEntry } from "../cases/case.ts";
import { directMessages } from "../cases/case-updates.ts";

// A manager learns that a letter waits for them when it is ready, not from the next morning's
// digest. The message names the case, the letter's kind and version: never the patient or the text.

export interface ReadyVersion {
  caseId: string;
  letterId: string;
  kind: string;
  version: number;
  approvers: readonly string[];
  /** Whoever produced this version by editing it: they know, and approving their own edit is their call. */
  editedBy?: string | undefined;
}

/** A direct message to each approver that the version awaits approval, keyed per letter version so it is sent once. */
export function approvalRequests(ready: ReadyVersion): OutboxEntry[] {
  const recipients = ready.approvers.filter((userId) => userId !== ready.editedBy);
  return directMessages(`letter-approval:${ready.letterId}:v${ready.version}`, recipients, {
    caseId: ready.caseId,
    kind: "letter_awaiting_approval",
    letterKind: ready.kind,
    version: String(ready.version),
  });
}
