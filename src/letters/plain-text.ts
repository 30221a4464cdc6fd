// Plain-text handling shared by the letter checks: the same normalization, words and sentences
// everywhere, so a pattern and the reading grade see the letter alike.

// Curly quotes, non-breaking spaces and invisible characters would otherwise let a phrase slip past
// the patterns ("won’t be shared", "neg\u200Bligence").
export function normalize(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u00A0\u2007\u202F]/g, " ")
    .replace(/[\u2010-\u2013\u2212]/g, "-")
    .replace(/\u2014/g, " - ");
}

const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;

export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function trimTrailing(value: string): string {
  return value.replace(/[.,;:!?)\]'"]+$/, "");
}

// Titles, initials and month abbreviations end in a period without ending the sentence.
const TITLES = new Set(["dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr"]);
const ABBREVIATIONS = new Set(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "ext", "approx", "dept", "inc"]);

// Sentences end at . ! ? and at paragraph breaks. A single line break also ends one (address,
// salutation and signature lines have no full stop) unless the next line starts in lower case,
// which is a hard-wrapped sentence continuing.
export function splitSentences(text: string): string[] {
  const blocks: string[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (current && line && /^[a-z]/.test(line)) {
      current += ` ${line}`;
      continue;
    }
    if (current) blocks.push(current);
    current = line;
  }
  if (current) blocks.push(current);
  return blocks.flatMap(splitBlock);
}

function splitBlock(block: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  // Chinese full stops end a sentence with no space after them.
  for (const match of block.matchAll(/[.!?]+["')\]]*(?=\s+(\S)|$)|[。！？]+[”’」』）)]*/g)) {
    const end = match.index + match[0].length;
    const previous = block.slice(start, match.index).match(/(\S+)$/)?.[1] ?? "";
    const next = match[1] ?? "";
    if (match[0] === "." && isAbbreviation(previous, next)) continue;
    sentences.push(block.slice(start, end).trim());
    start = end;
  }
  const tail = block.slice(start).trim();
  if (tail) sentences.push(tail);
  return sentences;
}

function isAbbreviation(previous: string, next: string): boolean {
  const bare = previous.replace(/^[^\p{L}]+/u, "");
  const word = bare.toLowerCase();
  if (TITLES.has(word) || /^\p{Lu}$/u.test(bare)) return true;
  const continues = /^[\p{Ll}\p{N}]/u.test(next);
  return continues && (ABBREVIATIONS.has(word) || /^(?:[a-z]\.)+[a-z]$/.test(word));
}
