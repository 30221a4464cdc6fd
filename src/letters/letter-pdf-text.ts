// Pure text handling for the letter PDF: which characters it can print, which face draws each
// character, and where lines may break. Fonts are reached through a coverage function, so these
// rules are tested without a PDF.

/**
 * Right-to-left scripts. pdf-lib draws glyphs left to right in the order given and knows nothing of
 * the Unicode bidirectional algorithm, so such text would print reversed and unjoined: the PDF
 * refuses it and the plain-text download carries the letter instead.
 */
const RIGHT_TO_LEFT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\u200F\u202B\u202E\u2067]/u;

// Invisible formatting and control characters carry nothing a printed page needs.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** Why a text cannot be printed, or null when it can. */
export type PrintProblem = { kind: "right_to_left" } | { kind: "unsupported"; characters: string[] };

/** Unicode NFC (precomposed letters, which the fonts have), invisible characters removed. */
export function printable(text: string): string {
  return text.normalize("NFC").replace(INVISIBLE, "");
}

/** Whether `faceCovers` (face index, code point) finds a face for every visible character of the texts. */
export function printProblem(texts: string[], faceCount: number, faceCovers: (face: number, codePoint: number) => boolean): PrintProblem | null {
  const all = texts.map(printable).join("\n");
  if (RIGHT_TO_LEFT.test(all)) return { kind: "right_to_left" };
  const missing = new Set<string>();
  for (const character of all) {
    if (/\s/u.test(character)) continue;
    const codePoint = character.codePointAt(0) as number;
    let face = 0;
    while (face < faceCount && !faceCovers(face, codePoint)) face++;
    if (face === faceCount) missing.add(character);
  }
  return missing.size > 0 ? { kind: "unsupported", characters: [...missing] } : null;
}

/** A stretch of text drawn with one face. */
export interface FaceRun {
  face: number;
  text: string;
}

/**
 * Splits text into runs, each character in the first face that has it. Spaces and combining marks
 * stay with the character before them, so a mark is never drawn apart from its letter.
 */
export function faceRuns(text: string, faceCount: number, faceCovers: (face: number, codePoint: number) => boolean): FaceRun[] {
  const runs: FaceRun[] = [];
  for (const character of text) {
    const previous = runs.at(-1);
    const codePoint = character.codePointAt(0) as number;
    const follows = previous && (/[\s\p{M}]/u.test(character) || faceCovers(previous.face, codePoint));
    if (previous && follows) {
      previous.text += character;
      continue;
    }
    let face = 0;
    while (face < faceCount - 1 && !faceCovers(face, codePoint)) face++;
    runs.push({ face, text: character });
  }
  return runs;
}

// Chinese and Japanese break between any two characters, and closing punctuation stays with the
// character before it; other scripts break at spaces.
const TOKEN = /\s+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}][\p{M}]*[，。、；：！？）」』〉》】”’…]*|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Wraps one line of text to `width`, measuring with `measure`; a word longer than a line is cut between characters. */
export function wrapText(line: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let current = "";
  let space = "";
  for (const token of line.match(TOKEN) ?? []) {
    if (/^\s+$/u.test(token)) {
      if (current) space = " ";
      continue;
    }
    const candidate = current + space + token;
    if (!current || measure(candidate) <= width) {
      current = candidate;
    } else {
      lines.push(current);
      current = token;
    }
    space = "";
    while (measure(current) > width && Array.from(current).length > 1) {
      const [head, rest] = cutToWidth(current, width, measure);
      lines.push(head);
      current = rest;
    }
  }
  lines.push(current);
  return lines;
}

function cutToWidth(text: string, width: number, measure: (text: string) => number): [string, string] {
  const characters = Array.from(text);
  let end = 1;
  while (end < characters.length && measure(characters.slice(0, end + 1).join("")) <= width) end++;
  return [characters.slice(0, end).join(""), characters.slice(end).join("")];
}
