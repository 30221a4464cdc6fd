import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GUIDANCE_LIMITS, parseGuidance } from "../../../src/guidance/guidance.schema.ts";
import { DEFAULT_GUIDANCE_FILE } from "../../../src/guidance/guidance.service.ts";

const card = (fields: string) => `version: 1\ncards:\n  - id: billing-help\n    title: Billing help\n${fields}`;
const GOOD = "    when: { topics: [billing] }\n    body: [Offer the financial assistance policy.]\n    sources: [26 CFR 1.501(r)-4]\n";
const errorsOf = (text: string) => {
  const result = parseGuidance(text);
  if (result.ok) throw new Error("expected problems");
  return result.errors;
};

describe("the guidance file", () => {
  it("ships valid, with every card cited and the QIO phone left for the hospital to fill in", () => {
    const result = parseGuidance(readFileSync(DEFAULT_GUIDANCE_FILE, "utf8"));
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.value.settings.qio_phone).toBeUndefined();
    expect(result.value.cards.map((entry) => entry.id)).toEqual(
      expect.arrayContaining(["medicare-expedited-review", "medicare-observation-moon", "medicare-abn", "medicaid-help", "financial-assistance", "language-access", "patient-navigation", "de-escalation"]),
    );
    for (const entry of result.value.cards) expect(entry.sources.length).toBeGreaterThan(0);
  });

  it("accepts a minimal card and a list of condition groups", () => {
    expect(parseGuidance(card(GOOD)).ok).toBe(true);
    expect(parseGuidance(card(GOOD.replace("{ topics: [billing] }", "[{ topics: [billing] }, { severities: [4] }]"))).ok).toBe(true);
  });

  it("says where the YAML is broken", () => {
    expect(errorsOf("version: 1\ncards:\n  - id: a\n   title: b\n")[0]).toMatch(/^line \d+, column \d+: this is not valid YAML/);
  });

  it("refuses an empty file, a file that is not settings, and one that is too long", () => {
    expect(errorsOf("  \n")).toEqual(["document: the guidance file is empty; start from the shipped guidance.yml"]);
    expect(errorsOf("- a\n- b\n")[0]).toContain("must be a group of settings");
    expect(errorsOf(`# ${"x".repeat(GUIDANCE_LIMITS.characters)}\n`)[0]).toContain("the limit is 60,000");
  });

  it("names a missing or wrong version", () => {
    expect(errorsOf("cards: []\n")).toContain("version: is missing; add version: 1 at the top");
    expect(errorsOf(card(GOOD).replace("version: 1", "version: 2"))).toContain("version: must be 1 (the only guidance format so far)");
  });

  it("names an unknown setting in a card, with the allowed ones", () => {
    expect(errorsOf(card(`${GOOD}    colour: red\n`))).toEqual([expect.stringMatching(/^cards\[0\]: unknown setting "colour"; the allowed settings here are: id, title, urgent/)]);
  });

  it("names an unknown category, topic or language condition", () => {
    expect(errorsOf(card(GOOD.replace("topics: [billing]", "categories: [parking]")))).toEqual([expect.stringMatching(/^cards\[0\]\.when\[0\]\.categories\[0\]: "parking" is not a known category; use one of: quality/)]);
    expect(errorsOf(card(GOOD.replace("topics: [billing]", "topics: [bills]")))).toEqual([expect.stringMatching(/^cards\[0\]\.when\[0\]\.topics\[0\]: "bills" is not a known topic/)]);
    expect(errorsOf(card(GOOD.replace("topics: [billing]", "language: spanish")))).toEqual([expect.stringMatching(/^cards\[0\]\.when\[0\]\.language: must be not_english/)]);
  });

  it("refuses a group with no conditions, which would match every case", () => {
    expect(errorsOf(card(GOOD.replace("{ topics: [billing] }", "{}")))).toEqual([expect.stringMatching(/^cards\[0\]\.when\[0\]: has no conditions, so the card would show on every case/)]);
  });

  it("refuses a placeholder that is not a setting", () => {
    expect(errorsOf(card(GOOD.replace("Offer the financial assistance policy.", "'Call {qio_fone}'")))).toEqual([expect.stringMatching(/^cards\[0\]\.body\[0\]: uses \{qio_fone\}, which is not a setting; the settings are: qio_name, qio_phone/)]);
  });

  it("refuses a card without sources, and a body too long to be a card", () => {
    expect(errorsOf(card(GOOD.replace("[26 CFR 1.501(r)-4]", "[]")))).toEqual(["cards[0].sources: is an empty list; cite at least one source so the guidance can be checked"]);
    const lines = Array.from({ length: GUIDANCE_LIMITS.bodyLines + 1 }, (_, n) => `line ${n}`).join(", ");
    expect(errorsOf(card(GOOD.replace("[Offer the financial assistance policy.]", `[${lines}]`)))).toEqual([expect.stringContaining("cards[0].body: has more than 8 lines")]);
  });

  it("names a second card with the same id", () => {
    const twice = `${card(GOOD)}  - id: billing-help\n    title: Again\n${GOOD}`;
    expect(errorsOf(twice)).toEqual(['cards[1].id: the card id "billing-help" is already used by cards[0]; give each card its own id']);
  });

  it("names an unknown contact setting", () => {
    expect(errorsOf(`version: 1\nsettings:\n  qio_fax: "1"\n${card(GOOD).replace("version: 1\n", "")}`)).toEqual([expect.stringMatching(/^settings: unknown setting "qio_fax"/)]);
  });
});
