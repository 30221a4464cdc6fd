import { describe, expect, it } from "vitest";
import { HARM_SIGNALS, harmSignalsIn, normalizeNarrative } from "../../../src/cases/harm-signals.ts";
import { HARM_NARRATIVES } from "../../fixtures/harm-narratives.ts";

// Per entry of the signal list: phrases it must catch, and near-misses it must leave alone
// (written here, not taken from the module, so a changed pattern is caught).
const CASES: Record<string, { catches: string[]; ignores: string[] }> = {
  en_struck_person: { catches: ["the aide slapped her hand", "he says the tech hit him", "a visitor punched my dad"], ignores: ["I hit the call button", "I hit my call light twice"] },
  en_grabbed_person: { catches: ["grabbed her by the arm", "pushed him down on the bed", "handled her roughly", "was rough with him"], ignores: ["pushed the discharge back", "pulled the curtain"] },
  en_head_strike: { catches: ["she hit her head on the rail", "he banged his head"], ignores: ["hit the head of the line"] },
  en_injury_marks: { catches: ["bruised my arm", "a black eye", "a skin tear on her shin", "broke her hip", "her arm was bleeding"], ignores: ["the bill broke the bank", "a bruising wait"] },
  en_pressure_injury: { catches: ["a bedsore on his back", "a pressure ulcer", "pressure injuries on both heels"], ignores: ["under pressure to leave"] },
  en_fall: { catches: ["he fell in the shower", "she had a fall overnight", "found him on the floor", "she slipped and hit the sink"], ignores: ["dad fell asleep in the lobby", "the plan fell through"] },
  en_left_soiled: { catches: ["left in a soiled bed for hours", "lying in her own urine", "soiled sheets for two hours"], ignores: ["the bathroom was dirty", "left in the waiting room"] },
  en_unanswered_help: { catches: ["fell after asking twice for help", "asked repeatedly for the bedpan", "left alone for hours"], ignores: ["asked twice for the menu", "the call bell was slow"] },
  en_not_fed_turned: { catches: ["he was not fed for two days", "not turned all night", "she was dehydrated"], ignores: ["not fed up, just tired"] },
  en_medication_error: { catches: ["the wrong insulin dose", "a double dose of heparin", "given someone else's pills", "she overdosed on the pump"], ignores: ["the wrong room number", "an extra pillow"] },
  en_abuse_words: { catches: ["she says she is being abused", "this is neglect", "he was assaulted", "touched her inappropriately", "threatened to hit him"], ignores: ["asked about sexual orientation on the form", "an abundance of caution"] },
  en_tied_down: { catches: ["they tied him to the bed", "strapped her down"], ignores: ["tied up in meetings"] },
  en_hurt: { catches: ["the nurse hurt her", "he got hurt in radiology"], ignores: ["it hurt my feelings"] },
  es_golpe: { catches: ["la enfermera le pegó", "lo empujaron contra la pared", "la abofeteó"], ignores: ["pegaron un aviso en la puerta"] },
  es_agarro: { catches: ["la agarró del brazo", "lo trataron bruscamente", "la bañaron a la fuerza"], ignores: ["agarró su bolsa y se fue"] },
  es_lesion: { catches: ["le dejó moretones", "un hematoma en el brazo", "se golpeó la cabeza", "tiene una úlcera por presión", "la lastimaron"], ignores: ["la habitación era morada y fea"] },
  es_caida: { catches: ["mi papá se cayó", "tuvo una caída en el baño", "la encontraron en el piso"], ignores: ["se cayó la llamada"] },
  es_abandono: { catches: ["la dejaron sucia", "nadie vino en toda la noche", "pidió ayuda varias veces", "pañal sucio"], ignores: ["nadie nos explicó el alta"] },
  es_medicamento: { catches: ["una dosis equivocada de insulina", "le dieron doble dosis", "sobredosis de morfina", "le dieron dos veces la pastilla"], ignores: ["la dosis fue explicada"] },
  es_abuso: { catches: ["la maltrataron", "fue un abuso", "es negligencia", "la amarraron a la cama"], ignores: ["abusaron de nuestra paciencia con la espera"] },
};

const ids = (text: string) => harmSignalsIn(text).map((signal) => signal.id);

describe("harm signal list", () => {
  it("has tests for every entry, and every entry says why it is there", () => {
    expect(Object.keys(CASES).sort()).toEqual(HARM_SIGNALS.map((signal) => signal.id).sort());
    for (const signal of HARM_SIGNALS) expect(signal.why.length).toBeGreaterThan(20);
  });

  it("covers English and Spanish", () => {
    expect(new Set(HARM_SIGNALS.map((signal) => signal.language))).toEqual(new Set(["en", "es"]));
  });

  for (const [id, { catches, ignores }] of Object.entries(CASES)) {
    it.each(catches)(`${id} catches "%s"`, (text) => expect(ids(text)).toContain(id));
    it.each(ignores)(`${id} leaves "%s" alone`, (text) => expect(ids(text)).not.toContain(id));
  }

  it("matches whatever the case and accents", () => {
    expect(normalizeNarrative("Se CAYÓ  del\nbaño")).toBe("se cayo del bano");
    expect(ids("MI PAPÁ SE CAYÓ")).toContain("es_caida");
  });

  it("finds nothing in an empty narrative", () => {
    expect(harmSignalsIn("", undefined)).toEqual([]);
  });
});

// An entry that is not a known exception ("abusaron de nuestra paciencia") is a test failure above;
// the figures over the labelled set are printed for the reviewer and must stay high.
describe("harm signal list over the labelled narratives", () => {
  it("has precision and recall of at least 0.9", () => {
    let truePositive = 0;
    let falsePositive = 0;
    let falseNegative = 0;
    const misses: string[] = [];
    for (const { text, harm } of HARM_NARRATIVES) {
      const flagged = harmSignalsIn(text).length > 0;
      if (flagged && harm) truePositive += 1;
      if (flagged && !harm) {
        falsePositive += 1;
        misses.push(`false alarm: ${text}`);
      }
      if (!flagged && harm) {
        falseNegative += 1;
        misses.push(`missed: ${text}`);
      }
    }
    const precision = truePositive / (truePositive + falsePositive);
    const recall = truePositive / (truePositive + falseNegative);
    console.log(
      `harm signals over ${HARM_NARRATIVES.length} labelled narratives (${HARM_NARRATIVES.filter((n) => n.harm).length} harm): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}${misses.length ? `\n  ${misses.join("\n  ")}` : ""}`,
    );
    expect(HARM_NARRATIVES.length).toBeGreaterThanOrEqual(50);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
