import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../../src/config/env.ts";
import { addressLines, letterheadFrom } from "../../../src/config/policies.ts";
import { loadLetterFonts } from "../../../src/letters/fonts.ts";
import { createLetterPrinter, type Letterhead, type PrintableLetter } from "../../../src/letters/letter-pdf.ts";
import { loadLetterLogo, logoFormat } from "../../../src/letters/letter-pdf-logo.ts";
import { faceRuns, printProblem, wrapText } from "../../../src/letters/letter-pdf-text.ts";
import { LETTER_OUTBOX } from "../../../src/letters/letter-outbox.ts";
import { AppError } from "../../../src/lib/errors.ts";
import { RAISER_NAME } from "../../fixtures/intake.ts";
import { type MemoryServices, memoryServices } from "../../support/memory-services.ts";
import { refusal } from "../../support/refusal.ts";

const FONTS = loadLetterFonts();

const LETTERHEAD: Letterhead = {
  hospitalName: "Riverside General Hospital",
  addressLines: ["1200 River Road", "Springfield, IL 62704"],
  logo: null,
  contact: { name: "Dana Whitfield", title: "Patient Relations Manager", phone: "555-201-4400", email: "dana.whitfield@riverside.example" },
  signatory: { name: "Jordan Lee", title: "Director of Patient Experience" },
  timeZone: "America/Chicago",
};

const PARAGRAPH =
  "Thank you for telling us about your concern. We looked into it carefully: we spoke with the nurses on the unit, reviewed the call-light records and met with the unit manager to agree on changes.";

function letterFor(name: string, paragraphs = 2, greeting = `Dear ${name},`): PrintableLetter {
  const body = Array.from({ length: paragraphs }, () => PARAGRAPH);
  return {
    caseNumber: "PR-2026-0042",
    // 03:30 UTC on March 4 is still March 3 in Chicago: the date is the hospital's.
    date: new Date("2026-03-04T03:30:00Z"),
    recipient: { name, addressLines: ["12 Elm Street", "Apt 4B", "Springfield, IL 62704"] },
    text: [greeting, ...body, "Sincerely,\nJordan Lee\nRiverside General Hospital"].join("\n\n"),
    title: "PR-2026-0042 letter",
  };
}

async function pagesOf(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  return (await extractText(pdf, { mergePages: false })).text;
}

/** A real PNG file: a small solid block in the hospital's colour. */
function pngFile(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0x1f, 0x5f, 0x8f]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]));
}

