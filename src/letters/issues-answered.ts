// Whether a letter answers each issue the patient raised (CMS A-0123: the response answers the
// grievance, every issue in it). An issue counts as answered when one passage of the letter both
// names it and says what the hospital did or found about it:
//
// - "names it": the sentence (or the sentence with its neighbour) holds most of the issue's
//   content words, compared as stems and as the usual patient-relations synonyms (wait / delay,
//   rude / discourteous, bill / charge / invoice, medication / medicine / dose, discharge / sent
//   home, food / meal, noise / loud, pain / hurting…), stop words ignored, with at least one word
//   that is not a generic one ("nurse", "staff", "time");
// - "what we did or found": that sentence, or one next to it in the same paragraph that is not
//   about another issue, carries a finding or an action ("we found", "we reviewed", "we have",
//   "we will", "has been", "the records show", "was corrected"…), not only an apology ("we are
//   sorry the food was cold"), the patient's own account ("you told us the nurse was rude") or a
//   result still to come ("we have not finished looking into this yet").
//
// Spanish letters are compared the same way with Spanish words, stems and synonyms
// (issues-answered-es.ts); Chinese letters on the character pairs of the issue's content, since
// Chinese has no spaces between words (issues-answered-zh.ts).
//
// Limits: a paraphrase with none of the issue's words or synonyms ("the
// dinner tray" for "food was cold" passes, "what you were served" does not) reads as unanswered,
// and any sentence with a finding next to the issue's words reads as an answer whether or not it
// answers well. It finds letters that skip an issue; it does not judge the answer.

import { SPANISH } from "./issues-answered-es.ts";
import { CHINESE } from "./issues-answered-zh.ts";
import type { LetterLanguage } from "./phrases/phrases.ts";
import { normalize, splitSentences, wordsOf } from "./plain-text.ts";

/** How one language names an issue and says what was done: its concepts, the generic ones, and what a sentence says. */
export interface IssueLanguage {
  /** The distinct concepts a text holds (stems or synonym groups; Chinese: character pairs). */
  concepts(text: string): Set<string>;
  /** Concepts that say who or when but not what: they count half, never alone. */
  generic: ReadonlySet<string>;
  /** Whether a sentence says something done or found, a result still to come, or neither. */
  says(sentence: string): Says;
}

/** One recorded issue's verdict, by its number in the case's list (1-based). */
export interface IssueVerdict {
  number: number;
  answered: boolean;
  /** The letter names the issue but says nothing done or found about it. */
  mentionedOnly: boolean;
}

export interface IssuesAnswered {
  passed: boolean;
  detail: string;
  issues: IssueVerdict[];
}

/** The check result as stored with a version: the usual fields plus the verdict per issue (numbers only). */
export interface IssuesAnsweredCheck {
  id: "issues_answered";
  passed: boolean;
  issues?: IssueVerdict[];
}

/** The verdicts per issue stored on an issues_answered check, when it has them. */
export function issueVerdictsOf(check: { id: string } & Record<string, unknown>): IssueVerdict[] {
  const issues = check.issues;
  if (check.id !== "issues_answered" || !Array.isArray(issues)) return [];
  return issues.filter(
    (entry): entry is IssueVerdict =>
      typeof entry === "object" && entry !== null && typeof entry.number === "number" && typeof entry.answered === "boolean" && typeof entry.mentionedOnly === "boolean",
  );
}

// ---------- words ----------

const STOP_WORDS = new Set(
  (
    "a an the and or but nor of in on at to for from with without by about into over under after before during " +
    "no not never was were is are be been being am my his her their our your its i me he she they we you it this that " +
    "these those did do does had has have having very too so than then there as any some all when while who what " +
    "which how why up out off again only just also because until per via would could should can will may might must " +
    "him them us mine myself himself herself themselves get got getting go went gone come came even still ever " +
    "anyone anybody nobody someone somebody everyone nothing something anything one ones other others much many more most " +
    "really seem seemed seems felt feel feels told tell said say says asked ask wanted want wants like though although yet if whether " +
    "patient patients concern concerns issue issues complaint complained complain about around " +
    "two three four five six seven eight nine ten twice once several few always every whole entire"
  ).split(" "),
);


