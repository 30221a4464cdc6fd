// Words in a narrative that suggest the patient or family may be alleging harm, abuse or neglect.
// CMS (A-0118) makes any complaint about abuse, neglect or patient harm a grievance, whatever box
// was ticked. A match decides nothing by itself: it makes the intake form ask the filer in plain
// words, and a case filed without an answer is treated as a grievance (classify.ts) that a
// coordinator can reclassify.
//
// Reviewing this list: each entry is one idea, with why it is here. Prefer phrases to single
// words ("hit her head", not "hit": people "hit the call button"), and add a test for each new
// entry and near-miss (test/unit/cases/harm-signals.test.ts); the precision and recall over the
// labelled narratives in test/fixtures/harm-narratives.ts are printed by that test. Matching is
// case- and accent-insensitive (Spanish is written with and without accents), so patterns are
// written in lower case without accents.

export type HarmSignalKind = "physical" | "injury" | "fall" | "neglect" | "medication" | "abuse";

export interface HarmSignal {
  id: string;
  language: "en" | "es";
  kind: HarmSignalKind;
  pattern: RegExp;
  /** Why the entry is here, for the reviewer. */
  why: string;
}

// Who may be on the receiving end, after a mistreatment verb.
const PERSON = "(?:her|him|me|my|his|them|their|the patient|mom|dad|mother|father|wife|husband|son|daughter|grandma|grandpa)";
const BODY = "(?:head|arm|arms|wrist|wrists|hand|hands|face|leg|legs|hip|back|shoulder|neck|chest|skin)";