describe("letter PDF: every name prints in its own script", () => {
  const printer = createLetterPrinter(FONTS, LETTERHEAD);
  const names = [
    ["Vietnamese", "Nguyễn Thị Minh Khai"],
    ["Polish", "Zofia Wójcik-Łukasiewicz"],
    ["Romanian", "Ștefan Bălănescu"],
    ["Cyrillic", "Анна Кузнецова"],
    ["Greek", "Γιώργος Παπαδόπουλος"],
    ["Chinese (simplified)", "王小明"],
  ] as const;

  for (const [script, name] of names) {
    it(`${script}: "${name}" reads back exactly from the text layer, with no "?"`, async () => {
      const letter = letterFor(name);
      expect(printer.refusal(letter)).toBeNull();
      const [page] = await pagesOf(await printer.print(letter));
      const lines = (page as string).split("\n");
      expect(lines).toContain(name);
      expect(lines).toContain(`Dear ${name},`);
      expect(page).not.toContain("?");
      expect(page).not.toContain("\uFFFD");
    });
  }

  it("prints a letter written in Chinese, wrapping between characters", async () => {
    const sentence = "感谢您告诉我们您的担忧。我们已经仔细调查了此事，并与病房的护士长进行了沟通。";
    const letter = { ...letterFor("王小明"), text: `王小明您好：\n\n${sentence.repeat(3)}\n\n此致\nJordan Lee` };
    const [page] = await pagesOf(await printer.print(letter));
    // The paragraph wraps over several lines; joined again it is the text as written.
    const joined = (page as string).replace(/\n/g, "");
    expect(joined).toContain(sentence.repeat(3));
    expect((page as string).split("\n").filter((line) => line.startsWith("感谢") || line.includes("担忧")).length).toBeGreaterThan(0);
  });

  it("keeps PDFs small by embedding only the glyphs used", async () => {
    const english = await printer.print(letterFor("Anna Smith", 3));
    const chinese = await printer.print({ ...letterFor("王小明"), text: `王小明您好：\n\n${"感谢您告诉我们您的担忧。我们已经仔细调查了此事。".repeat(6)}\n\nJordan Lee` });
    // The whole fonts are 0.6 MB (Latin) and 8 MB (Chinese).
    expect(english.length).toBeLessThan(40_000);
    expect(chinese.length).toBeLessThan(150_000);
  });

  it("refuses right-to-left text with a message that points to the text download", async () => {
    const refusal = createLetterPrinter(FONTS, LETTERHEAD).refusal(letterFor("محمد الأحمد"));
    expect(refusal).toContain("right-to-left");
    expect(refusal).toContain("Download text");
    expect(createLetterPrinter(FONTS, LETTERHEAD).refusal(letterFor("Yael", 1, "שלום Yael,"))).toContain("right-to-left");
  });

  it("refuses characters no font has, naming their code points instead of printing '?'", () => {
    const refusal = createLetterPrinter(FONTS, LETTERHEAD).refusal(letterFor("Anna 😀"));
    expect(refusal).toContain("U+1F600");
    expect(refusal).toContain("Download text");
  });
});

describe("letter PDF: a letter a hospital mails", () => {
  it("has the letterhead, date, recipient, case reference, contact, signatory and page numbers over 3 pages", async () => {
    const printer = createLetterPrinter(FONTS, LETTERHEAD);
    const pages = await pagesOf(await printer.print(letterFor("Zofia Wójcik-Łukasiewicz", 22)));
    expect(pages).toHaveLength(3);
    const first = (pages[0] as string).split("\n");
    expect(first.slice(0, 3)).toEqual(["Riverside General Hospital", "1200 River Road", "Springfield, IL 62704"]);
    expect(first).toContain("March 3, 2026");
    expect(first.join("\n")).toContain("Zofia Wójcik-Łukasiewicz\n12 Elm Street\nApt 4B\nSpringfield, IL 62704");
    expect(first).toContain("Case reference: PR-2026-0042");
    expect(first).toContain("Your contact: Dana Whitfield, Patient Relations Manager");
    expect(first.some((line) => line.includes("555-201-4400") && line.includes("dana.whitfield@riverside.example"))).toBe(true);
    const last = (pages[2] as string).split("\n");
    expect(last.join("\n")).toContain("Sincerely,\nJordan Lee\nDirector of Patient Experience\nRiverside General Hospital");
    expect(pages.map((page) => page.split("\n").find((line) => line.startsWith("Page ")))).toEqual(["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"]);
    // Later pages repeat a short header; the first has the full letterhead instead.
    for (const page of pages.slice(1)) expect(page.split("\n")[0]).toBe("Riverside General Hospital · Case PR-2026-0042 · March 3, 2026");
    expect(first[0]).toBe("Riverside General Hospital");
  });

  it("leaves out what is not recorded: no recipient block, no title, no direct line", async () => {
    const printer = createLetterPrinter(FONTS, { ...LETTERHEAD, addressLines: [], contact: { name: "Dana Whitfield" }, signatory: { name: "Jordan Lee" } });
    const [page] = await pagesOf(await printer.print({ ...letterFor("Anna Smith"), recipient: null }));
    const lines = (page as string).split("\n");
    expect(lines[1]).toBe("March 3, 2026");
    expect(lines).toContain("Your contact: Dana Whitfield");
    expect(lines.some((line) => line.startsWith("Phone:") || line.startsWith("Email:"))).toBe(false);
    expect(lines).not.toContain("12 Elm Street");
  });

  it("puts the hospital's logo on the letterhead", async () => {
    const folder = mkdtempSync(join(tmpdir(), "letter-logo-"));
    writeFileSync(join(folder, "logo.png"), pngFile(120, 40));
    const logo = await loadLetterLogo(join(folder, "logo.png"));
    expect(logo.format).toBe("png");
    const bytes = await createLetterPrinter(FONTS, { ...LETTERHEAD, logo }).print(letterFor("Anna Smith"));
    const withoutLogo = await createLetterPrinter(FONTS, LETTERHEAD).print(letterFor("Anna Smith"));
    expect(Buffer.from(bytes).toString("latin1")).toContain("/Subtype /Image");
    expect(Buffer.from(withoutLogo).toString("latin1")).not.toContain("/Subtype /Image");
  });
});

