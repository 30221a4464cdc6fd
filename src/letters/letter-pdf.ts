import { PDFDocument, type PDFImage, type PDFPage, rgb } from "pdf-lib";
import type { LetterFonts } from "./fonts.ts";
import { type FontBook, fontBook, type Weight } from "./letter-pdf-fonts.ts";
import type { LetterLogo } from "./letter-pdf-logo.ts";
import { printProblem, wrapText } from "./letter-pdf-text.ts";

// The approved letter as a hospital mails it (US Letter): letterhead with logo, date, the
// recipient's name and postal address, the case reference and the named contact person, the
// approved text, the signatory; "Page 2 of 3" on every page and a short header on later pages.
// The approved text is printed as approved; the frame around it comes from the settings.

/** What every letter's frame says about the hospital (settings). */
export interface Letterhead {
  hospitalName: string;
  addressLines: string[];
  logo: LetterLogo | null;
  contact: { name: string; title?: string | undefined; phone?: string | undefined; email?: string | undefined };
  signatory: { name: string; title?: string | undefined };
  timeZone: string;
}

/** One approved letter to print. */
export interface PrintableLetter {
  caseNumber: string;
  /** The letter's date (its approval), printed in the hospital's time zone. */
  date: Date;
  /** Who it is mailed to; the address may be empty (none recorded). */
  recipient: { name: string; addressLines: string[] } | null;
  text: string;
  title: string;
}

/** Prints letters as PDF, or says why one cannot be printed. */
export interface LetterPrinter {
  /** A message for the user when the PDF cannot print this letter (then the text download must be used); null when it can. */
  refusal(letter: PrintableLetter): string | null;
  print(letter: PrintableLetter): Promise<Uint8Array>;
}

const PAGE = { width: 612, height: 792, left: 72, right: 72, top: 54, bottom: 72 } as const;
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const BODY = { size: 11, leading: 15, paragraphGap: 8 } as const;
const SMALL = { size: 9, leading: 12 } as const;
const LOGO = { maxHeight: 48, maxWidth: 150, gap: 14 } as const;
const SIGNATURE_SPACE = 30;
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.38, 0.38, 0.38);

/** The letter's date in long form, in the hospital's time zone ("March 3, 2026"). */
export function letterDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, month: "long", day: "numeric", year: "numeric" }).format(date);
}

/** The reference block under the recipient: case number and the contact person's direct line. */
export function referenceLines(letter: Pick<PrintableLetter, "caseNumber">, letterhead: Pick<Letterhead, "contact">): string[] {
  const { name, title, phone, email } = letterhead.contact;
  const reach = [phone ? `Phone: ${phone}` : "", email ? `Email: ${email}` : ""].filter(Boolean).join("   ");
  return [`Case reference: ${letter.caseNumber}`, `Your contact: ${[name, title].filter(Boolean).join(", ")}`, ...(reach ? [reach] : [])];
}

const laterPageHeader = (letter: PrintableLetter, letterhead: Letterhead) =>
  `${letterhead.hospitalName} · Case ${letter.caseNumber} · ${letterDate(letter.date, letterhead.timeZone)}`;

const paragraphsOf = (text: string) =>
  text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.split("\n").map((line) => line.trim()))
    .filter((lines) => lines.some(Boolean));

/** The text of every line the PDF draws, by weight: the fonts embedded are those these need. */
function textsOf(letter: PrintableLetter, letterhead: Letterhead): Record<Weight, string[]> {
  return {
    bold: [letterhead.hospitalName],
    regular: [
      ...letterhead.addressLines,
      letterDate(letter.date, letterhead.timeZone),
      ...(letter.recipient ? [letter.recipient.name, ...letter.recipient.addressLines] : []),
      ...referenceLines(letter, letterhead),
      letter.text,
      letterhead.signatory.title ?? "",
      laterPageHeader(letter, letterhead),
      "Page 0123456789 of",
    ],
  };
}

/** Creates the printer with the letter fonts and the hospital's letterhead. */
export function createLetterPrinter(fonts: LetterFonts, letterhead: Letterhead): LetterPrinter {
  const faceCovers = (face: number, codePoint: number) => fonts.fontkit.covers((fonts.faces[face] as LetterFonts["faces"][number]).regular, codePoint);
  const printer: LetterPrinter = {
    refusal(letter) {
      const texts = Object.values(textsOf(letter, letterhead)).flat();
      const problem = printProblem(texts, fonts.faces.length, faceCovers);
      if (!problem) return null;
      if (problem.kind === "right_to_left") {
        return "This letter has right-to-left text (such as Arabic or Hebrew), which the PDF cannot lay out correctly. Use Download text and print it from a word processor.";
      }
      const codes = problem.characters.slice(0, 5).map((character) => `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`);
      return `This letter has characters the PDF fonts cannot print (${codes.join(", ")}${problem.characters.length > 5 ? ", …" : ""}). Use Download text instead.`;
    },
    async print(letter) {
      const document = await PDFDocument.create();
      document.setTitle(letter.title);
      document.setAuthor(letterhead.hospitalName);
      document.setProducer("patient-relations-bot");
      const book = await fontBook(document, fonts, textsOf(letter, letterhead));
      const logo = letterhead.logo ? await (letterhead.logo.format === "png" ? document.embedPng(letterhead.logo.bytes) : document.embedJpg(letterhead.logo.bytes)) : null;
      layOut(document, book, logo, letter, letterhead);
      return document.save();
    },
  };
  return printer;
}

