import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { type LetterFontkit, letterFontkit } from "./letter-pdf-fontkit.ts";

// The fonts the letter PDF embeds, from npm packages (nothing is fetched at run time):
// Noto Sans (Latin with every diacritic, Cyrillic, Greek) and Noto Sans Hans (Simplified Chinese,
// which also covers Japanese kana and the CJK punctuation). Each PDF embeds only the glyphs it uses.

/** One typeface in two weights. */
export interface LetterFace {
  name: string;
  regular: Uint8Array;
  bold: Uint8Array;
}

/** The faces in order of preference (a character is drawn with the first face that has it). */
export interface LetterFonts {
  faces: LetterFace[];
  fontkit: LetterFontkit;
}

const FACES = [
  { name: "Noto Sans", from: "@embedpdf/fonts-latin", regular: "NotoSans-Regular.ttf", bold: "NotoSans-Bold.ttf" },
  { name: "Noto Sans Hans", from: "@embedpdf/fonts-sc", regular: "NotoSansHans-Regular.otf", bold: "NotoSansHans-Bold.otf" },
] as const;

function fontFile(packageName: string, file: string): Uint8Array {
  try {
    // The packages export only their index (dist/); the font files sit beside it in fonts/.
    const index = fileURLToPath(import.meta.resolve(packageName));
    return new Uint8Array(readFileSync(join(dirname(index), "..", "fonts", file)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(ErrorCode.config, `Cannot start: the letter font ${file} from the npm package ${packageName} cannot be read (${reason}). Run npm ci to install it.`);
  }
}

/** Reads the letter fonts once, at start-up; a missing package stops start-up with the fix. */
export function loadLetterFonts(): LetterFonts {
  return {
    faces: FACES.map((face) => ({ name: face.name, regular: fontFile(face.from, face.regular), bold: fontFile(face.from, face.bold) })),
    fontkit: letterFontkit(),
  };
}
