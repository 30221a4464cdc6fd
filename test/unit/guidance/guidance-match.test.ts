import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CaseFacts } from "../../../src/guidance/case-facts.ts";
import { dischargeIsPending, fillSettings, findCard, matchGuidance, raisesTopic } from "../../../src/guidance/guidance.ts";
import { cardsOf, parseGuidance } from "../../../src/guidance/guidance.schema.ts";
import { DEFAULT_GUIDANCE_FILE } from "../../../src/guidance/guidance.service.ts";
import { plainCaseFacts } from "../../fixtures/case-facts.ts";

const parsed = parseGuidance(readFileSync(DEFAULT_GUIDANCE_FILE, "utf8"));
if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
const CARDS = cardsOf(parsed.value);

const facts = (overrides: Partial<CaseFacts> = {}) => plainCaseFacts("Nobody told us the visiting hours.", overrides);
const ids = (f: CaseFacts) => matchGuidance(CARDS, f).map((card) => card.id);

describe("guidance cards matched to a case", () => {
  it("puts the same-day QIO review first for a Medicare discharge concern raised before the discharge", () => {
    const matched = matchGuidance(CARDS, facts({ medicareBeneficiary: true, category: "discharge", narrative: "They want to discharge my father tomorrow and he cannot walk yet." }));
    expect(matched[0]?.id).toBe("medicare-expedited-review");
    expect(matched[0]?.body[0]).toMatch(/^First: the patient can ask the QIO for an expedited review of the discharge today/);
    expect(matched.map((card) => card.id)).toContain("medicare-discharge-rights");
  });

  it("does not offer the expedited review once the patient has gone home, but still the discharge rights", () => {
    const matched = ids(facts({ medicareBeneficiary: true, category: "discharge", narrative: "She was sent home too early last week and was readmitted." }));
    expect(matched).not.toContain("medicare-expedited-review");
    expect(matched).toContain("medicare-discharge-rights");
  });

  it("does not show Medicare cards to a patient who is not a Medicare beneficiary", () => {
    const matched = ids(facts({ category: "discharge", narrative: "They want to discharge him today." }));
    expect(matched.filter((id) => id.startsWith("medicare"))).toEqual([]);
    expect(matched).toContain("patient-navigation");
  });

  it("finds a discharge in the narrative whatever category was picked, and only while the case is open", () => {
    const pending = facts({ category: "communication", narrative: "The doctor is planning to discharge her this afternoon." });
    expect(raisesTopic(pending, "discharge")).toBe(true);
    expect(dischargeIsPending(pending)).toBe(true);
    expect(dischargeIsPending({ ...pending, open: false })).toBe(false);
    expect(dischargeIsPending(facts({ narrative: "The food was cold." }))).toBe(false);
  });

  it("shows financial assistance for billing, and the ABN only to a Medicare patient", () => {
    expect(ids(facts({ category: "billing", narrative: "I was billed twice." }))).toEqual(expect.arrayContaining(["financial-assistance"]));
    expect(ids(facts({ category: "billing", narrative: "I was billed twice." }))).not.toContain("medicare-abn");
    expect(ids(facts({ category: "billing", medicareBeneficiary: true, narrative: "Medicare did not pay the bill." }))).toContain("medicare-abn");
  });

  it("shows the MOON card for a Medicare observation stay and for any Medicare billing-rights case", () => {
    expect(ids(facts({ medicareBeneficiary: true, narrative: "He was kept under observation for three days and now we owe." }))).toContain("medicare-observation-moon");
    expect(ids(facts({ category: "billing_rights" }))).toContain("medicare-observation-moon");
  });

  it("shows language access when someone on the case prefers a language other than English", () => {
    expect(ids(facts({ languages: ["Spanish"] }))).toContain("language-access");
    expect(ids(facts({ languages: ["English"] }))).not.toContain("language-access");
    expect(ids(facts({ narrative: "My son had to interpret for me." }))).not.toContain("language-access");
    expect(ids(facts({ narrative: "No interpreter came." }))).toContain("language-access");
  });

  it("shows the de-escalation script for harm, a major or critical case, or a complaint about being listened to", () => {
    expect(ids(facts({ allegesHarm: true }))).toContain("de-escalation");
    expect(ids(facts({ severity: 4 }))).toContain("de-escalation");
    expect(ids(facts({ category: "listening" }))).toContain("de-escalation");
    expect(ids(facts({ category: "environment", narrative: "The room was noisy." }))).not.toContain("de-escalation");
  });

  it("shows Medicaid help when Medicaid comes up", () => {
    expect(ids(facts({ narrative: "She lost her Medicaid and cannot pay." }))).toContain("medicaid-help");
  });

  it("shows nothing on a compliment", () => {
    expect(ids(facts({ category: "compliment", severity: 4, languages: ["Spanish"] }))).toEqual([]);
  });

  it("finds a card by id, alias or a word of its title for /case guide", () => {
    expect(findCard(CARDS, "qio")?.id).toBe("medicare-expedited-review");
    expect(findCard(CARDS, "MOON")?.id).toBe("medicare-observation-moon");
    expect(findCard(CARDS, "de-escalation")?.id).toBe("de-escalation");
    expect(findCard(CARDS, "interpreters")?.id).toBe("language-access");
    expect(findCard(CARDS, "parking")).toBeUndefined();
    expect(findCard(CARDS, "  ")).toBeUndefined();
  });

  it("fills in the hospital's settings and says plainly when one is not set, never guessing a number", () => {
    expect(fillSettings(["Call {qio_name} at {qio_phone}."], { qio_name: "Example QIO", qio_phone: "(555) 010-0199" })).toEqual(["Call Example QIO at (555) 010-0199."]);
    const [line] = fillSettings(["Call {qio_phone}."], {});
    expect(line).toContain("qio phone: not set yet");
    expect(line).not.toMatch(/\d{3}/);
  });
});
