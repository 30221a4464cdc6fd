import type { CategoryId } from "../cases/taxonomy.ts";

// A comment's theme: one category of the taxonomy (taxonomy.ts), chosen from its words by a small
// keyword classifier. Each category has weighted phrases; the highest score wins, ties go to the
// earlier category in this list; a comment with no match is "communication". Pure, and measured on
// the labelled fixture set (test/fixtures/survey-comments.ts).

const THEMES: { category: CategoryId; words: [RegExp, number][] }[] = [
  { category: "abuse_neglect", words: [[/\b(?:abus\w*|neglect\w*|mistreat\w*|hit me|slapped|rough(?:ly)? handled|shoved|yelled at|screamed at)\b/, 3]] },
  { category: "patient_harm", words: [[/\b(?:injur\w*|harmed|hurt me|burn(?:ed|t)|fractur\w*|bruis\w*|bed ?sores?|pressure (?:ulcer|injur\w*))\b/, 3]] },
  { category: "safety", words: [[/\b(?:fell|fall|falls|wrong (?:medication|medicine|dose|drug)|medication error|infection|infected|unsafe|allerg\w*|missed (?:dose|medication))\b/, 3]] },
  { category: "discharge", words: [[/\b(?:discharg\w*|sent (?:me |her |him )?home|transfer(?:red)?|went home too|released too)\b/, 3]] },
  { category: "billing_rights", words: [[/\b(?:observation status|moon notice|abn|medicare (?:bill\w*|charg\w*|covered))\b/, 4]] },
  { category: "billing", words: [[/\b(?:bill|billed|billing|invoice|charg(?:e|ed|es)|overcharg\w*|insurance|co-?pay|payment|statement|price)\b/, 3]] },
  { category: "language_access", words: [[/\b(?:interpret\w*|translat\w*|language|spanish|english|sign language)\b/, 3]] },
  { category: "visitation", words: [[/\b(?:visit(?:or|ors|ing|ation)? (?:hours|policy|rules)|not allowed to visit|wouldn't let (?:my|me) \w+ (?:visit|stay|in)|visitors?)\b/, 3]] },
  { category: "privacy", words: [[/\b(?:privacy|private|confidential\w*|overheard|in front of (?:everyone|other patients)|hipaa)\b/, 3]] },
  { category: "discrimination", words: [[/\b(?:discriminat\w*|racis\w*|because of my (?:race|color|religion|weight|age|disability)|prejudic\w*)\b/, 3]] },
  { category: "restraint_seclusion", words: [[/\b(?:restrain\w*|tied down|seclusion|strapped)\b/, 3]] },
  { category: "consent", words: [[/\b(?:consent|without asking|without my permission|refus(?:e|ed) (?:the )?(?:treatment|care))\b/, 3]] },
  { category: "advance_directives", words: [[/\b(?:advance directive|living will|dnr|do not resuscitate|power of attorney)\b/, 3]] },
  { category: "dignity", words: [[/\b(?:dignity|humiliat\w*|left (?:me |her |him )?(?:naked|exposed|soiled|in my own)|embarrass\w*)\b/, 3]] },
  { category: "respect", words: [[/\b(?:rude|disrespect\w*|condescend\w*|dismissive|attitude|unprofessional|ignored me|treated (?:me )?like)\b/, 2]] },
  { category: "listening", words: [[/\b(?:didn't listen|did not listen|not listen\w*|wouldn't listen|no one listened|nobody listened|brushed off|dismissed my)\b/, 3]] },
  { category: "access", words: [[/\b(?:wait(?:ed|ing)?|hours? (?:in|to be)|appointment|schedul\w*|delay\w*|parking|couldn't get (?:in|an)|access)\b/, 2]] },
  { category: "environment", words: [[/\b(?:dirty|clean\w*|noise|noisy|loud|cold food|food was|meal|bathroom|room was|smell\w*|temperature|bed was|housekeeping)\b/, 2]] },
  { category: "routine_request", words: [[/\b(?:extra (?:blanket|pillow)|blanket|pillow|menu|snack|tv remote|change (?:of )?(?:sheets|linen))\b/, 2]] },
  { category: "quality", words: [[/\b(?:misdiagnos\w*|wrong diagnosis|poor care|care was poor|pain (?:was )?(?:not|never) (?:managed|controlled)|test results|treatment|nurse never came|call (?:light|button))\b/, 2]] },
  {
    category: "communication",
    words: [
      [/\b(?:no one (?:told|explained)|nobody (?:told|explained)|never (?:told|explained|informed)|not informed|confus\w*|explain\w*|information|kept in the dark|updates?)\b/, 2],
    ],
  },
  {
    category: "compliment",
    words: [
      [/\b(?:thank(?:s| you)|grateful|excellent|wonderful|amazing|fantastic|outstanding|kind(?:ness)?|compassionate|great care|best care)\b/, 2],
    ],
  },
];

const FALLBACK: CategoryId = "communication";
// Words of complaint: a "thank you" beside them is a complaint's courtesy, not a compliment.
const COMPLAINT = /\b(?:but|however|unfortunately|disappoint\w*|terrible|awful|worst|never|not|no one|nobody|rude|angry|upset|unacceptable)\b/;

const normalize = (text: string) => text.normalize("NFKC").toLowerCase().replace(/[’‘]/g, "'");

/** The category a comment's words point to. */
export function commentTheme(text: string): CategoryId {
  const flat = normalize(text);
  let best: { category: CategoryId; score: number } | null = null;
  for (const theme of THEMES) {
    let score = 0;
    for (const [pattern, weight] of theme.words) {
      const global = new RegExp(pattern.source, "g");
      score += (flat.match(global)?.length ?? 0) * weight;
    }
    if (theme.category === "compliment" && COMPLAINT.test(flat)) score = 0;
    if (score > 0 && (!best || score > best.score)) best = { category: theme.category, score };
  }
  return best?.category ?? FALLBACK;
}