export const HARM_SIGNALS: readonly HarmSignal[] = [
  {
    id: "en_struck_person",
    language: "en",
    kind: "physical",
    pattern: new RegExp(String.raw`\b(?:slapped|smacked|struck|punched|kicked|shoved|pinched|choked|shook)\s+${PERSON}\b|\bhit (?:her|him|me|them|the patient)\b`),
    why: "Striking a person is alleged physical abuse. 'Hit' needs a person after it ('hit the call button', 'hit my call light' are not).",
  },
  {
    id: "en_grabbed_person",
    language: "en",
    kind: "physical",
    pattern: new RegExp(String.raw`\b(?:grabbed|yanked|twisted|pulled|pushed|dragged|handled)\s+${PERSON}\b(?:\s+\w+){0,3}\s+(?:by|arm|wrist|hair|roughly|down|hard)|\broughly\b|\bmanhandled\b|\brough with ${PERSON}\b`),
    why: "Rough handling ('grabbed her by the arm', 'pushed him down', 'roughly'). 'Pushed my call light' has no by/arm/down after it.",
  },
  {
    id: "en_head_strike",
    language: "en",
    kind: "injury",
    pattern: /\b(?:hit|banged|bumped|struck|cut)\s+(?:her|his|my|their|the patient's|its)\s+head\b/,
    why: "A blow to the head is an injury whatever caused it (a fall, a bed rail).",
  },
  {
    id: "en_injury_marks",
    language: "en",
    kind: "injury",
    pattern: new RegExp(String.raw`\bbruis(?:e|ed|es)\b|\bbruising (?:on|to|over|all)\b|\bblack eye\b|\bskin tear\b|\blaceration\b|\bfractur(?:e|ed)\b|\bbroke\s+(?:her|his|my|their)\s+${BODY}|\bburn(?:ed|t)\s+(?:her|his|my|their)\b|\bbleeding\b`),
    why: "Visible injury: bruises, a black eye, a skin tear, a fracture, a burn, bleeding.",
  },
  {
    id: "en_pressure_injury",
    language: "en",
    kind: "neglect",
    pattern: /\b(?:bed ?sores?|pressure (?:sores?|ulcers?|injur(?:y|ies)))\b/,
    why: "A pressure injury acquired in hospital suggests the patient was not turned: possible neglect.",
  },
  {
    id: "en_fall",
    language: "en",
    kind: "fall",
    pattern: /\b(?:fell(?! asleep| behind| through| apart)|fallen(?! asleep)|had a fall|found (?:her|him|them)? ?on the floor|slipped and)\b/,
    why: "A fall in hospital is patient harm (and 'fell after asking twice for help' is neglect too).",
  },
  {
    id: "en_left_soiled",
    language: "en",
    kind: "neglect",
    pattern: /\b(?:left|lying|lay|sat|sitting)\s+(?:\w+\s+){0,3}in\s+(?:a\s+|her\s+|his\s+|their\s+)?(?:soiled|wet|dirty|urine|feces|faeces|own (?:urine|waste|mess))\b|\bsoiled (?:bed|sheets|diaper|brief)s?\s+for\b/,
    why: "Left in a soiled or wet bed: the classic neglect complaint.",
  },
  {
    id: "en_unanswered_help",
    language: "en",
    kind: "neglect",
    pattern: /\bask(?:ed|ing) (?:twice|three times|several times|repeatedly|again and again) for (?:help|the bedpan|a nurse|assistance)\b|\bno one came for (?:hours|\d+ hours)\b|\bleft (?:alone|unattended) for hours\b/,
    why: "Help asked for and not given: possible neglect, and a fall risk. A slow answer to the call bell on its own is left out: it is the commonest complaint about waiting, not by itself an allegation of neglect.",
  },
  {
    id: "en_not_fed_turned",
    language: "en",
    kind: "neglect",
    pattern: /\bnot (?:fed|turned|changed|given (?:any )?(?:water|food|fluids))\b(?:\s+\w+){0,2}\s+(?:for|all|since)\b|\bdehydrated\b|\bwithout (?:food|water) for\b/,
    why: "Basic care withheld (food, water, turning, changing) for a time.",
  },
  {
    id: "en_medication_error",
    language: "en",
    kind: "medication",
    pattern: /\b(?:wrong|double|extra|incorrect|missed|twice the)\s+(?:\w+\s+)?(?:dose|doses|insulin|medication|medicine|pill|pills|drug|blood)\b|\boverdos(?:e|ed)\b|\bsomeone else's (?:medication|pills|medicine)\b|\bgiven (?:it )?twice\b/,
    why: "A medication error (wrong dose, a double dose, someone else's pills) is possible harm.",
  },
  {
    id: "en_abuse_words",
    language: "en",
    kind: "abuse",
    pattern: /\b(?:abus(?:e|ed|ive)|neglect(?:ed)?|mistreat(?:ed|ment)?|assault(?:ed)?|molest(?:ed)?|sexual(?:ly)? (?:assault(?:ed)?|abus(?:e|ed)|harass(?:ed|ment)?|inappropriate)|touched (?:(?:her|him|me) )?inappropriately|inappropriate(?:ly)? touch(?:ed|ing)?|threatened to (?:hit|hurt|restrain|tie))\b/,
    why: "The words themselves: abuse, neglect, mistreatment, assault, sexual misconduct, threats.",
  },
  {
    id: "en_tied_down",
    language: "en",
    kind: "abuse",
    pattern: new RegExp(String.raw`\b(?:tied|strapped|held)\s+${PERSON}?\s*(?:down|to the bed)\b`),
    why: "Being tied or held down without cause is alleged abuse (and a restraint concern).",
  },
  {
    id: "en_hurt",
    language: "en",
    kind: "injury",
    pattern: /\b(?:hurt|injured) (?:her|him|me|my|his|them|the patient)\b(?! feelings)|\bgot hurt\b|\bwas injured\b/,
    why: "Someone hurt or injured the patient.",
  },
  {
    id: "es_golpe",
    language: "es",
    kind: "physical",
    pattern: /\b(?:golpe(?:o|aron)|(?:la|lo|le|me|les) (?:pego|pegaron)|abofete(?:o|aron)|cachete(?:o|aron)|empuj(?:o|aron)|jalone(?:o|aron)|pellizc(?:o|aron)|zarande(?:o|aron))\b/,
    why: "Golpeó, le pegó, abofeteó, empujó, jaloneó, pellizcó: physical mistreatment. 'Pegaron' alone also means 'stuck up' (a notice), so it needs a pronoun.",
  },
  {
    id: "es_agarro",
    language: "es",
    kind: "physical",
    pattern: /\b(?:la|lo|le|me)\s+(?:agarr(?:o|aron)|jal(?:o|aron)|tom(?:o|aron))\s+(?:fuerte|del|de la|por)\b|\bbruscamente\b|\ba la fuerza\b/,
    why: "La agarró del brazo, lo jaló por la muñeca, bruscamente: rough handling.",
  },
  {
    id: "es_lesion",
    language: "es",
    kind: "injury",
    pattern: /\b(?:moretones?|morados?|hematomas?|sangr(?:ando|o|aba)|fractur(?:a|ada|ado|o)|quemadura|herida en|se (?:golpeo|pego) (?:la|en la) cabeza|ulceras? por presion|escaras?|lastim(?:o|aron|ada|ado))\b/,
    why: "Moretones, hematomas, sangrado, fractura, quemadura, golpe en la cabeza, úlceras por presión, lastimada.",
  },
  {
    id: "es_caida",
    language: "es",
    kind: "fall",
    pattern: /\b(?:se cayo(?! la llamada| el sistema| la linea| la red)|se cayeron|cayo al piso|cayo de la cama|una caida|tuvo una caida|la encontraron en el piso|lo encontraron en el piso)\b/,
    why: "Se cayó, una caída: a fall in hospital is patient harm.",
  },
  {
    id: "es_abandono",
    language: "es",
    kind: "neglect",
    pattern: /\b(?:la|lo|me|le)\s+dejaron\s+(?:sol[ao]|sucia|sucio|mojada|mojado|orinada|orinado|sin comer|sin agua|sin cambiar|horas)\b|\bpanal sucio\b|\bcama sucia\b|\bnadie (?:vino|llego|respondio|contesto)\b|\bpidio ayuda (?:dos|tres|varias|muchas) veces\b|\bsin atender por horas\b/,
    why: "La dejaron sola / sucia / mojada, nadie vino, pidió ayuda varias veces: possible neglect.",
  },
  {
    id: "es_medicamento",
    language: "es",
    kind: "medication",
    pattern: /\b(?:dosis|insulina|medicamentos?|medicina|pastillas?)\s+(?:equivocad[ao]s?|incorrect[ao]s?|doble|de otro paciente|de mas)\b|\bdoble dosis\b|\bsobredosis\b|\b(?:la|le|lo) (?:dieron|pusieron) dos veces\b/,
    why: "Dosis equivocada, doble dosis, sobredosis, medicamento de otro paciente: a medication error.",
  },
  {
    id: "es_abuso",
    language: "es",
    kind: "abuse",
    pattern: /\b(?:abus(?:o|aron|ada|ado)(?! de (?:nuestra|mi|su) paciencia)|maltrat(?:o|aron|ada|ado)|maltrato fisico|negligencia|la toco indebidamente|lo toco indebidamente|acoso|la amenazo|lo amenazo|la amarraron|lo amarraron)\b/,
    why: "Abuso, maltrato, negligencia, tocamientos indebidos, amenazas, la amarraron.",
  },
];

/** Lower case, accents removed, whitespace collapsed: the form the patterns are written for. */
export function normalizeNarrative(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, " ");
}

/** The signal entries a narrative matches (empty when none): a prompt to ask, never a decision. */
export function harmSignalsIn(...texts: readonly (string | undefined)[]): HarmSignal[] {
  const text = normalizeNarrative(texts.filter(Boolean).join("\n"));
  if (text.length === 0) return [];
  return HARM_SIGNALS.filter((signal) => signal.pattern.test(text));
}

/** The question the intake form asks when the narrative carries a signal and the harm box is not ticked. */
export const HARM_QUESTION = "This mentions a possible injury or mistreatment. Does the patient or family allege harm, abuse or neglect?";
