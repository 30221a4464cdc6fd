import { describe, expect, it } from "vitest";
import { answerIssues, issuesAnswered, issueVerdictsOf } from "../../../src/letters/issues-answered.ts";
import { ISSUE_LETTERS } from "../../fixtures/letters/issue-letters.ts";

// The issues_answered rule against hand-written letters (test/fixtures/letters/issue-letters.ts):
// "positive" here is an issue the letter leaves unanswered, which the check must catch.

describe("issues_answered on the fixture letters", () => {
  const verdicts = ISSUE_LETTERS.map((fixture) => ({ fixture, got: answerIssues(fixture.letter, fixture.issues) }));
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  const wrong: string[] = [];
  for (const { fixture, got } of verdicts) {
    fixture.answered.forEach((answered, index) => {
      const flagged = !got[index]!.answered;
      if (!answered && flagged) truePositive += 1;
      if (answered && flagged) falsePositive += 1;
      if (!answered && !flagged) falseNegative += 1;
      if (answered === flagged) wrong.push(`${fixture.name}: issue ${index + 1} expected ${answered ? "answered" : "unanswered"}`);
    });
  }
  const precision = truePositive / (truePositive + falsePositive);
  const recall = truePositive / (truePositive + falseNegative);

  it("has a fixture set large enough to measure", () => {
    expect(ISSUE_LETTERS.length).toBeGreaterThanOrEqual(30);
    expect(ISSUE_LETTERS.filter((fixture) => fixture.answered.every(Boolean)).length).toBeGreaterThanOrEqual(10);
    expect(ISSUE_LETTERS.filter((fixture) => fixture.answered.filter((answered) => !answered).length === 1).length).toBeGreaterThanOrEqual(10);
    for (const fixture of ISSUE_LETTERS) expect(fixture.answered).toHaveLength(fixture.issues.length);
  });

  it("finds unanswered issues (recall ≥ 95%) without failing letters that answer everything", () => {
    const issues = ISSUE_LETTERS.reduce((sum, fixture) => sum + fixture.issues.length, 0);
    console.log(
      `issues_answered: ${ISSUE_LETTERS.length} letters, ${issues} issues, ${truePositive + falseNegative} unanswered; ` +
        `precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}% (missed ${falseNegative}, false alarms ${falsePositive})` +
        (wrong.length > 0 ? `\n  ${wrong.join("\n  ")}` : ""),
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    const fullyAnswering = verdicts.filter(({ fixture }) => fixture.answered.every(Boolean));
    const failing = fullyAnswering.filter(({ fixture }) => !issuesAnswered(fixture.letter, fixture.issues).passed).map(({ fixture }) => fixture.name);
    expect(failing).toEqual([]);
  });

  it("fails every letter that leaves an issue out, naming by number each issue it finds unanswered", () => {
    const leaving = ISSUE_LETTERS.filter((candidate) => candidate.answered.some((answered) => !answered));
    const failed = leaving.filter((fixture) => !issuesAnswered(fixture.letter, fixture.issues).passed);
    console.log(`issues_answered by letter: ${failed.length} of ${leaving.length} letters that leave an issue unanswered fail the check`);
    expect(failed.map((fixture) => fixture.name)).toEqual(leaving.map((fixture) => fixture.name));
    for (const fixture of leaving) {
      const result = issuesAnswered(fixture.letter, fixture.issues);
      for (const verdict of result.issues.filter((entry) => !entry.answered)) {
        expect(result.detail, fixture.name).toContain(`issue ${verdict.number} of ${fixture.issues.length}`);
        expect(fixture.answered[verdict.number - 1], `${fixture.name}: issue ${verdict.number}`).toBe(false);
      }
    }
  });
});

describe("issuesAnswered", () => {
  const issues = ["The food was cold", "The nurse was rude"];

  it("answers an issue only with a finding or action next to it", () => {
    const apology = "We are sorry the food was cold. We spoke with the nurse about her rude manner and she has been coached.";
    expect(answerIssues(apology, issues)).toEqual([
      { number: 1, answered: false, mentionedOnly: true },
      { number: 2, answered: true, mentionedOnly: false },
    ]);
    const answered = `${apology}\n\nWe also found that meal trays waited in the hallway; the kitchen has changed the delivery route.`;
    expect(issuesAnswered(answered, issues)).toMatchObject({ passed: true });
  });

  it("reads synonyms and word forms: wait / delay, rude / discourteous, bill / invoice, sent home / discharge", () => {
    const text = "We reviewed the delay and found it was caused by a staffing gap. The discourteous remark was discussed with the staff member. The invoice has been corrected. We reviewed why you were sent home that evening and found the team followed the discharge plan.";
    expect(answerIssues(text, ["Long wait", "Rude receptionist", "Wrong bill", "Discharged too soon"]).map((verdict) => verdict.answered)).toEqual([true, true, true, true]);
  });

  it("does not count a result still to come as an answer", () => {
    expect(issuesAnswered("About the cold food: we have not finished looking into this yet.", ["The food was cold"])).toMatchObject({ passed: false });
  });

  it("says which issues are missing, and fails when none are recorded", () => {
    const result = issuesAnswered("We found the tray was late and the kitchen has changed its route for the food.", issues);
    expect(result.passed).toBe(false);
    expect(result.detail).toBe("Not answered: issue 2 of 2 (“The nurse was rude”).");
    expect(issuesAnswered("Anything.", [])).toMatchObject({ passed: false });
  });

  it("reads the per-issue verdicts back from a stored check, ignoring other shapes", () => {
    const stored = { id: "issues_answered", passed: false, issues: [{ number: 1, answered: true, mentionedOnly: false }, { number: "2" }] };
    expect(issueVerdictsOf(stored)).toEqual([{ number: 1, answered: true, mentionedOnly: false }]);
    expect(issueVerdictsOf({ id: "results", issues: [] })).toEqual([]);
  });
});