// Synonym groups: every word in a group stands for the group's first word.
const SYNONYMS: readonly string[][] = [
  ["wait", "delay", "late", "slow", "lengthy", "long", "longer", "overdue"],
  ["early", "premature", "prematurely", "soon", "rushed out"],
  ["doctor", "physician", "provider", "dr", "surgeon", "hospitalist", "clinician", "resident"],
  ["nurse", "nursing", "rn"],
  ["rude", "discourteous", "disrespectful", "disrespect", "impolite", "dismissive", "unprofessional", "curt", "condescending", "courteous", "courtesy", "respect", "respectful", "manner", "manners", "attitude", "tone", "yell", "yelled", "shout", "shouted", "snap", "snapped", "abrupt", "unkind", "polite", "politely", "professional"],
  ["bill", "billing", "charge", "charged", "invoice", "statement", "fee", "cost", "price", "payment", "overcharged", "overcharge"],
  ["medication", "medicine", "medicines", "dose", "dosage", "drug", "drugs", "prescription", "prescribed", "pill", "pills", "med", "meds", "pharmacy", "tablet", "tablets", "antibiotic", "antibiotics", "insulin"],
  ["discharge", "discharged", "released", "dismissed"],
  ["food", "meal", "meals", "tray", "trays", "breakfast", "lunch", "dinner", "supper", "diet", "eat", "eating", "ate", "snack", "kitchen", "dietary"],
  ["noise", "noisy", "loud", "loudly", "aloud", "quiet", "quieter", "sound", "sounds"],
  ["pain", "painful", "hurt", "hurting", "hurts", "ache", "aching", "sore", "discomfort", "agony"],
  ["explain", "explanation", "explained", "inform", "informed", "information", "update", "updated", "updates", "communicate", "communication", "communicated", "uninformed"],
  ["clean", "cleaning", "dirty", "unclean", "hygiene", "housekeeping", "mess", "messy", "soiled", "stain", "stained", "filthy", "sanitary"],
  ["lost", "lose", "missing", "misplaced", "misplace", "belongings", "property", "possessions"],
  ["interpreter", "interpreters", "translator", "translate", "translation", "interpretation", "interpret", "interpreting"],
  ["emergency", "er", "ed", "a&e"],
  ["call", "called", "calls", "callback", "phone", "phoned", "ring", "rang", "voicemail"],
  ["buzzer", "bell", "button", "light"],
  ["privacy", "private", "confidential", "confidentiality", "overheard", "overhear"],
  ["parking", "park", "parked", "garage", "valet"],
  ["appointment", "appointments", "schedule", "scheduled", "scheduling", "reschedule", "rescheduled", "cancel", "cancelled", "canceled", "cancellation", "booking", "booked"],
  ["fall", "fell", "fallen", "falls", "slipped", "slip"],
  ["bathroom", "toilet", "restroom", "bedpan", "commode", "washroom", "shower"],
  ["ignore", "ignored", "ignoring", "unanswered", "unattended", "neglected"],
  ["test", "tests", "scan", "scans", "x-ray", "xray", "mri", "ct", "lab", "labs", "bloodwork", "imaging"],
  ["visitor", "visitors", "visitation"],
  ["cold", "chilly", "freezing", "lukewarm", "temperature"],
  ["wrong", "incorrect", "inaccurate", "error", "mistaken"],
  ["insurance", "insurer", "coverage", "covered", "medicare", "medicaid"],
  ["surgery", "operation", "procedure", "surgical", "operated"],
  ["diagnosis", "diagnosed", "misdiagnosis", "misdiagnosed"],
  ["wheelchair", "transport", "transportation", "porter"],
  ["record", "records", "chart", "charting"],
  ["glasses", "eyeglasses", "spectacles", "dentures", "hearing-aid"],
];

// Phrases first, so "sent home" is a discharge and "call light" a buzzer.
const PHRASES: readonly [RegExp, string][] = [
  [/\b(?:sent|send|sending|let|went|go|going|gone) (?:\w+ )?home\b/gi, "discharge"],
  [/\b(?:leave|left|leaving) the hospital\b/gi, "discharge"],
  [/\btoo soon\b/gi, "early"],
  [/\bhearing aids?\b/gi, "hearing-aid"],
  [/\bcall (?:light|bell|button)s?\b/gi, "buzzer"],
  [/\bx ray\b/gi, "x-ray"],
  [/\bblood work\b/gi, "bloodwork"],
  [/\btook (?:so |too )?long\b/gi, "delay"],
  [/\bwaiting (?:room|area)s?\b/gi, "waiting-room"],
];

