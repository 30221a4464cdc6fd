import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { type LetterFontkit, letterFontkit } from "./letter-pdf-fontkit.ts";

// The fonts the letter PDF embeds, from npm packages (nothing is fetched at run time):
// Noto Sans (Latin with every diacritic, Cyrillic, Greek) and Noto Sans Hans (Simplified Chinese,
// which also covers Japanese kana and the CJK punctuation). Each PDF embeds only the glyphs it uses.

/** One typeface in two weights (each file read when a PDF first needs it, then kept). */
export interface LetterFace {
  name: string;
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
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

const cannotRead = (packageName: string, file: string, error: unknown) =>
  new AppError(ErrorCode.config, `Cannot start: the letter font ${file} from the npm package ${packageName} cannot be read (${error instanceof Error ? error.message : String(error)}). Run npm ci to install it.`);

/** Finds the font file now (a missing one stops start-up); reads it on the first call and keeps it. */
function fontFile(packageName: string, file: string): () => Uint8Array {
  let path: string;
  try {
    // The packages export only their index (dist/); the font files sit beside it in fonts/.
    const index = fileURLToPath(import.meta.resolve(packageName));
    path = join(dirname(index), "..", "fonts", file);
    if (!statSync(path).isFile()) throw new Error(`${path} is not a file`);
  } catch (error) {
    throw cannotRead(packageName, file, error);
  }
  let bytes: Uint8Array | null = null;
  return () => {
    if (!bytes) {
      try {
        bytes = new Uint8Array(readFileSync(path));
      } catch (error) {
        throw cannotRead(packageName, file, error);
      }
    }
    return bytes;
  };
}

let loaded: LetterFonts | null = null;

/**
 * The letter fonts, one set per process: found at start-up (a missing package stops start-up with
 * the fix), read on the first PDF (about 18 MB, which most instances never print).
 */
export function loadLetterFonts(): LetterFonts {
  loaded ??= {
    faces: FACES.map((face): LetterFace => {
      const regular = fontFile(face.from, face.regular);
      const bold = fontFile(face.from, face.bold);
      return {
        name: face.name,
        get regular() {
          return regular();
        },
        get bold() {
          return bold();
        },
      };
    }),
    fontkit: letterFontkit(),
  };
  return loaded;
}
