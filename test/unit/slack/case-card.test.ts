import { describe, expect, it } from "vitest";
import type { CaseSummary } from "../../../src/cases/case.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";
import { caseCard, filedConfirmation } from "../../../src/slack/blocks/case-card.ts";

const summary: CaseSummary = caseSummary();

describe("caseCard", () => {
  const card = caseCard(summary, "America/New_York");
  const rendered = JSON.stringify(card);

  it("shows number, unit, category, severity, type with its rule, due dates, owner and status", () => {
    for (const expected of ["PR-2026-0042", "Emergency Department", "Communication and information", "2 – Moderate", "Grievance", "not resolved at the time", "Respond (or send the interim letter) by Fri 4 Dec, 9:30 AM EST", "Unassigned", "New"]) {
      expect(rendered).toContain(expected);
    }
    expect(card.text).toContain("PR-2026-0042");
  });

  it("escapes configured names so a department can never ping or link", () => {
    const hostile = JSON.stringify(caseCard({ ...summary, department: "<!channel> <https://x.example|Ward>" }, "UTC"));
    expect(hostile).not.toContain("<!channel>");
    expect(hostile).not.toContain("<https://x.example");
  });

  it("flags critical and harm cases", () => {
    expect(caseCard({ ...summary, severity: 4 }, "UTC").text).toContain(":rotating_light:");
    expect(caseCard({ ...summary, allegesHarm: true }, "UTC").text).toContain(":rotating_light:");
  });

  it("says when no clock runs", () => {
    const resolved = caseCard({ ...summary, type: "complaint", classificationRule: "resolved_at_point_of_service", status: "resolved", acknowledgeDueAt: null, responseDueAt: null }, "UTC");
    expect(JSON.stringify(resolved)).toContain("resolved at point of service");
  });

  it("keeps every text within Slack's limits", () => {
    for (const block of card.blocks) expect(JSON.stringify(block).length).toBeLessThan(3000);
  });
});

describe("filedConfirmation", () => {
  it("tells the filer the number, or that it was already filed", () => {
    expect(filedConfirmation(summary, "UTC", false).text).toBe("Filed PR-2026-0042 as a grievance.");
    expect(filedConfirmation(summary, "UTC", true).text).toBe("Already filed as PR-2026-0042");
  });
});
