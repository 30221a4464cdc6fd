import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settableClock } from "../../src/lib/clock.ts";
import { fileCaseThroughSlack } from "../support/case-flow.ts";
import { startTestApp, TEST_NOW, type TestApp } from "../support/test-app.ts";

const COORDINATOR = "U0COORD0R1";
const MANAGER = "U0MANAGER2";

// Two bot instances on one PostgreSQL database run the reminder job for the same moment: every
// reminder goes out once, and running it again after a "restart" sends nothing new.
describe("reminders with two instances on one database (postgres)", () => {
  const clock = settableClock(TEST_NOW);
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp("postgres", { clock });
    second = await startTestApp("postgres", { clock, databaseUrl: first.running.deps.env.DATABASE_URL });
    await first.running.deps.roles.setRole(COORDINATOR, "coordinator", "U0ADMIN001");
    await first.running.deps.roles.setRole(MANAGER, "manager", "U0ADMIN001");
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const dmsTo = (userId: string) =>
    [...first.slack.calls, ...second.slack.calls].filter((call) => call.method === "chat.postMessage" && call.body.channel === userId).map((call) => String(call.body.text));

  async function runRemindersOnBoth() {
    // Both instances fire the same slot at the same moment, then deliver.
    await Promise.all([first, second].map((app) => app.running.deps.scheduler.runOnce(app.running.deps.remindersJob)));
    await Promise.all([first.running.deps.outbox.kick(), second.running.deps.outbox.kick()]);
  }

  it("sends the due-soon reminder once, the breach reminder once to owner and managers, and nothing twice", async () => {
    // Filed Saturday; acknowledgement due Tuesday 1 Dec 09:30 New York, response due Friday 4 Dec.
    const filed = await fileCaseThroughSlack(first);
    expect(filed.ownerId).toBe(COORDINATOR);
    // The owner's "You now own" DM waits for the case's card, so it can arrive late: count from after it.
    await expect.poll(() => dmsTo(COORDINATOR).some((text) => text.startsWith("You now own")), { timeout: 10_000 }).toBe(true);
    const ownerBefore = dmsTo(COORDINATOR).length;

    clock.set("2026-11-30T16:00:00Z"); // Monday: within 24 h of the acknowledgement deadline
    await runRemindersOnBoth();
    expect(dmsTo(COORDINATOR).slice(ownerBefore).filter((text) => text.includes("Acknowledgement due"))).toHaveLength(1);

    await runRemindersOnBoth(); // the next slot: nothing new
    expect(dmsTo(COORDINATOR).slice(ownerBefore)).toHaveLength(1);

    clock.set("2026-12-01T15:00:00Z"); // Tuesday after 09:30: acknowledgement overdue
    await runRemindersOnBoth();
    expect(dmsTo(COORDINATOR).filter((text) => text.includes("Acknowledgement overdue"))).toHaveLength(1);
    expect(dmsTo(MANAGER).filter((text) => text.includes("Acknowledgement overdue") && text.includes(filed.number))).toHaveLength(1);

    // A restarted instance recomputes the same reminders and sends none of them again.
    await runRemindersOnBoth();
    expect(dmsTo(COORDINATOR).filter((text) => text.includes("Acknowledgement overdue"))).toHaveLength(1);
    const keys = await first.running.deps.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `reminder:${filed.id}` } } });
    expect(new Set(keys.map((row) => row.dedupeKey)).size).toBe(keys.length);
    expect(keys.every((row) => row.status === "sent")).toBe(true);
  });

  it("stops reminding once the case is acknowledged", async () => {
    clock.set(TEST_NOW);
    const filed = await fileCaseThroughSlack(first);
    await first.running.deps.caseActions.changeStatus(filed.id, COORDINATOR, "acknowledged");
    clock.set("2026-12-01T15:00:00Z");
    await runRemindersOnBoth();
    const about = dmsTo(COORDINATOR).filter((text) => text.includes(filed.number) && text.includes("Acknowledgement"));
    expect(about).toHaveLength(0);
  });
});
