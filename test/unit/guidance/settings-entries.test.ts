import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GUIDANCE_ENTRIES } from "../../../src/guidance/guidance-entries.ts";
import { type GuidanceDocument, parseGuidance } from "../../../src/guidance/guidance.schema.ts";
import { DEFAULT_GUIDANCE_FILE, DEFAULT_RESOURCES_FILE } from "../../../src/guidance/guidance.service.ts";
import type { DocumentResult } from "../../../src/lib/settings-document.ts";
import { ENTRY_TEXT_LIMIT, entryStamp, entryYaml, findEntry, mergeEntryText, parseEntry, removeEntry } from "../../../src/lib/settings-entries.ts";
import { RESOURCE_ENTRIES } from "../../../src/resources/resource-entries.ts";
import { type Directory, parseDirectory } from "../../../src/resources/resources.schema.ts";

// One card or resource edited on its own: its YAML, read back with the entry's own schema, put into
// the document and the document checked again as a whole.

const valid = <T>(result: DocumentResult<T>): T => {
  if (!result.ok) throw new Error(`expected valid, got: ${result.errors.join(" | ")}`);
  return result.value;
};
const errorsOf = (result: DocumentResult<unknown>): string[] => {
  if (result.ok) throw new Error("expected problems");
  return result.errors;
};
const guidance = (): GuidanceDocument => valid(parseGuidance(readFileSync(DEFAULT_GUIDANCE_FILE, "utf8")));
const directory = (): Directory => valid(parseDirectory(readFileSync(DEFAULT_RESOURCES_FILE, "utf8")));

const CARD = "id: billing-help\ntitle: Billing help\nwhen: { topics: [billing] }\nbody: [Offer the financial assistance policy.]\nsources: [26 CFR 1.501(r)-4]\n";

