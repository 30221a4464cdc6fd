import { describe, expect, it } from "vitest";
import { CATEGORIES } from "../../../src/cases/taxonomy.ts";
import { asksForFollowUp, screenComment } from "../../../src/surveys/screening.ts";
import { commentTheme } from "../../../src/surveys/themes.ts";
import { LABELLED_COMMENTS } from "../../fixtures/survey-comments.ts";

// The CMS survey screen and the theme classifier, measured on the labelled fixture set.

const facts = (item: (typeof LABELLED_COMMENTS)[number]) => ({ text: item.text, patientName: item.name, patientContact: item.contact, contactRequested: item.contactMe ?? false });

describe("the CMS survey screen", () => {
  it("has a fixture set of at least 40 labelled comments, each with a taxonomy category", () => {
    expect(LABELLED_COMMENTS.length).toBeGreaterThanOrEqual(40);
    const ids = new Set<string>(CATEGORIES.map((category) => category.id));
    for (const item of LABELLED_COMMENTS) expect(ids.has(item.category)).toBe(true);
  });

  it("finds grievance candidates with high precision and recall", () => {
    let truePositive = 0;
    let falsePositive = 0;
    let falseNegative = 0;
    const misses: string[] = [];
    for (const item of LABELLED_COMMENTS) {
      const candidate = screenComment(facts(item)).screening === "candidate";
      if (candidate && item.candidate) truePositive++;
      else if (candidate) {
        falsePositive++;
        misses.push(`false candidate: ${item.text}`);
      } else if (item.candidate) {
        falseNegative++;
        misses.push(`missed: ${item.text}`);
      }
    }
    const precision = truePositive / (truePositive + falsePositive);
    const recall = truePositive / (truePositive + falseNegative);
    console.log(`survey screen on ${LABELLED_COMMENTS.length} comments: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (TP ${truePositive}, FP ${falsePositive}, FN ${falseNegative})${misses.length ? `\n  ${misses.join("\n  ")}` : ""}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it("never makes an anonymous comment a candidate, whatever it asks", () => {
    expect(screenComment({ text: "Please call me!", contactRequested: true })).toEqual({ screening: "anonymous", rule: "anonymous_asks_but_unreachable" });
    expect(screenComment({ text: "Dirty room.", contactRequested: false })).toEqual({ screening: "anonymous", rule: "anonymous" });
    expect(screenComment({ text: "Dirty room.", patientName: "A B", contactRequested: false })).toEqual({ screening: "no_request", rule: "identified_no_request" });
    expect(screenComment({ text: "Dirty room.", patientName: "A B", contactRequested: true })).toEqual({ screening: "candidate", rule: "contact_requested" });
  });

  it("lets a refusal of follow-up win over a request pattern", () => {
    expect(asksForFollowUp("Do not call me.")).toBe(false);
    expect(asksForFollowUp("No response needed, just telling you.")).toBe(false);
    expect(asksForFollowUp("I expect a response.")).toBe(true);
  });
});

describe("the comment theme classifier", () => {
  it("assigns the labelled category to most comments", () => {
    const wrong = LABELLED_COMMENTS.filter((item) => commentTheme(item.text) !== item.category);
    const accuracy = 1 - wrong.length / LABELLED_COMMENTS.length;
    console.log(`theme classifier on ${LABELLED_COMMENTS.length} comments: accuracy ${accuracy.toFixed(3)}${wrong.length ? `\n  ${wrong.map((item) => `${item.category} ← ${commentTheme(item.text)}: ${item.text}`).join("\n  ")}` : ""}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it("does not call a complaint with a courtesy thank-you a compliment", () => {
    expect(commentTheme("Thank you, but the room was dirty.")).toBe("environment");
  });
});
