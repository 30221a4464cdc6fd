import { EventEmitter } from "node:events";
import * as fontkit from "fontkit";
import type { PDFDocument } from "pdf-lib";

// pdf-lib reads fonts through a "fontkit" it is handed. Its own fork (@pdf-lib/fontkit, fontkit
// 1.x) writes subsets of the Noto fonts with most glyphs blank, and CJK subsets that viewers
// refuse; fontkit 2 subsets them correctly but encodes a subset to bytes instead of a stream.
// This adapter gives pdf-lib fontkit 2 with the stream it expects, and parses each file once.

type ParsedFont = fontkit.Font;
type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];

function streamOf(bytes: Uint8Array): EventEmitter {
  const stream = new EventEmitter();
  // pdf-lib attaches its listeners after the call returns.
  queueMicrotask(() => {
    stream.emit("data", bytes);
    stream.emit("end");
  });
  return stream;
}

function withStreamingSubset(font: ParsedFont): ParsedFont {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    return Object.assign(subset, { encodeStream: () => streamOf(subset.encode()) });
  };
  return font;
}

/** pdf-lib's fontkit backed by fontkit 2, and glyph coverage from the same parsed fonts. */
export interface LetterFontkit {
  /** For PDFDocument.registerFontkit. */
  fontkit: Fontkit;
  /** Whether the font file has a glyph for the code point. */
  covers(bytes: Uint8Array, codePoint: number): boolean;
}

/** A LetterFontkit whose parsed fonts are kept per byte array (the letter fonts are loaded once). */
export function letterFontkit(): LetterFontkit {
  const parsed = new WeakMap<Uint8Array, ParsedFont>();
  const parse = (bytes: Uint8Array): ParsedFont => {
    let font = parsed.get(bytes);
    if (!font) {
      const opened = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (!("hasGlyphForCodePoint" in opened)) throw new Error("A font collection was given where one font was expected.");
      font = withStreamingSubset(opened);
      parsed.set(bytes, font);
    }
    return font;
  };
  return {
    // The two libraries describe the same object with their own types.
    fontkit: { create: (bytes: Uint8Array) => parse(bytes) as unknown as ReturnType<Fontkit["create"]> },
    covers: (bytes, codePoint) => parse(bytes).hasGlyphForCodePoint(codePoint),
  };
}