describe("a guidance card edited on its own", () => {
  it("writes every shipped card as YAML that fits a Slack form and reads back to the same card", () => {
    const document = guidance();
    for (const card of document.cards) {
      const text = entryYaml(GUIDANCE_ENTRIES, card);
      expect(text.length).toBeLessThanOrEqual(ENTRY_TEXT_LIMIT);
      expect(valid(parseEntry(GUIDANCE_ENTRIES, text))).toEqual(card);
    }
  });

  it("leaves defaults out and writes one group of conditions and short lists as the file does", () => {
    const text = entryYaml(GUIDANCE_ENTRIES, valid(parseEntry(GUIDANCE_ENTRIES, CARD)));
    expect(text).toBe("id: billing-help\ntitle: Billing help\nwhen:\n  topics: [billing]\nbody: [Offer the financial assistance policy.]\nsources: [26 CFR 1.501(r)-4]\n");
    expect(text).not.toContain("urgent");
    expect(text).not.toContain("aliases");
  });

  it("locates each problem within the card", () => {
    expect(errorsOf(parseEntry(GUIDANCE_ENTRIES, CARD.replace("[billing]", "[biling]")))).toEqual([
      'when[0].topics[0]: "biling" is not a known topic; use one of: discharge, billing, observation, interpreter, medicaid, insurance',
    ]);
    expect(errorsOf(parseEntry(GUIDANCE_ENTRIES, `${CARD}colour: red\n`))).toEqual([expect.stringMatching(/^card: unknown setting "colour"; the allowed settings here are: id, title, urgent/)]);
    expect(errorsOf(parseEntry(GUIDANCE_ENTRIES, CARD.replace("sources: [26 CFR 1.501(r)-4]\n", "")))).toEqual(["sources: is missing; add a list of citations"]);
    expect(errorsOf(parseEntry(GUIDANCE_ENTRIES, CARD.replace("body: [Offer the financial assistance policy.]", 'body: ["Call {qio_fax}"]')))).toEqual([
      expect.stringMatching(/^body\[0\]: uses \{qio_fax\}, which is not a setting; the settings are: qio_name, /),
    ]);
  });

  it("says where the YAML is broken, by line and column of the form", () => {
    // An indented line after "title:" makes the title a group of settings, which YAML cannot write on one line.
    const [problem, ...rest] = errorsOf(parseEntry(GUIDANCE_ENTRIES, "id: billing-help\ntitle: Billing help\n  body: [x]\n"));
    expect(problem).toBe('line 2, column 8: this is not valid YAML (Nested mappings are not allowed in compact mappings); check the indentation and that each setting is written as "name: value"');
    expect(rest.every((line) => line.startsWith("line "))).toBe(true);
    expect(errorsOf(parseEntry(GUIDANCE_ENTRIES, "   \n"))).toEqual(['card: is empty; write the card as YAML, one "name: value" per line, starting with id:']);
    expect(errorsOf(parseEntry(GUIDANCE_ENTRIES, "- a\n- b\n"))).toEqual(['card: must be one card written as "name: value" lines starting with id:, but it is a list']);
    expect(errorsOf(parseEntry(GUIDANCE_ENTRIES, "x".repeat(ENTRY_TEXT_LIMIT + 1)))[0]).toMatch(/^card: is 3,001 characters; a Slack form holds 3,000\. Edit the guidance file and reload it\.$/);
  });

  it("accepts a card copied from the file with its list dash", () => {
    const pasted = `- ${CARD.trimEnd().split("\n").join("\n  ")}\n`;
    expect(valid(parseEntry(GUIDANCE_ENTRIES, pasted)).id).toBe("billing-help");
  });

  it("replaces the card in place, keeping the others and their order", () => {
    const document = guidance();
    const target = document.cards[2]!;
    const edited = entryYaml(GUIDANCE_ENTRIES, target).replace(/^title: .*$/m, "title: A new title");
    const merged = valid(mergeEntryText(GUIDANCE_ENTRIES, document, target.id, edited));
    expect(merged.entry).toMatchObject({ id: target.id, title: "A new title" });
    expect(merged.document.cards.map((card) => card.id)).toEqual(document.cards.map((card) => card.id));
    expect(merged.document.cards[2]!.title).toBe("A new title");
    expect(merged.document.cards.filter((_, index) => index !== 2)).toEqual(document.cards.filter((_, index) => index !== 2));
    expect(merged.document.settings).toEqual(document.settings);
  });

  it("adds a new card at the end, and may rename one to an id nobody uses", () => {
    const document = guidance();
    expect(valid(mergeEntryText(GUIDANCE_ENTRIES, document, null, CARD)).document.cards.at(-1)!.id).toBe("billing-help");
    const renamed = valid(mergeEntryText(GUIDANCE_ENTRIES, document, "medicare-abn", entryYaml(GUIDANCE_ENTRIES, findEntry(GUIDANCE_ENTRIES, document, "medicare-abn")!).replace("id: medicare-abn", "id: abn")));
    expect(renamed.document.cards.map((card) => card.id)).toContain("abn");
    expect(renamed.document.cards.map((card) => card.id)).not.toContain("medicare-abn");
  });

  it("refuses an id another card uses, naming that card", () => {
    const document = guidance();
    const taken = CARD.replace("id: billing-help", "id: medicare-abn");
    expect(errorsOf(mergeEntryText(GUIDANCE_ENTRIES, document, null, taken))).toEqual([
      `id: "medicare-abn" is already used by another card ("${document.cards.find((card) => card.id === "medicare-abn")!.title}"); give each card its own id`,
    ]);
    expect(errorsOf(mergeEntryText(GUIDANCE_ENTRIES, document, "de-escalation", taken))[0]).toMatch(/^id: "medicare-abn" is already used by another card/);
  });

  it("refuses an edit of a card removed in the meantime", () => {
    expect(errorsOf(mergeEntryText(GUIDANCE_ENTRIES, guidance(), "gone-card", CARD))).toEqual(['card: "gone-card" is no longer in the guidance file (removed since this form was opened); nothing was saved']);
  });

  it("checks the whole document again: one card too many is refused", () => {
    const base = guidance();
    const small = valid(parseEntry(GUIDANCE_ENTRIES, CARD)) as GuidanceDocument["cards"][number];
    const full: GuidanceDocument = { ...base, cards: Array.from({ length: 60 }, (_, n) => ({ ...small, id: `card-${n}` })) };
    expect(errorsOf(mergeEntryText(GUIDANCE_ENTRIES, full, null, CARD))).toEqual(["in the guidance file as a whole, cards: has more than 60 cards"]);
  });

  it("removes a card, but never the last one", () => {
    const document = guidance();
    expect(valid(removeEntry(GUIDANCE_ENTRIES, document, "medicare-abn")).cards.map((card) => card.id)).not.toContain("medicare-abn");
    expect(errorsOf(removeEntry(GUIDANCE_ENTRIES, document, "nothing-here"))).toEqual(['card: "nothing-here" is not in the guidance file; nothing was removed']);
    const one: GuidanceDocument = { ...document, cards: [document.cards[0]!] };
    expect(errorsOf(removeEntry(GUIDANCE_ENTRIES, one, one.cards[0]!.id))).toEqual(["in the guidance file as a whole, cards: is an empty list; add at least one card"]);
  });

  it("stamps a card so that a change since the form was opened is seen", () => {
    const card = guidance().cards[0]!;
    expect(entryStamp(card)).toBe(entryStamp({ ...card }));
    const retitled = { ...card, title: `${card.title}!` };
    expect(entryStamp(retitled)).not.toBe(entryStamp(card));
  });
});