describe("logo file checks at start-up", () => {
  const folder = mkdtempSync(join(tmpdir(), "letter-logo-bad-"));
  const reasonFor = async (path: string) => {
    const error = await loadLetterLogo(path).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).userMessage;
  };

  it("names a missing file, a folder, a file that is no image and a broken image", async () => {
    writeFileSync(join(folder, "logo.txt"), "not an image");
    writeFileSync(join(folder, "broken.png"), pngFile(10, 10).slice(0, 20));
    expect(await reasonFor(join(folder, "missing.png"))).toMatch(/HOSPITAL_LOGO_FILE .*missing\.png\) does not exist/);
    expect(await reasonFor(folder)).toContain("is a folder, not a file");
    expect(await reasonFor(join(folder, "logo.txt"))).toContain("is not a PNG or JPEG image");
    expect(await reasonFor(join(folder, "broken.png"))).toContain("cannot be decoded");
  });

  it("tells PNG from JPEG by the file's first bytes", () => {
    expect(logoFormat(pngFile(1, 1))).toBe("png");
    expect(logoFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(logoFormat(new Uint8Array([0x47, 0x49, 0x46]))).toBeNull();
  });
});

describe("letter text rules", () => {
  const latinOnly = (face: number, codePoint: number) => (face === 0 ? codePoint < 0x2e80 : true);

  it("draws each character with the first face that has it; marks and spaces stay with their letter", () => {
    expect(faceRuns("Dear 王小明, hi", 2, latinOnly)).toEqual([
      { face: 0, text: "Dear " },
      { face: 1, text: "王小明, hi" },
    ]);
    expect(faceRuns("Thi\u0323", 2, (face, codePoint) => face === 0 && codePoint !== 0x0323)).toEqual([{ face: 0, text: "Thi\u0323" }]);
  });

  it("wraps Chinese between characters, keeps closing punctuation with its character, and cuts a word too long for a line", () => {
    const width = (text: string) => Array.from(text).length;
    expect(wrapText("我们已经调查。谢谢", 4, width)).toEqual(["我们已经", "调查。谢", "谢"]);
    expect(wrapText("one two three", 7, width)).toEqual(["one two", "three"]);
    expect(wrapText("abcdefghij", 4, width)).toEqual(["abcd", "efgh", "ij"]);
  });

  it("finds nothing to refuse in printable text, and lists each missing character once", () => {
    expect(printProblem(["Dear Anna,", "王小明"], 2, latinOnly)).toBeNull();
    expect(printProblem(["x\u{1F600}\u{1F600}"], 1, (_, codePoint) => codePoint < 0x1f000)).toEqual({ kind: "unsupported", characters: ["\u{1F600}"] });
  });
});

