import { DEFAULT_DEPARTMENTS } from "../../src/cases/taxonomy.ts";
import type { Database } from "../../src/db/database.ts";
import { createSurveyRepository } from "../../src/surveys/survey.repository.ts";
import { createSurveyService } from "../../src/surveys/survey.service.ts";

// A generated survey file of any size (never committed): mostly anonymous comments, every 50th
// from an identified patient asking to be called, over the given units and the 30 days before `lastDay`.

const TEXTS = [
  "The room was dirty and the bathroom smelled.",
  "I waited four hours and nobody explained the delay.",
  "Thank you to the wonderful nurses.",
  "The food was cold every day.",
  "The nurse was rude when I asked for help.",
  "I was billed twice for the same visit.",
];

export function surveyFile(rows: number, options: { units: readonly string[]; lastDay: string; prefix?: string }): string {
  const last = Date.parse(`${options.lastDay}T00:00:00Z`);
  const lines = ["row_id,date,unit,score,comment,patient_name,patient_contact,contact_me"];
  for (let index = 0; index < rows; index++) {
    const date = new Date(last - (index % 30) * 86_400_000).toISOString().slice(0, 10);
    const unit = options.units[index % options.units.length];
    const identified = index % 50 === 0;
    const text = TEXTS[index % TEXTS.length];
    lines.push(`${options.prefix ?? "G"}-${index},${date},${unit},${index % 11},"${identified ? `${text} Please call me.` : text}",${identified ? `Patient ${index}` : ""},,${identified ? "yes" : "no"}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The survey service as a manager imports with it on 28 Nov 2026, every candidate offered to `recipient`: for volume runs. */
export function volumeSurveyService(db: Database, recipient: string) {
  return createSurveyService({
    comments: createSurveyRepository(db.prisma),
    roleOf: async () => "manager",
    audit: async () => {},
    recipientsFor: async () => [recipient],
    departments: DEFAULT_DEPARTMENTS,
    timeZone: "America/New_York",
    now: () => new Date("2026-11-28T12:00:00Z"),
  });
}
