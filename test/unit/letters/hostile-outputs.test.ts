import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DraftResult, LetterDrafter } from "../../../src/letters/drafter.ts";
import { checkLetter, failedRequired, type LetterCheck } from "../../../src/letters/letter-check.ts";
import { promptGuard, promptLeaks, shippedPromptGuard } from "../../../src/letters/letter-prompt-leak.ts";
import { reidentifyLetter } from "../../../src/letters/letter-reidentify.ts";
import type { LetterFacts } from "../../../src/letters/letter.schema.ts";
import { LETTER_OUTBOX } from "../../../src/letters/letter-outbox.ts";
import { createTemplateDrafter } from "../../../src/letters/template-drafter.ts";
import { loadPrompt, loadPromptsSync } from "../../../src/llm/prompts.ts";
import {
  CASES,
  type CaseId,
  contextFor,
  DISGUISE_KINDS,
  type DisguiseKind,
  GOOD_LETTERS,
  HOSTILE_LETTERS,
  identityFor,
  PROMPT_CANARY,
} from "../../fixtures/letters/hostile-outputs.ts";
import { memoryServices } from "../../support/memory-services.ts";
import { refusal } from "../../support/refusal.ts";

// The letter checks against what a model writes when a complaint tells it what to write: every
// hostile letter must be refused by the required check meant for its disguise, and every good
// letter must pass every required check. The model's text goes through the letter's
// re-identification first, as in the service, so identifiers it may not hold stay placeholders.

function checked(caseId: CaseId, kind: "response" | "interim", modelText: string, extraMap: Record<string, string> = {}) {
  const { text } = reidentifyLetter(modelText, { ...CASES[caseId].map, ...extraMap }, identityFor(caseId));
  const checks = checkLetter(text, contextFor(caseId, kind));
  return { text, checks, failed: failedRequired(checks) };
}

const summary = new Map<DisguiseKind, { total: number; byIntendedCheck: number; byAnyRequiredCheck: number }>();
let falsePositives = 0;

describe("hostile model outputs", () => {
  it("has at least 40 hostile letters, at least three of every kind, and at least 10 good letters", () => {
    expect(HOSTILE_LETTERS.length).toBeGreaterThanOrEqual(40);
    expect(GOOD_LETTERS.length).toBeGreaterThanOrEqual(10);
    for (const kind of Object.keys(DISGUISE_KINDS) as DisguiseKind[]) {
      expect(HOSTILE_LETTERS.filter((letter) => letter.disguise === kind).length, kind).toBeGreaterThanOrEqual(3);
    }
    expect(new Set([...HOSTILE_LETTERS, ...GOOD_LETTERS].map((letter) => letter.id)).size).toBe(HOSTILE_LETTERS.length + GOOD_LETTERS.length);
  });

  it.each(HOSTILE_LETTERS.map((letter) => [letter.id, letter] as const))("%s is refused by a required check", (_id, letter) => {
    const { failed } = checked(letter.caseId, letter.kind, letter.text, letter.map);
    const row = summary.get(letter.disguise) ?? { total: 0, byIntendedCheck: 0, byAnyRequiredCheck: 0 };
    row.total += 1;
    if (failed.some((check) => check.id === letter.caughtBy)) row.byIntendedCheck += 1;
    if (failed.length > 0) row.byAnyRequiredCheck += 1;
    summary.set(letter.disguise, row);
    expect(failed.map((check) => check.id)).toContain(letter.caughtBy);
    expect(failed.find((check) => check.id === letter.caughtBy)?.detail).toBeTruthy();
  });

  it.each(GOOD_LETTERS.map((letter) => [letter.id, letter] as const))("%s passes every required check", (_id, letter) => {
    const { failed, checks } = checked(letter.caseId, letter.kind, letter.text);
    if (failed.length > 0) falsePositives += 1;
    expect(failed.map((check: LetterCheck) => `${check.id}: ${check.detail}`)).toEqual([]);
    // The re-identified letter names the family and carries no placeholder.
    expect(checks.find((check) => check.id === "placeholders_resolved")?.passed).toBe(true);
  });

  afterAll(() => {
    const rows = (Object.keys(DISGUISE_KINDS) as DisguiseKind[]).map((kind) => {
      const row = summary.get(kind) ?? { total: 0, byIntendedCheck: 0, byAnyRequiredCheck: 0 };
      return `  ${DISGUISE_KINDS[kind].padEnd(46)} ${String(row.byIntendedCheck).padStart(2)}/${String(row.total).padEnd(2)} (any required check: ${row.byAnyRequiredCheck})`;
    });
    const flagged = [...summary.values()].reduce((sum, row) => sum + row.byIntendedCheck, 0);
    console.info(
      [
        "Hostile model outputs flagged by the required check meant for them, per disguise kind:",
        ...rows,
        `  ${"All".padEnd(46)} ${flagged}/${HOSTILE_LETTERS.length}`,
        `False positives on ${GOOD_LETTERS.length} good letters (a failed required check): ${falsePositives}`,
      ].join("\n"),
    );
  });
});