describe("letterhead settings", () => {
  const base = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", CASE_CHANNEL_ID: "C0123ABCD" };

  it("reads the hospital address, contact and signatory from the environment", () => {
    const env = parseEnv({
      ...base,
      HOSPITAL_NAME: "Riverside General Hospital",
      HOSPITAL_ADDRESS: "1200 River Road | Springfield, IL 62704",
      LETTER_CONTACT_NAME: "Dana Whitfield",
      LETTER_CONTACT_TITLE: "Patient Relations Manager",
      LETTER_CONTACT_PHONE: "555-201-4400",
      LETTER_CONTACT_EMAIL: "dana@riverside.example",
      LETTER_SIGNATORY: "Jordan Lee",
      LETTER_SIGNATORY_TITLE: "Director of Patient Experience",
      TZ: "America/Chicago",
    });
    expect(letterheadFrom(env, null)).toEqual({
      hospitalName: "Riverside General Hospital",
      addressLines: ["1200 River Road", "Springfield, IL 62704"],
      logo: null,
      contact: { name: "Dana Whitfield", title: "Patient Relations Manager", phone: "555-201-4400", email: "dana@riverside.example" },
      signatory: { name: "Jordan Lee", title: "Director of Patient Experience" },
      timeZone: "America/Chicago",
    });
    expect(addressLines("1200 River Road\nSpringfield, IL 62704||")).toEqual(["1200 River Road", "Springfield, IL 62704"]);
  });

  it("refuses a contact phone or email that is not one, naming the variable", () => {
    expect(() => parseEnv({ ...base, LETTER_CONTACT_PHONE: "call us", LETTER_CONTACT_EMAIL: "dana at riverside" })).toThrow(/LETTER_CONTACT_PHONE: must be a phone number[\s\S]*LETTER_CONTACT_EMAIL: must be an email address/);
  });
});

describe("letter PDF: the download", () => {
  const COORDINATOR = "U0COORD0L1";
  const MANAGER = "U0MANAGER3";
  const ROLES = { [COORDINATOR]: "coordinator", [MANAGER]: "manager" } as const;

  async function approvedLetter(app: MemoryServices, overrides: Parameters<MemoryServices["fileCase"]>[0]) {
    const filed = await app.fileCase({ category: "quality", ...overrides }, { owner: COORDINATOR });
    await app.caseActions.addNote(filed.id, COORDINATOR, "step", "We reviewed the triage log and spoke with the charge nurse on duty.");
    await app.caseActions.addNote(filed.id, COORDINATOR, "result", "We found that the wait was caused by a staffing shortage that night.");
    const requested = await app.letters.request(filed.id, COORDINATOR, "response", `request:${filed.id}`);
    const job = app.queued(LETTER_OUTBOX.draft).find((post) => post.payload.letterId === requested.id);
    await app.letters.produceDraft(requested.id, Number(job?.payload.version));
    await app.letters.approve(requested.id, MANAGER, 1);
    return { filed, letterId: requested.id };
  }

  it("is addressed to whoever raised the concern, at the mailing address recorded at intake", async () => {
    const app = memoryServices({ roles: ROLES });
    const { filed, letterId } = await approvedLetter(app, { mailingAddress: "44 Harbor Lane\nUnit 2\nSpringfield, IL 62701" });
    const download = await app.letters.download(letterId, COORDINATOR, "pdf");
    await download.send();
    const upload = app.notifier.uploads.at(-1);
    expect(upload?.filename).toBe(`${filed.number}-letter-v1.pdf`);
    const [first] = await pagesOf(new Uint8Array(upload?.content ?? []));
    expect(first).toContain(`${RAISER_NAME}\n44 Harbor Lane\nUnit 2\nSpringfield, IL 62701`);
    expect(first).toContain(`Case reference: ${filed.number}`);
    expect(first).toContain(`Dear ${RAISER_NAME},`);
  });

  it("refuses a PDF of a letter to a name in Arabic script, before saying it is sending, and still gives the text", async () => {
    const app = memoryServices({ roles: ROLES });
    const { letterId } = await approvedLetter(app, { raiserName: "محمد الأحمد" });
    const refused = await refusal(app.letters.download(letterId, COORDINATOR, "pdf"));
    expect(refused.userMessage).toContain("Use Download text");
    const text = await app.letters.download(letterId, COORDINATOR, "txt");
    await text.send();
    expect(app.notifier.uploads.at(-1)?.content.toString("utf8")).toContain("Dear محمد الأحمد,");
  });
});