interface Cursor {
  page: PDFPage;
  y: number;
}

interface LineStyle {
  size: number;
  leading: number;
  weight?: Weight;
  color?: typeof INK;
  x?: number;
  width?: number;
}

/** Draws text from the cursor down, wrapped to the style's width. */
type LineDrawer = (cursor: Cursor, text: string, style: LineStyle) => void;

function layOut(document: PDFDocument, book: FontBook, logo: PDFImage | null, letter: PrintableLetter, letterhead: Letterhead): void {
  const addPage = (): Cursor => ({ page: document.addPage([PAGE.width, PAGE.height]), y: PAGE.height - PAGE.top });
  const line: LineDrawer = (cursor, text, style) => {
    for (const wrapped of wrapText(text, style.width ?? TEXT_WIDTH, (part) => book.width(part, style.size, style.weight ?? "regular"))) {
      book.draw(cursor.page, wrapped, { x: style.x ?? PAGE.left, y: cursor.y - style.size, size: style.size, weight: style.weight ?? "regular", color: style.color ?? INK });
      cursor.y -= style.leading;
    }
  };

  const cursor = addPage();
  drawLetterhead(cursor, logo, letterhead, line);
  line(cursor, letterDate(letter.date, letterhead.timeZone), BODY);
  cursor.y -= BODY.leading;
  if (letter.recipient) {
    for (const text of [letter.recipient.name, ...letter.recipient.addressLines]) line(cursor, text, BODY);
    cursor.y -= BODY.leading;
  }
  for (const text of referenceLines(letter, letterhead)) line(cursor, text, { size: 10, leading: 14 });
  cursor.y -= BODY.leading;

  const nextPage = () => {
    Object.assign(cursor, addPage());
    line(cursor, laterPageHeader(letter, letterhead), { ...SMALL, color: GREY });
    rule(cursor.page, cursor.y - 2);
    cursor.y -= 20;
  };
  const paragraphs = paragraphsOf(letter.text);
  const signatureAt = paragraphs.findLastIndex((lines) => lines.includes(letterhead.signatory.name));
  paragraphs.forEach((lines, index) => {
    const signature = index === signatureAt;
    // The sign-off is kept on one page with room for a handwritten signature.
    const needed = signature ? (lines.length + 1) * BODY.leading + SIGNATURE_SPACE : BODY.leading;
    if (cursor.y - needed < PAGE.bottom) nextPage();
    lines.forEach((text, position) => {
      if (cursor.y - BODY.leading < PAGE.bottom) nextPage();
      if (signature && text === letterhead.signatory.name) cursor.y -= SIGNATURE_SPACE;
      line(cursor, text, BODY);
      const title = letterhead.signatory.title;
      if (signature && text === letterhead.signatory.name && title && lines[position + 1] !== title) line(cursor, title, BODY);
    });
    cursor.y -= BODY.paragraphGap;
  });

  const pages = document.getPages();
  pages.forEach((page, index) => {
    const label = `Page ${index + 1} of ${pages.length}`;
    book.draw(page, label, { x: (PAGE.width - book.width(label, SMALL.size, "regular")) / 2, y: 36, size: SMALL.size, weight: "regular", color: GREY });
  });
}

function rule(page: PDFPage, y: number): void {
  page.drawLine({ start: { x: PAGE.left, y }, end: { x: PAGE.width - PAGE.right, y }, thickness: 0.6, color: GREY });
}

function drawLetterhead(cursor: Cursor, logo: PDFImage | null, letterhead: Letterhead, line: LineDrawer): void {
  const top = cursor.y;
  let textLeft = PAGE.left;
  let logoBottom = top;
  if (logo) {
    const scale = Math.min(LOGO.maxHeight / logo.height, LOGO.maxWidth / logo.width, 1);
    const size = { width: logo.width * scale, height: logo.height * scale };
    cursor.page.drawImage(logo, { x: PAGE.left, y: top - size.height, ...size });
    textLeft = PAGE.left + size.width + LOGO.gap;
    logoBottom = top - size.height;
  }
  const width = PAGE.width - PAGE.right - textLeft;
  line(cursor, letterhead.hospitalName, { size: 15, leading: 19, weight: "bold", x: textLeft, width });
  for (const text of letterhead.addressLines) line(cursor, text, { ...SMALL, color: GREY, x: textLeft, width });
  cursor.y = Math.min(cursor.y, logoBottom) - 8;
  rule(cursor.page, cursor.y);
  cursor.y -= 26;
}
