import { PDFDocument, type PDFFont, StandardFonts } from "pdf-lib";

// The approved letter as a simple, printable PDF (US Letter, Helvetica). Helvetica covers Latin
// scripts only; characters it cannot draw are replaced with "?" and the plain-text download is
// offered alongside for every language.

const PAGE = { width: 612, height: 792, margin: 72 } as const;
const SIZE = 11;
const LEADING = 15;

function drawable(font: PDFFont, text: string): string {
  return Array.from(text)
    .map((character) => {
      try {
        font.encodeText(character);
        return character;
      } catch {
        return "?";
      }
    })
    .join("");
}

function wrap(font: PDFFont, paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, SIZE) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/** Renders letter text (paragraphs separated by blank lines) to PDF bytes. */
export async function letterPdf(text: string, title: string): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle(title);
  document.setProducer("patient-relations-bot");
  const font = await document.embedFont(StandardFonts.Helvetica);
  const width = PAGE.width - 2 * PAGE.margin;
  let page = document.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  for (const paragraph of text.split(/\n{2,}/)) {
    for (const raw of paragraph.split("\n")) {
      for (const line of wrap(font, drawable(font, raw), width)) {
        if (y < PAGE.margin) {
          page = document.addPage([PAGE.width, PAGE.height]);
          y = PAGE.height - PAGE.margin;
        }
        page.drawText(line, { x: PAGE.margin, y, size: SIZE, font });
        y -= LEADING;
      }
    }
    y -= LEADING / 2;
  }
  return document.save();
}