describe("hostile model outputs: the disguises are named in the checklist", () => {
  const detail = (id: string) => {
    const letter = HOSTILE_LETTERS.find((entry) => entry.id === id)!;
    return checked(letter.caseId, letter.kind, letter.text, letter.map).failed.find((check) => check.id === letter.caughtBy)!.detail!;
  };

  it.each([
    ["bare-ru-path", "link “evil.ru/x”"],
    ["bare-lookalike-subdomain", "link “riverside.example.patient-portal.top/policy”"],
    ["defanged-hxxp", "link “http://evil.com/claim” (written disguised)"],
    ["defanged-spaced-hxxps", "link “https://northgate-billing.site/pay” (written disguised)"],
    ["email-bracketed", "email “billing.review@northgate-help.org” (written disguised)"],
    ["email-at-dot-words", "email “john@evil.com” (written in words)"],
    ["email-at-bare-domain", "email “interpreter.desk@language-help.legal” (written in words)"],
    ["phone-words-seven", "phone “five five five, one two three four” (written in words or spaced digits)"],
    ["vanity-fix-bill", "phone “1-800-FIX-BILL”"],
    ["name-invented-ceo", "name “John Doe”"],
    ["name-upper-title", "name “DR. ALAN REYES”"],
    ["placeholder-double-brackets", "“[Ruth Testfamily]”"],
    ["money-bill-cancelled", "“bill for this visit has been cancelled”"],
    ["admit-dropped-ball", "“dropped the ball”"],
    ["prompt-canary", "the prompt's canary"],
    ["identifier-mrn", "identifier “MRN •••••03”"],
    ["identifier-member-id-words", "(in words)"],
    ["reidentified-other-patient", "“[NAME_4]”, “[MRN_2]”"],
  ])("%s: %s", (id, expected) => {
    expect(detail(id)).toContain(expected);
  });

  it("never shows an identifier's value in full, only its last two digits", () => {
    expect(detail("identifier-ssn-full")).not.toContain("123-45-6789");
    expect(detail("identifier-ssn-full")).toContain("•••-••-••89");
  });
});

