import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { AppError, ErrorCode } from "../lib/errors.ts";

// The hospital's logo for the letterhead: a PNG or JPEG file named by HOSPITAL_LOGO_FILE, read and
// decoded once at start-up, so a wrong path or a broken file stops start-up with the fix instead
// of failing the first download.

/** A logo image ready to embed. */
export interface LetterLogo {
  format: "png" | "jpeg";
  bytes: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

/** The image format, from the file's first bytes (the name's extension may lie). */
export function logoFormat(bytes: Uint8Array): LetterLogo["format"] | null {
  const starts = (signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(PNG_SIGNATURE)) return "png";
  if (starts(JPEG_SIGNATURE)) return "jpeg";
  return null;
}

const refuse = (path: string, reason: string) =>
  new AppError(ErrorCode.config, `Cannot start: HOSPITAL_LOGO_FILE (${path}) ${reason}. Give the path of a PNG or JPEG file, or leave it empty for a letterhead without a logo.`);

/** Reads and checks the logo; throws one AppError saying what is wrong with the file. */
export async function loadLetterLogo(path: string): Promise<LetterLogo> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw refuse(path, code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${String(code ?? "unknown error")})`);
  }
  const format = logoFormat(bytes);
  if (!format) throw refuse(path, "is not a PNG or JPEG image");
  try {
    const document = await PDFDocument.create();
    await (format === "png" ? document.embedPng(bytes) : document.embedJpg(bytes));
  } catch {
    throw refuse(path, `looks like a ${format.toUpperCase()} file but cannot be decoded`);
  }
  return { format, bytes };
}
