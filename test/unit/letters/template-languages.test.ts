import { describe, expect, it } from "vitest";
import { checkLetter, failedRequired, type LetterCheckContext, linksIn, phonesIn } from "../../../src/letters/letter-check.ts";
import type { LetterLanguage } from "../../../src/letters/letter-language.ts";
import { LETTER_LIMITS } from "../../../src/letters/letter-limits.ts";
import { type LetterFacts, renderLetter } from "../../../src/letters/letter.schema.ts";
import { createTemplateDrafter } from "../../../src/letters/template-drafter.ts";

// The template drafter in Spanish and Chinese: a complete case gives a letter that passes every
// required check in its language; one with nothing recorded leaves gaps the checks refuse.

const HOSPITAL = {
  name: "Lakeside Medical Center",
  contactPerson: "Dana Whitfield",
  contactBlock: "(555) 201-4400 · patientrelations@lakeside.example",
  signatory: "Jordan Testsigner",
};
const NOTICES = { qioRequired: true, qio: "QIO: 1-888-555-0142.", stateAgency: "Ohio Department of Health, 1-800-555-0170." };

const CASES: Record<Exclude<LetterLanguage, "en">, { dates: Record<string, string>; issues: LetterFacts["issues"]; desired: string }> = {
  es: {
    dates: { "[DATE_901]": "2 de marzo de 2026", "[DATE_902]": "20 de marzo de 2026", "[DATE_903]": "24 de marzo de 2026" },
    issues: [
      { number: 1, issue: "larga espera en urgencias", steps: ["Revisamos los tiempos de espera de esa noche"], results: ["Usted esperó casi cuatro horas porque llegaron varios pacientes graves; ahora una enfermera revisa la sala de espera cada hora"] },
      { number: 2, issue: "no le dieron el medicamento para el dolor por la noche", steps: ["Hablamos con el equipo de noche"], results: ["La dosis de las 2 de la mañana se dio tarde; el equipo cambió cómo revisa los horarios"] },
    ],
    desired: "Que esto no le pase a nadie más",
  },
  zh: {
    dates: { "[DATE_901]": "2026年3月2日", "[DATE_902]": "2026年3月20日", "[DATE_903]": "2026年3月24日" },
    issues: [
      { number: 1, issue: "急诊室等候时间太长", steps: ["我们查看了那天晚上的等候记录"], results: ["因为同时来了几位重病人，您等了将近四个小时；现在每小时都有护士查看候诊区"] },
      { number: 2, issue: "夜间没有给止痛药", steps: ["我们与夜班护士进行了交谈"], results: ["凌晨2点的那一剂晚了一个多小时；夜班已经改变了核对用药时间的方法"] },
    ],
    desired: "希望这种事不再发生",
  },
};

function factsFor(language: "es" | "zh", kind: "response" | "interim", recorded = true): LetterFacts {
  const entry = CASES[language];
  return {
    kind,
    language: language === "es" ? "Spanish" : "Chinese (simplified)",
    letterLanguage: language,
    recipient: "[NAME_1]",
    hospital: HOSPITAL,
    dates: { received: "[DATE_901]", completion: "[DATE_902]", expectedResponse: "[DATE_903]" },
    concern: { category: "care", description: "…", desiredOutcome: entry.desired },
    investigation: { steps: recorded ? entry.issues.flatMap((issue) => issue.steps) : [], results: recorded ? entry.issues.flatMap((issue) => issue.results) : [] },
    issues: entry.issues.map((issue) => (recorded ? issue : { ...issue, steps: [], results: [] })),
    notices: NOTICES,
  };
}

async function letterFor(language: "es" | "zh", kind: "response" | "interim", recorded = true): Promise<string> {
  const { draft } = await createTemplateDrafter().draft(factsFor(language, kind, recorded));
  const map: Record<string, string> = { ...CASES[language].dates, "[NAME_1]": language === "es" ? "Lucía Testfamilia" : "测试女士" };
  const text = renderLetter(draft, { signatory: HOSPITAL.signatory, hospitalName: HOSPITAL.name });
  return Object.entries(map).reduce((value, [placeholder, real]) => value.split(placeholder).join(real), text);
}

function contextFor(language: "es" | "zh", kind: "response" | "interim", openIssues: string[] = []): LetterCheckContext {
  return {
    kind,
    language,
    issuesRaised: CASES[language].issues.map((issue) => issue.issue),
    openIssues,
    contactPersonName: HOSPITAL.contactPerson,
    allowedNames: ["Lucía Testfamilia", HOSPITAL.contactPerson, HOSPITAL.signatory, HOSPITAL.name],
    // As the letter service allows them: what the hospital's settings hold.
    allowedPhones: phonesIn(`${HOSPITAL.contactBlock} ${NOTICES.qio} ${NOTICES.stateAgency}`),
    allowedUrls: linksIn(`${HOSPITAL.contactBlock} ${NOTICES.qio} ${NOTICES.stateAgency}`),
    requiresQioNotice: kind === "response",
    stateAgencyRequired: kind === "response",
    maxReadingGrade: LETTER_LIMITS.defaultMaxReadingGrade,
    minWords: LETTER_LIMITS.minWords,
    maxWords: LETTER_LIMITS.maxWords,
  };
}

const failing = (text: string, context: LetterCheckContext) => failedRequired(checkLetter(text, context)).map((check) => `${check.id}: ${check.detail ?? ""}`);

describe.each(["es", "zh"] as const)("template letters in %s", (language) => {
  it("a complete response letter passes every required check in its language", async () => {
    const text = await letterFor(language, "response");
    expect(failing(text, contextFor(language, "response"))).toEqual([]);
    // Dates as the language writes them, and the sentences in the language, not in English.
    expect(text).toContain(CASES[language].dates["[DATE_902]"]);
    expect(text).not.toMatch(/\bWe completed our review\b|\bDear\b|\bSincerely\b/);
    const checks = checkLetter(text, contextFor(language, "response"));
    expect(checks.find((check) => check.id === "reading_grade")).toMatchObject({ passed: true, required: false });
    expect(checks.find((check) => check.id === "reading_grade")?.detail).toMatch(/English only/);
  });

  it("an interim letter names each open issue, the promised date and the contact person", async () => {
    const text = await letterFor(language, "interim");
    const open = CASES[language].issues.map((issue) => issue.issue);
    expect(failing(text, contextFor(language, "interim", open))).toEqual([]);
    expect(text).toContain(CASES[language].dates["[DATE_903]"]);
    // Without the sentence naming the first issue, still_reviewing names what is missing.
    const [firstParagraph] = text.split("\n\n").filter((paragraph) => paragraph.includes(open[0]!));
    const without = text.replace(`${firstParagraph}\n\n`, "");
    expect(failing(without, contextFor(language, "interim", open)).join(" ")).toMatch(/^still_reviewing: Not named as still being looked into: issue 1 of 2/);
  });

  it("with nothing recorded, the gaps fail the placeholders, steps and results checks", async () => {
    const text = await letterFor(language, "response", false);
    const failed = failedRequired(checkLetter(text, contextFor(language, "response"))).map((check) => check.id);
    expect(failed).toEqual(expect.arrayContaining(["placeholders_resolved", "issues_answered"]));
  });

  it("the same letter checked as English fails the A-0123 elements, so an English check never passes it by accident", async () => {
    const text = await letterFor(language, "response");
    const failed = failedRequired(checkLetter(text, { ...contextFor(language, "response"), language: "en" })).map((check) => check.id);
    expect(failed).toEqual(expect.arrayContaining(["steps_taken", "results", "date_of_completion"]));
  });
});
