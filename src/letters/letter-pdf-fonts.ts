import type { PDFDocument, PDFFont, PDFPage, RGB } from "pdf-lib";
import type { LetterFonts } from "./fonts.ts";
import { faceRuns, printable } from "./letter-pdf-text.ts";

// The fonts of one PDF: each character drawn with the first face that has it, each face embedded
// only if the letter uses it, and as a subset of the glyphs used (a letter stays small).

export type Weight = "regular" | "bold";

/** Measures and draws mixed-script text in one document. */
export interface FontBook {
  width(text: string, size: number, weight: Weight): number;
  draw(page: PDFPage, text: string, options: { x: number; y: number; size: number; weight: Weight; color: RGB }): void;
}

// fontkit's default "ccmp" feature splits precomposed letters such as "ị" into a base and a mark,
// and the PDF's text layer then no longer reads back as the letter typed: the fonts have the
// precomposed glyphs, so draw those.
const FEATURES = { ccmp: false };

/** Embeds the faces `texts` need, per weight; every text later drawn must be among them. */
export async function fontBook(document: PDFDocument, fonts: LetterFonts, texts: Record<Weight, string[]>): Promise<FontBook> {
  document.registerFontkit(fonts.fontkit.fontkit);
  const faceCount = fonts.faces.length;
  const covers = (face: number, codePoint: number) => fonts.fontkit.covers((fonts.faces[face] as LetterFonts["faces"][number]).regular, codePoint);
  const runsOf = (text: string) => faceRuns(printable(text), faceCount, covers);
  const embedded = new Map<string, PDFFont>();
  for (const weight of ["regular", "bold"] as const) {
    const faces = new Set(texts[weight].flatMap((text) => runsOf(text).map((run) => run.face)));
    for (const face of faces) {
      const bytes = (fonts.faces[face] as LetterFonts["faces"][number])[weight];
      embedded.set(`${weight}:${face}`, await document.embedFont(bytes, { subset: true, features: FEATURES }));
    }
  }
  const fontFor = (face: number, weight: Weight): PDFFont => {
    const font = embedded.get(`${weight}:${face}`);
    // A programming error, not bad input: the caller left this text out of `texts`.
    if (!font) throw new Error(`The ${weight} face ${face} was drawn without being embedded.`);
    return font;
  };
  return {
    width(text, size, weight) {
      return runsOf(text).reduce((sum, run) => sum + fontFor(run.face, weight).widthOfTextAtSize(run.text, size), 0);
    },
    draw(page, text, { x, y, size, weight, color }) {
      let left = x;
      for (const run of runsOf(text)) {
        const font = fontFor(run.face, weight);
        page.drawText(run.text, { x: left, y, size, font, color });
        left += font.widthOfTextAtSize(run.text, size);
      }
    },
  };
}