describe("a community resource edited on its own", () => {
  const RESOURCE = 'id: county-food-bank\nname: County Food Bank\nhelps_with: [food]\nphone: "211"\n';

  it("writes every shipped entry as YAML that reads back to the same entry", () => {
    for (const resource of directory().resources) {
      const text = entryYaml(RESOURCE_ENTRIES, resource);
      expect(text.length).toBeLessThanOrEqual(ENTRY_TEXT_LIMIT);
      expect(valid(parseEntry(RESOURCE_ENTRIES, text))).toEqual(resource);
    }
    // A phone that looks like a number stays a phone in quotes; example: false and no languages are left out.
    expect(entryYaml(RESOURCE_ENTRIES, valid(parseEntry(RESOURCE_ENTRIES, RESOURCE)))).toBe('id: county-food-bank\nname: County Food Bank\nhelps_with: [food]\nphone: "211"\n');
  });

  it("locates each problem within the entry", () => {
    expect(errorsOf(parseEntry(RESOURCE_ENTRIES, RESOURCE.replace('phone: "211"', "website: example.org")))).toEqual([
      "website: is not a web address; write it in full, starting with https://, e.g. https://example.org/help",
    ]);
    expect(errorsOf(parseEntry(RESOURCE_ENTRIES, RESOURCE.replace('phone: "211"\n', "")))).toEqual(["phone: is missing; give a phone number or a website so the patient can reach the service"]);
    expect(errorsOf(parseEntry(RESOURCE_ENTRIES, RESOURCE.replace("[food]", "[food, parking]")))[0]).toMatch(/^helps_with\[1\]: "parking" is not a known need; use one of: transport, food/);
  });

  it("adds, replaces and removes entries with ids kept unique", () => {
    const document = directory();
    const added = valid(mergeEntryText(RESOURCE_ENTRIES, document, null, RESOURCE)).document;
    expect(added.resources.at(-1)).toMatchObject({ id: "county-food-bank", name: "County Food Bank", helps_with: ["food"], example: false, languages: [] });
    const first = document.resources[0]!;
    expect(errorsOf(mergeEntryText(RESOURCE_ENTRIES, added, "county-food-bank", RESOURCE.replace("county-food-bank", first.id)))).toEqual([
      `id: "${first.id}" is already used by another entry ("${first.name}"); give each entry its own id`,
    ]);
    expect(valid(removeEntry(RESOURCE_ENTRIES, added, "county-food-bank")).resources).toEqual(document.resources);
  });
});
