import { describe, expect, it } from "vitest";
import { parseSurveyCsv } from "../../../src/surveys/survey-csv.ts";

const OPTIONS = { departments: ["Emergency Department", "Intensive Care"], today: "2026-11-28" };
const HEADER = "row_id,date,unit,score,comment,patient_name,patient_contact,contact_me";

describe("the survey file", () => {
  it("reads a good file, with quoted commas and line breaks, a BOM and units in any case", () => {
    const parsed = parseSurveyCsv(`\uFEFF${HEADER}\r\nA-1,2026-11-20,emergency  department,3,"Cold food, and
a dirty room",Ana Ruiz,555-201-0000,Yes\r\nA-2,2026-11-21,Intensive Care,,Fine.,,,\r\n`, OPTIONS);
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { row: 2, rowId: "A-1", date: "2026-11-20", unit: "Emergency Department", score: 3, text: "Cold food, and\na dirty room", patientName: "Ana Ruiz", patientContact: "555-201-0000", contactRequested: true },
        { row: 3, rowId: "A-2", date: "2026-11-21", unit: "Intensive Care", score: null, text: "Fine.", patientName: null, patientContact: null, contactRequested: false },
      ],
    });
  });

  it("names every bad row, one message each, and quotes no comment text", () => {
    const parsed = parseSurveyCsv(
      [HEADER, "B-1,31/13/2026,Emergency Department,3,Secret words,,,", "B-2,2026-12-01,Ward 9,11,Secret words,,,maybe", ",2026-02-30,Intensive Care,2,,,,", "B-4,2026-11-01,Intensive Care,2"].join("\n"),
      OPTIONS,
    );
    expect(parsed).toEqual({
      ok: false,
      problems: [
        "row 2: date '31/13/2026' is not a date (use YYYY-MM-DD).",
        "row 3: date '2026-12-01' is in the future.",
        "row 3: unit 'Ward 9' is not one of the hospital's departments (see DEPARTMENTS).",
        "row 3: score '11' is not a whole number from 0 to 10 (or empty).",
        "row 3: contact_me 'maybe' is not yes or no (or empty).",
        "row 4: row_id is empty.",
        "row 4: date '2026-02-30' is not a date (use YYYY-MM-DD).",
        "row 4: comment is empty.",
        "row 5: has 4 fields; the header has 8. Check for an unquoted comma.",
      ],
    });
    expect(JSON.stringify(parsed)).not.toContain("Secret words");
  });

  it("checks the header: unknown, missing and repeated columns", () => {
    expect(parseSurveyCsv("id,date,unit,unit,text\n1,2026-11-01,ICU,ICU,x\n", OPTIONS)).toEqual({
      ok: false,
      problems: [
        "Row 1: unknown columns 'id', 'text'. The columns are: row_id, date, unit, comment, score, patient_name, patient_contact, contact_me.",
        "Row 1: missing columns row_id, comment.",
        "Row 1: column unit appears more than once.",
      ],
    });
    expect(parseSurveyCsv("", OPTIONS).ok).toBe(false);
    expect(parseSurveyCsv(`${HEADER}\n`, OPTIONS)).toEqual({ ok: false, problems: ["The file has a header but no comments."] });
  });

  it("explains a broken quote instead of failing", () => {
    expect(parseSurveyCsv(`${HEADER}\nC-1,2026-11-01,Intensive Care,2,"never closed,,,\n`, OPTIONS)).toEqual({
      ok: false,
      problems: ["Line 2: a quoted field is not closed. Save the file as CSV (comma-separated, UTF-8) and try again."],
    });
  });
});