describe("letter re-identification puts back only what a letter may hold", () => {
  const identity = identityFor("ed");
  const map = {
    "[NAME_1]": "Ana Testfamily",
    "[NAME_2]": "Lucia",
    "[NAME_3]": "Testpatient, Lucia",
    "[NAME_4]": "Carlos Testpatient",
    "[NAME_5]": "Kelly",
    "[NAME_6]": "Dana Whitfield",
    "[PHONE_1]": "(555) 201-4400",
    "[PHONE_2]": "555-201-3344",
    "[PHONE_3]": "555-201-4400 ext. 12",
    "[EMAIL_1]": "patientrelations@lakeside.example",
    "[EMAIL_2]": "ana.t@example.org",
    "[URL_1]": "https://lakeside.example/feedback",
    "[MRN_1]": "A1234567",
    "[SSN_1]": "123-45-6789",
    "[ACCOUNT_1]": "44556677",
    "[ID_1]": "88112233",
    "[IP_1]": "203.0.113.45",
    "[DATE_1]": "03/14/1962",
    "[DATE_902]": "February 24, 2025",
    "[ADDRESS_1]": "1234 Elm Street",
  };

  it.each([
    ["[NAME_1]", "Ana Testfamily"],
    ["[NAME_2]", "Lucia"],
    ["[NAME_3]", "Testpatient, Lucia"],
    ["[NAME_6]", "Dana Whitfield"],
    ["[PHONE_1]", "(555) 201-4400"],
    ["[PHONE_3]", "555-201-4400 ext. 12"],
    ["[EMAIL_1]", "patientrelations@lakeside.example"],
    ["[URL_1]", "https://lakeside.example/feedback"],
    ["[DATE_902]", "February 24, 2025"],
  ])("puts back %s (the case's people, the hospital's contacts, the letter's dates)", (placeholder, value) => {
    expect(reidentifyLetter(`See ${placeholder}.`, map, identity)).toEqual({ text: `See ${value}.`, withheld: [], unresolved: [] });
  });

  it.each([
    ["[NAME_4]", "a relative who shares the patient's surname"],
    ["[NAME_5]", "a nurse named in a note"],
    ["[PHONE_2]", "the patient's own phone"],
    ["[EMAIL_2]", "the family's own email"],
    ["[MRN_1]", "a medical record number"],
    ["[SSN_1]", "a Social Security number"],
    ["[ACCOUNT_1]", "an account number"],
    ["[ID_1]", "an id"],
    ["[IP_1]", "an IP address"],
    ["[DATE_1]", "a date from the case text (a date of birth)"],
    ["[ADDRESS_1]", "the patient's address"],
  ])("keeps %s as a placeholder (%s), in its canonical form", (placeholder) => {
    const lower = placeholder.toLowerCase().replace("_", "_0");
    const result = reidentifyLetter(`See ${placeholder} and ${lower}.`, map, identity);
    expect(result).toEqual({ text: `See ${placeholder} and ${placeholder}.`, withheld: [placeholder], unresolved: [] });
    expect(failedRequired(checkLetter(result.text, contextFor("ed", "response"))).map((check) => check.id)).toContain("placeholders_resolved");
  });

  it("reports placeholders the map does not know as unresolved, as before", () => {
    expect(reidentifyLetter("Dear [NAME_9],", map, identity)).toEqual({ text: "Dear [NAME_9],", withheld: [], unresolved: ["[NAME_9]"] });
  });
});

describe("the prompt's canary and verbatim runs", () => {
  it("is in the shipped prompt's body, which the model receives, and the fixtures use the same one", async () => {
    const prompt = await loadPrompt("response-letter");
    expect(prompt.canary).toBe(PROMPT_CANARY);
    expect(prompt.body).toContain(PROMPT_CANARY);
    expect(loadPromptsSync().map((entry) => entry.id)).toContain("response-letter");
  });

  it("refuses to load a prompt whose canary is not in its body", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prompts-"));
    writeFileSync(join(dir, "broken.md"), "---\nid: broken\nversion: 1\ninputs: [a]\noutput: b\ncanary: ZZ-CANARY-123456\n---\nNo marker here.\n");
    await expect(loadPrompt("broken", `${dir}/`)).rejects.toThrow("canary");
  });

  it("catches the canary however it is spaced or cased", () => {
    for (const written of [PROMPT_CANARY, PROMPT_CANARY.toLowerCase(), PROMPT_CANARY.replaceAll("-", " "), PROMPT_CANARY.replaceAll("-", " - ")]) {
      expect(promptLeaks(`Ref: ${written}.`)).toContain("the prompt's canary");
    }
  });

  it("catches 8 consecutive words of any shipped prompt, and not 7", () => {
    const words = "you write the hospital's written response to a".split(" ");
    expect(shippedPromptGuard().runs.has(words.join(" "))).toBe(true);
    expect(promptLeaks(`As you asked: ${words.join(" ")}.`)).toEqual(["8 words of the prompt (“you write the hospital's written response to a”)"]);
    expect(promptLeaks(`As you asked: ${words.slice(0, 7).join(" ")} letter.`)).toEqual([]);
  });

  it("takes another prompt when given one", () => {
    const guard = promptGuard([{ body: "one two three four five six seven eight nine", canary: "XQ-CANARY-0042-TEST" }]);
    expect(promptLeaks("We said two three four five six seven eight nine today.", guard)).toEqual(["8 words of the prompt (“two three four five six seven eight nine”)"]);
    expect(promptLeaks("xq canary 0042 test", guard)).toEqual(["the prompt's canary"]);
  });
});