/** A light English stemmer: the same word's forms fall together ("waited", "waiting", "waits"). */
function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, "").replace(/'/g, "");
  if (w.length > 5 && w.endsWith("ness")) w = w.slice(0, -4);
  else if (w.length > 5 && w.endsWith("ly")) w = w.slice(0, -2);
  if (w.length > 4 && /ie[sd]$/.test(w)) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  else if (w.length > 4 && /(?:ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (/([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

// Irregular past forms the stemmer cannot fold.
const IRREGULAR: Record<string, string> = {
  saw: "see", seen: "see", took: "take", taken: "take", gave: "give", given: "give", went: "go", spoke: "speak", spoken: "speak",
  told: "tell", lost: "lose", fell: "fall", ate: "eat", left: "leave", kept: "keep", felt: "feel", brought: "bring", came: "come",
  wrote: "write", written: "write", paid: "pay", sent: "send", got: "get", heard: "hear", forgot: "forget", forgotten: "forget",
};

const CONCEPT = new Map<string, string>();
for (const group of SYNONYMS) for (const word of group) CONCEPT.set(stem(IRREGULAR[word] ?? word), `~${group[0]}`);

function conceptOf(word: string): string {
  const stemmed = stem(IRREGULAR[word] ?? word);
  return CONCEPT.get(stemmed) ?? stemmed;
}

// Words on the issue's side that say who or when but not what: they count half, never alone, and
// only when the letter has them (a letter need not repeat "my mother" to answer her fall).
const GENERIC = new Set(
  (
    "nurse staff doctor team hospital unit room floor department time times day days night hour hours minute minutes " +
    "week weeks visit stay mother father mom dad son daughter husband wife family care person people member members " +
    "thing things place area result results"
  )
    .split(" ")
    .map(conceptOf),
);

const withPhrases = (text: string) => PHRASES.reduce((value, [pattern, word]) => value.replace(pattern, word), text);

/** The distinct concepts a text holds, stop words left out. */
function conceptsOf(text: string): Set<string> {
  const concepts = new Set<string>();
  for (const word of wordsOf(withPhrases(normalize(text)))) {
    const lower = word.toLowerCase();
    if (STOP_WORDS.has(lower) || /^\d+$/.test(lower) || lower.length < 2) continue;
    concepts.add(conceptOf(lower));
  }
  return concepts;
}

interface IssueTerms {
  strong: string[];
  generic: string[];
}

function termsOf(issue: string, language: IssueLanguage): IssueTerms {
  const concepts = [...language.concepts(issue)];
  return { strong: concepts.filter((concept) => !language.generic.has(concept)), generic: concepts.filter((concept) => language.generic.has(concept)) };
}

/** How well a passage names an issue, 0 to 1: the share of its strong words, generic ones adding ½ each when present; no strong word matched is 0. */
function mentionScore(passage: Set<string>, terms: IssueTerms): number {
  const strongHit = terms.strong.filter((concept) => passage.has(concept)).length;
  const genericHit = terms.generic.filter((concept) => passage.has(concept)).length;
  if (terms.strong.length === 0) return genericHit / Math.max(terms.generic.length, 1);
  if (strongHit === 0) return 0;
  return (strongHit + genericHit / 2) / (terms.strong.length + genericHit / 2);
}

// ---------- what a sentence says ----------

// What the hospital did or found, in the past or present perfect ("we reviewed", "the kitchen has
// changed", "our pharmacist found"), or will do ("we will", "will be").
const DONE_VERBS =
  "found|reviewed|spoke|spoken|talked|met|checked|confirmed|looked into|looked at|investigated|determined|learned|learnt|shared|arranged|updated|" +
  "changed|corrected|removed|added|fixed|repaired|replaced|contacted|called|interviewed|examined|discussed|followed up|put in place|started|introduced|" +
  "trained|retrained|reminded|coached|set up|placed|adjusted|passed|referred|audited|traced|agreed|concluded|verified|compared|located|" +
  "returned|issued|reissued|credited|scheduled|booked|assigned|installed|ordered|identified|searched|filed|offered|apologized|apologised|" +
  "tested|observed|measured|upgraded|hired|moved|extended|created|posted|resolved|refunded|cancelled|canceled|rewrote|rewritten|improved|" +
  "began|begun|expanded|reduced|increased|tracked|monitored|notified|informed|asked|requested|sent|gave|given|told|made|took|taken";
const ACTION = [
  // Not after a negation or a wish: "no one told you", "it should have been explained".
  new RegExp(`(?<!\\b(?:no one|nobody|never|not|n't|should|should have|would|could|must)\\s+(?:\\w+\\s+)?)\\b(?:${DONE_VERBS})\\b`, "i"),
  /\b(?:we|i)(?:'ll| will| would like to| are going to| plan to| can| have| are (?:now |also )?\w+ing)\b/i,
  /\b(?:show|shows|showed|confirm|confirms|indicate|indicates|indicated)\b/i,
  /(?<!\b(?:should|would|could|must|might)(?: not)? )\b(?:has|have|had) been \w+/i,
  /\b(?:is|are) (?:now|being) \w+/i,
  /\bwill (?:be|now|receive|get|see|hear|call|contact|review|meet)\b/i,
  /\b(?:was|were) (?:not )?(?:able|unable)\b/i,
  /\b(?:was|is|has been) (?:because|due to|caused by)\b/i,
  /\bas a result\b/i,
  /\bnow (?:checks?|uses?|has|have|signs?|reach(?:es)?|starts?|adds?|calls?)\b/i,
];
// Weaker cues ("the charge was correct"): only outside the patient's own account and apologies.
const WEAK_ACTION = [/\b(?:was|were|is|are) (?:not )?(?:correct|accurate|appropriate|right|within|consistent|in line with)\b/i];
// The patient's account: "you told us…", "you said…".
const REPORTED = /\b(?:you|your \w+) (?:also )?(?:told|tell|said|say|wrote|write|mentioned|mention|shared|described|describe|raised|noted|reported|felt|feel|asked|ask|let us know|were upset|are upset|complained|were worried|were concerned)\b|\byou (?:also )?(?:were|are) (?:unhappy|upset|concerned|worried|frustrated|angry)\b/i;
const APOLOGY = /^(?:we|i)(?:'re|'m| are| am)? (?:truly |very |so |sincerely |deeply |also )?(?:sorry|apologi[sz]e|regret|understand|know|appreciate|hear|recogni[sz]e|realize)\b|^(?:thank you|our apologies)\b/i;
// Where our own words start after the patient's account or an apology: ", and we reviewed…".
const OUR_CLAUSE = /(?:[,;:]|\band\b|\bbut\b|\bso\b)\s+(?:we|our|the \w+ (?:team|office|manager)|they|it|this)\b.*/i;
// A result still to come: the sentence answers nothing yet.
const PENDING = /\b(?:not (?:yet|finished|completed?|done)|no (?:result|results|findings?|answer) yet|have(?: not|n't) (?:yet )?(?:finished|completed?|found out|reached)|(?:are|is) still (?:looking|reviewing|investigating|working|waiting)|still (?:under review|being reviewed|open)|yet to)\b/i;

export type Says = "acts" | "pending" | "none";

/** Whether a sentence says something done or found, a result still to come, or neither. */
export function actsIn(sentence: string): Says {
  const flat = sentence.replace(/\s+/g, " ").trim();
  if (PENDING.test(flat)) return "pending";
  // In the patient's account or an apology, only a clause of our own that follows counts.
  const framed = REPORTED.test(flat) || APOLOGY.test(flat);
  const ours = framed ? (flat.slice(1).match(OUR_CLAUSE)?.[0] ?? "") : flat;
  if (ACTION.some((pattern) => pattern.test(ours))) return "acts";
  if (!framed && WEAK_ACTION.some((pattern) => pattern.test(ours))) return "acts";
  return "none";
}

// ---------- the rule ----------

/** The score from which a passage names an issue. */
const MENTION_THRESHOLD = 0.5;
/** The score from which a finding elsewhere in the letter is about an issue named before. */
const PARTIAL_THRESHOLD = 0.25;

interface Sentence {
  paragraph: number;
  text: string;
  concepts: Set<string>;
  says: Says;
}

const ENGLISH: IssueLanguage = { concepts: conceptsOf, generic: GENERIC, says: actsIn };
const LANGUAGES: Record<LetterLanguage, IssueLanguage> = { en: ENGLISH, es: SPANISH, zh: CHINESE };

function sentencesOf(letter: string, language: IssueLanguage): Sentence[] {
  const sentences: Sentence[] = [];
  normalize(letter)
    .split(/\n\s*\n/)
    .forEach((paragraph, index) => {
      for (const text of splitSentences(paragraph)) sentences.push({ paragraph: index, text, concepts: language.concepts(text), says: language.says(text) });
    });
  return sentences;
}

const union = (a: Set<string>, b: Set<string>) => new Set([...a, ...b]);

/** Each issue's verdict against the letter's plain text. */
export function answerIssues(letter: string, issues: readonly string[], languageCode: LetterLanguage = "en"): IssueVerdict[] {
  const language = LANGUAGES[languageCode];
  const sentences = sentencesOf(letter, language);
  const terms = issues.map((issue) => termsOf(issue, language));
  const scoreAt = (index: number, issue: number) => mentionScore(sentences[index]!.concepts, terms[issue]!);
  // Named in the sentence alone, or across it and the next one in its paragraph.
  const namedAt = (index: number, issue: number) => {
    if (scoreAt(index, issue) >= MENTION_THRESHOLD) return true;
    const next = sentences[index + 1];
    return next !== undefined && next.paragraph === sentences[index]!.paragraph && mentionScore(union(sentences[index]!.concepts, next.concepts), terms[issue]!) >= MENTION_THRESHOLD;
  };
  // Where the letter first names each issue.
  const firstNamed = terms.map((_, issue) => sentences.findIndex((_, index) => scoreAt(index, issue) >= MENTION_THRESHOLD));
  // The letter turns to another issue where it first names one, better than it names this one.
  const aboutOther = (index: number, issue: number) =>
    terms.some((_, other) => other !== issue && firstNamed[other] === index && scoreAt(index, other) > scoreAt(index, issue));

  // From where the issue is named: that sentence and up to two after it in the same paragraph,
  // until the letter turns to another issue or says the result is still to come.
  const answeredFrom = (index: number, issue: number): Says => {
    const paragraph = sentences[index]!.paragraph;
    for (let near = index; near <= index + 2; near += 1) {
      const sentence = sentences[near];
      if (!sentence || sentence.paragraph !== paragraph) return "none";
      if (near !== index && aboutOther(near, issue)) return "none";
      if (sentence.says !== "none") return sentence.says;
    }
    return "none";
  };

  // A letter written by section ("You raised two things… Here is what we found…") answers an issue
  // away from where it names it: a finding that shares the issue's words, more than any other
  // issue's, counts once the issue is named somewhere.
  const answeredInFindings = (issue: number) =>
    sentences.some((sentence, index) => {
      if (sentence.says !== "acts") return false;
      const score = scoreAt(index, issue);
      return score >= PARTIAL_THRESHOLD && terms.every((_, other) => other === issue || scoreAt(index, other) < score);
    });

  return issues.map((_, issue) => {
    let mentioned = false;
    let answered = false;
    // Said to be still open where it is named: the issue is not answered, whatever else the letter says.
    let pending = false;
    for (let index = 0; index < sentences.length && !answered; index += 1) {
      if (!namedAt(index, issue) || aboutOther(index, issue)) continue;
      mentioned = true;
      const says = answeredFrom(index, issue);
      answered = says === "acts";
      pending ||= says === "pending";
    }
    if (pending) answered = false;
    else if (mentioned && !answered) answered = answeredInFindings(issue);
    return { number: issue + 1, answered, mentionedOnly: mentioned && !answered };
  });
}

const shortIssue = (text: string) => {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
};

/** The issues_answered check: passes only when every recorded issue has an answer; the detail names the ones missing. */
export function issuesAnswered(letter: string, issues: readonly string[], language: LetterLanguage = "en"): IssuesAnswered {
  const listed = issues.map((issue) => issue.trim()).filter(Boolean);
  if (listed.length === 0) return { passed: false, detail: "No issues are recorded for this case: add them (Edit issues) so the letter can be checked against them.", issues: [] };
  const verdicts = answerIssues(letter, listed, language);
  const missing = verdicts.filter((verdict) => !verdict.answered);
  if (missing.length === 0) return { passed: true, detail: `All ${listed.length} issue${listed.length === 1 ? "" : "s"} answered.`, issues: verdicts };
  const named = missing.map((verdict) => `issue ${verdict.number} of ${listed.length} (“${shortIssue(listed[verdict.number - 1]!)}”${verdict.mentionedOnly ? ": mentioned, but nothing found or done is said" : ""})`);
  return { passed: false, detail: `Not answered: ${named.join("; ")}.`, issues: verdicts };
}

/** Whether the letter names each issue (in one sentence, or across it and the next), answered or not: for an interim letter's issues still open. */
export function issuesNamed(letter: string, issues: readonly string[], languageCode: LetterLanguage = "en"): boolean[] {
  const language = LANGUAGES[languageCode];
  const sentences = sentencesOf(letter, language);
  return issues.map((issue) => {
    const terms = termsOf(issue, language);
    return sentences.some((sentence, index) => {
      if (mentionScore(sentence.concepts, terms) >= MENTION_THRESHOLD) return true;
      const next = sentences[index + 1];
      return next !== undefined && next.paragraph === sentence.paragraph && mentionScore(union(sentence.concepts, next.concepts), terms) >= MENTION_THRESHOLD;
    });
  });
}
