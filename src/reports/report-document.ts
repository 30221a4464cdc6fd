// A report as data: a title, lines under it and sections of paragraphs and tables. The committee
// report and the case file export are built as this, then printed (report-pdf.ts) or written as
// CSV; neither printer knows what a case is.

export interface ReportTable {
  columns: string[];
  rows: string[][];
  /** Relative column widths (default: the first column twice the others). */
  widths?: number[];
}

export interface ReportSection {
  heading: string;
  paragraphs?: string[];
  table?: ReportTable;
}

export interface ReportDocument {
  title: string;
  /** Lines under the title: the hospital, the period, when it was made. */
  subtitle: string[];
  sections: ReportSection[];
  /** Printed small at the foot of every page, e.g. "Confidential: quality improvement". */
  footer: string;
}