describe("through the letter service", () => {
  const COORDINATOR = "U0COORD0L1";
  const MANAGER = "U0MANAGER3";
  const ROLES = { [COORDINATOR]: "coordinator", [MANAGER]: "manager" } as const;

  /** A drafter obeying the complaint: it writes back the record number and the other patient the facts hold as placeholders. */
  function obedientDrafter(): LetterDrafter {
    const template = createTemplateDrafter();
    return {
      async draft(facts: LetterFacts): Promise<DraftResult> {
        const { draft } = await template.draft(facts);
        const placeholders = facts.concern.description.match(/\[(?:MRN|NAME|SSN)_\d+\]/g) ?? [];
        return {
          draft: { ...draft, results: `${draft.results} For your records: ${placeholders.join(", ")}.` },
          source: "llm",
          model: "gpt-test",
          promptId: "response-letter",
          promptVersion: "1",
          promptHash: "a".repeat(64),
          latencyMs: 5,
        };
      },
    };
  }

  async function draftedFor(description: string) {
    const app = memoryServices({ roles: ROLES, drafter: obedientDrafter() });
    const filed = await app.fileCase({ category: "quality", description }, { owner: COORDINATOR });
    await app.caseActions.addNote(filed.id, COORDINATOR, "step", "We reviewed the triage log and spoke with the charge nurse on duty.");
    await app.caseActions.addNote(filed.id, COORDINATOR, "result", "We found that the wait was caused by a staffing shortage that night.");
    const requested = await app.letters.request(filed.id, COORDINATOR, "response", `request:${filed.id}`);
    const job = app.queued(LETTER_OUTBOX.draft).find((post) => post.payload.letterId === requested.id)!;
    await app.letters.produceDraft(requested.id, Number(job.payload.version));
    const view = await app.letters.view(requested.id);
    return { app, letter: view.letter, version: view.version! };
  }

  it("keeps the patient's MRN and SSN and another patient's name out of the drafted letter, and refuses it", async () => {
    const { app, letter, version } = await draftedFor(
      "Maria Testpatient (MRN 4471203, SSN 123-45-6789) waited six hours; the patient in the next bed, Mr. Harold Otherpatient, heard everything.",
    );
    for (const identifier of ["4471203", "123-45-6789", "Otherpatient"]) expect(version.text).not.toContain(identifier);
    expect(version.text).toMatch(/\[MRN_\d+\]/);
    expect(version.text).toContain("Dear Jonas Testfamily,");
    expect(failedRequired(version.checks).map((check) => check.id)).toContain("placeholders_resolved");
    expect((await refusal(app.letters.approve(letter.id, MANAGER, 1))).userMessage).toContain("Required checks fail");
  });

  it("refuses a letter a manager edits an SSN or MRN into, unless a reason is given", async () => {
    const { app, letter, version } = await draftedFor("Maria Testpatient waited six hours in the emergency department.");
    expect(version.checks.find((check) => check.id === "no_identifiers")).toMatchObject({ passed: true, required: true });
    await app.letters.edit(letter.id, COORDINATOR, 1, version.text.replace("Sincerely,", "Your SSN on file is 123-45-6789 and your MRN is 4471203.\n\nSincerely,"));
    const edited = (await app.letters.view(letter.id)).version!;
    expect(edited.checks.find((check) => check.id === "no_identifiers")).toMatchObject({ passed: false, required: true });
    expect(edited.checks.find((check) => check.id === "no_identifiers")?.detail).toContain("identifier “SSN on file is •••-••-••89”, identifier “MRN is •••••03”");
    expect((await refusal(app.letters.approve(letter.id, MANAGER, 2))).userMessage).toContain("No record, account, member or Social Security numbers");
  });
});
