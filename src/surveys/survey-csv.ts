import { parse } from "csv-parse/sync";

// The survey comment file: CSV with a header row. Every problem is found and named by its row
// (the header is row 1, as a spreadsheet numbers it), so the whole file can be fixed at once;
// a file with any problem imports nothing. Comment text and identity are never put in a message.

export const SURVEY_COLUMNS = {
  required: ["row_id", "date", "unit", "comment"],
  optional: ["score", "patient_name", "patient_contact", "contact_me"],
} as const;
const KNOWN: readonly string[] = [...SURVEY_COLUMNS.required, ...SURVEY_COLUMNS.optional];

/** Files larger than this are refused before parsing (50,000 comments fit in a few MB). */
export const MAX_SURVEY_FILE_BYTES = 25 * 1024 * 1024;
/** Messages name at most this many bad rows, then say how many more. */
const MAX_LISTED = 20;
const LIMITS = { rowId: 100, name: 200, contact: 254, text: 3000 } as const;

export interface SurveyRow {
  /** The row's number in the file (header = 1). */
  row: number;
  rowId: string;
  /** YYYY-MM-DD */
  date: string;
  /** The department as the hospital lists it. */
  unit: string;
  score: number | null;
  text: string;
  patientName: string | null;
  patientContact: string | null;
  contactRequested: boolean;
}

export type SurveyParse = { ok: true; rows: SurveyRow[] } | { ok: false; problems: string[] };

const YES = new Set(["yes", "y", "true", "1", "x"]);
const NO = new Set(["no", "n", "false", "0", ""]);

function validDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A value as quoted in a message: short, one line, never patient text (callers only quote codes, dates, scores and units). */
const quoted = (value: string) => `'${value.replace(/\s+/g, " ").slice(0, 40)}${value.length > 40 ? "…" : ""}'`;

/** Lists problems, at most MAX_LISTED, with how many more. */
export function listProblems(problems: readonly string[]): string[] {
  return problems.length > MAX_LISTED ? [...problems.slice(0, MAX_LISTED), `… and ${problems.length - MAX_LISTED} more problems.`] : [...problems];
}

/**
 * Parses and checks a survey file. `departments` are the hospital's units (a unit is matched
 * ignoring case and spaces); `today` (YYYY-MM-DD in the hospital's zone) bounds the dates.
 */
export function parseSurveyCsv(bytes: Uint8Array | string, options: { departments: readonly string[]; today: string }): SurveyParse {
  if ((typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.byteLength) > MAX_SURVEY_FILE_BYTES) {
    return { ok: false, problems: [`The file is larger than ${MAX_SURVEY_FILE_BYTES / 1024 / 1024} MB. Split it into smaller files.`] };
  }
  let records: string[][];
  try {
    records = parse(typeof bytes === "string" ? bytes : Buffer.from(bytes), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const code = (error as { code?: string }).code ?? "CSV_INVALID";
    const why = code === "CSV_QUOTE_NOT_CLOSED" ? "a quoted field is not closed" : code.startsWith("CSV_INVALID_CLOSING_QUOTE") ? "a quote is closed in the middle of a field" : "the file is not valid CSV";
    return { ok: false, problems: [`${line ? `Line ${line}: ` : ""}${why}. Save the file as CSV (comma-separated, UTF-8) and try again.`] };
  }
  const [header, ...data] = records;
  if (!header) return { ok: false, problems: ["The file is empty. The first row must name the columns: " + [...KNOWN].join(", ") + "."] };
  const names = header.map((name) => name.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  const problems: string[] = [];
  const unknown = names.filter((name) => !KNOWN.includes(name));
  const missing = SURVEY_COLUMNS.required.filter((name) => !names.includes(name));
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (unknown.length > 0) problems.push(`Row 1: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map(quoted).join(", ")}. The columns are: ${KNOWN.join(", ")}.`);
  if (missing.length > 0) problems.push(`Row 1: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`);
  if (repeated.length > 0) problems.push(`Row 1: column ${[...new Set(repeated)].join(", ")} appears more than once.`);
  if (problems.length > 0) return { ok: false, problems };
  if (data.length === 0) return { ok: false, problems: ["The file has a header but no comments."] };

  const index = Object.fromEntries(names.map((name, position) => [name, position])) as Record<string, number>;
  const units = new Map(options.departments.map((unit) => [unit.toLowerCase().replace(/\s+/g, " ").trim(), unit]));
  const rows: SurveyRow[] = [];
  data.forEach((record, position) => {
    const row = position + 2;
    const problem = (text: string) => problems.push(`row ${row}: ${text}`);
    if (record.length !== header.length) {
      problem(`has ${record.length} fields; the header has ${header.length}. Check for an unquoted comma.`);
      return;
    }
    const cell = (name: string) => (index[name] === undefined ? "" : (record[index[name] as number] ?? "").trim());
    const before = problems.length;
    const rowId = cell("row_id");
    if (!rowId) problem("row_id is empty.");
    else if (rowId.length > LIMITS.rowId) problem(`row_id is longer than ${LIMITS.rowId} characters.`);
    const date = cell("date");
    if (!validDate(date)) problem(`date ${quoted(date)} is not a date (use YYYY-MM-DD).`);
    else if (date > options.today) problem(`date ${quoted(date)} is in the future.`);
    const unitText = cell("unit");
    const unit = units.get(unitText.toLowerCase().replace(/\s+/g, " "));
    if (!unitText) problem("unit is empty.");
    else if (!unit) problem(`unit ${quoted(unitText)} is not one of the hospital's departments (see DEPARTMENTS).`);
    const scoreText = cell("score");
    const score = scoreText === "" ? null : Number(scoreText);
    if (score !== null && !(Number.isInteger(score) && score >= 0 && score <= 10)) problem(`score ${quoted(scoreText)} is not a whole number from 0 to 10 (or empty).`);
    const text = cell("comment");
    if (!text) problem("comment is empty.");
    else if (text.length > LIMITS.text) problem(`comment is longer than ${LIMITS.text} characters.`);
    const patientName = cell("patient_name");
    if (patientName.length > LIMITS.name) problem(`patient_name is longer than ${LIMITS.name} characters.`);
    const patientContact = cell("patient_contact");
    if (patientContact.length > LIMITS.contact) problem(`patient_contact is longer than ${LIMITS.contact} characters.`);
    const flag = cell("contact_me").toLowerCase();
    if (!YES.has(flag) && !NO.has(flag)) problem(`contact_me ${quoted(flag)} is not yes or no (or empty).`);
    if (problems.length > before) return;
    rows.push({
      row,
      rowId,
      date,
      unit: unit as string,
      score,
      text,
      patientName: patientName || null,
      patientContact: patientContact || null,
      contactRequested: YES.has(flag),
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
