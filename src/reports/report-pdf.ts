import { PDFDocument, type PDFPage, rgb } from "pdf-lib";
import type { LetterFonts } from "../letters/fonts.ts";
import { fontBook, type Weight } from "../letters/letter-pdf-fonts.ts";
import { printable, wrapText } from "../letters/letter-pdf-text.ts";
import type { ReportDocument, ReportTable } from "./report-document.ts";

// Prints a ReportDocument as PDF (US Letter) with the letter fonts (Noto Sans, Noto Sans Hans):
// title, subtitle, sections of paragraphs and tables whose cells wrap; a table's header row is
// repeated on each page it continues on; "Page 2 of 3" and the footer on every page.

const PAGE = { width: 612, height: 792, left: 54, right: 54, top: 54, bottom: 60 } as const;
const WIDTH = PAGE.width - PAGE.left - PAGE.right;
const TEXT = { size: 10, leading: 13.5 } as const;
const CELL = { size: 9, leading: 11.5, padding: 3 } as const;
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.4, 0.4, 0.4);
const SHADE = rgb(0.92, 0.93, 0.95);

function textsOf(report: ReportDocument): Record<Weight, string[]> {
  const bold = [report.title, ...report.sections.map((section) => section.heading), ...report.sections.flatMap((section) => section.table?.columns ?? [])];
  const regular = [
    ...report.subtitle,
    report.footer,
    "Page 0123456789 of",
    ...report.sections.flatMap((section) => [...(section.paragraphs ?? []), ...(section.table?.rows.flat() ?? [])]),
  ];
  return { bold, regular };
}

/** Prints `report`; characters no font has are left out (reports hold numbers, labels and codes). */
export async function printReport(fonts: LetterFonts, report: ReportDocument, meta: { author: string }): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle(report.title);
  document.setAuthor(meta.author);
  document.setProducer("patient-relations-bot");
  const clean = (text: string) => printable(text).replace(/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/g, "?");
  const book = await fontBook(document, fonts, {
    bold: textsOf(report).bold.map(clean),
    regular: textsOf(report).regular.map(clean),
  });
  let page: PDFPage = document.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.top;
  const newPage = () => {
    page = document.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - PAGE.top;
  };
  const wrap = (text: string, width: number, size: number, weight: Weight) => wrapText(clean(text), width, (part) => book.width(part, size, weight));
  const line = (text: string, options: { size: number; leading: number; weight?: Weight; color?: typeof INK; x?: number; width?: number }) => {
    for (const wrapped of wrap(text, options.width ?? WIDTH, options.size, options.weight ?? "regular")) {
      if (y - options.leading < PAGE.bottom) newPage();
      book.draw(page, wrapped, { x: options.x ?? PAGE.left, y: y - options.size, size: options.size, weight: options.weight ?? "regular", color: options.color ?? INK });
      y -= options.leading;
    }
  };

  line(report.title, { size: 16, leading: 21, weight: "bold" });
  for (const text of report.subtitle) line(text, { size: 9.5, leading: 12.5, color: GREY });
  y -= 10;

  const table = (spec: ReportTable) => {
    const weights = spec.widths ?? spec.columns.map((_, index) => (index === 0 ? 2 : 1));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const widths = weights.map((weight) => (weight / total) * WIDTH);
    const lefts = widths.map((_, index) => PAGE.left + widths.slice(0, index).reduce((sum, width) => sum + width, 0));
    const drawRow = (cells: string[], weight: Weight, shade: boolean) => {
      const wrapped = cells.map((cell, index) => wrap(cell, (widths[index] as number) - 2 * CELL.padding, CELL.size, weight));
      const height = Math.max(...wrapped.map((lines) => lines.length)) * CELL.leading + 2 * CELL.padding;
      if (y - height < PAGE.bottom) return false;
      if (shade) page.drawRectangle({ x: PAGE.left, y: y - height, width: WIDTH, height, color: SHADE });
      wrapped.forEach((lines, index) => {
        lines.forEach((text, row) => {
          // Numbers sit right-aligned in every column but the first.
          const width = book.width(text, CELL.size, weight);
          const x = index === 0 ? (lefts[index] as number) + CELL.padding : (lefts[index] as number) + (widths[index] as number) - CELL.padding - width;
          book.draw(page, text, { x, y: y - CELL.padding - CELL.size - row * CELL.leading, size: CELL.size, weight, color: INK });
        });
      });
      y -= height;
      page.drawLine({ start: { x: PAGE.left, y }, end: { x: PAGE.left + WIDTH, y }, thickness: 0.3, color: GREY });
      return true;
    };
    const header = () => {
      if (!drawRow(spec.columns, "bold", true)) {
        newPage();
        drawRow(spec.columns, "bold", true);
      }
    };
    header();
    for (const row of spec.rows) {
      if (!drawRow(row, "regular", false)) {
        newPage();
        header();
        drawRow(row, "regular", false);
      }
    }
    y -= 8;
  };

  for (const section of report.sections) {
    if (y - 60 < PAGE.bottom) newPage();
    y -= 6;
    line(section.heading, { size: 12, leading: 16, weight: "bold" });
    for (const paragraph of section.paragraphs ?? []) {
      line(paragraph, TEXT);
      y -= 3;
    }
    if (section.table) table(section.table);
  }

  const pages = document.getPages();
  pages.forEach((each, index) => {
    const label = `Page ${index + 1} of ${pages.length}`;
    book.draw(each, label, { x: PAGE.left + WIDTH - book.width(label, 8, "regular"), y: 32, size: 8, weight: "regular", color: GREY });
    book.draw(each, clean(report.footer), { x: PAGE.left, y: 32, size: 8, weight: "regular", color: GREY });
  });
  return document.save();
}
