import type { LetterPhrases } from "./phrases.ts";

// English phrase lists for the letter checks (see phrases.ts for what each list is for and how to
// review it). Matched case-insensitively on the letter's flat text, with straight quotes and single
// spaces (plain-text.ts). These are word patterns: they catch the usual wordings, not every
// paraphrase, so a pass never replaces reading the letter.

const STEPS_TAKEN = [
  /\bwe(?:'ve)?(?: (?:have|also|then|first|carefully|personally))* (?:reviewed|spoke (?:with|to)|spoken (?:with|to)|talked (?:with|to)|met with|interviewed|investigated|looked (?:into|at)|examined|checked)\b/gi,
  /\bour (?:review|investigation|look into this) (?:also )?(?:included|involved)\b/gi,
];

const RESULTS = [
  /\bwe(?:'ve)?(?: (?:have|also|then))* (?:found|determined|concluded|confirmed)\b/gi,
  /\bwe (?:did not|didn't) find\b/gi,
  /\bour (?:review|investigation) (?:also )?(?:found|showed|determined|concluded|confirmed)\b/gi,
  /\bas a result\b/gi,
  /\bthe outcome\b/gi,
  /\bfindings?\b/gi,
];

// Each list below is one place for its kind of risk language: the plain wordings first, then the
// same thing in disguise.
const LIABILITY = [
  /\bwe (?:were|are|have been) negligent\b/gi,
  /\bnegligen(?:t|ce)\b/gi,
  /\b(?:our|the hospital's|the staff's|my) fault\b/gi,
  /\bwe admit\b/gi,
  /\b(?:admit|accept|take) (?:the |full |complete |all )?(?:responsibility|liability|blame|fault)\b/gi,
  /\bmalpractice\b/gi,
  /\bliab(?:le|ility)\b/gi,
  /\bwe made (?:a |an )?(?:\w+ )?(?:mistake|error)s? (?:that|which) (?:caused|led to|resulted in)\b/gi,
  /\b(?:mistake|error)s? (?:that |which )?(?:caused|led to|resulted in) your\b/gi,
  // Disguised: "our mistake", "the staff's error", "our failure", "our oversight".
  /\b(?:our|my|the (?:hospital|staff|team|nurses?|doctors?|unit|kitchen)'s) (?:own )?(?:mistakes?|errors?|blunders?|screw-?ups?|slip-?ups?|carelessness|failures?|oversights?)\b/gi,
  // Disguised: "we messed up", "we dropped the ball", "we got it wrong", "we were wrong", "we made a mistake".
  /\b(?:messed|screwed|mucked|fouled) (?:it |this |that |things )?up\b/gi,
  /\bdropped the ball\b/gi,
  /\bwe (?:got|had) (?:it|this|that|things|your [\w-]+(?: [\w-]+)?) (?:all |completely |badly |so )?wrong\b/gi,
  /\bwe (?:were|are) (?:in the )?wrong\b/gi,
  /\bwe made (?:a |an |some |several |many |serious |terrible |big )?(?:mistakes?|errors?|blunders?)\b/gi,
  /\bwe failed (?:you|to (?:protect you|keep you safe|meet (?:the|our) standards?))\b/gi,
  /\bfailed to follow (?:the |our )?(?:policy|policies|protocols?|procedures?)\b/gi,
  // Disguised: "an error on our part", "mistakes were made".
  /\b(?:mistakes?|errors?|oversights?|fault) on our (?:part|end|side)\b/gi,
  /\b(?:mistakes?|errors?) (?:was|were|have been|has been) made\b/gi,
  // Disguised: "that is on us", "we are to blame", "at fault", "the blame lies with us".
  /\b(?:is|was|'s|are|were) (?:all |entirely |completely |squarely )?on us\b/gi,
  /\bwe (?:are|were) (?:to blame|responsible for (?:your|the|this|her|his) (?:injury|injuries|harm|fall|infection|loss|damage))\b/gi,
  /\bat fault\b/gi,
  /\bthe blame (?:lies|rests|is|falls) (?:with|on) us\b/gi,
  // Disguised: careless, reckless, substandard care, a breach of the standard of care, "botched".
  /\b(?:careless(?:ly|ness)?|reckless(?:ly|ness)?)\b/gi,
  /\bsub-?standard care\b/gi,
  /\b(?:below|fell short of|did not meet|didn't meet|breach(?:ed)?(?: of)?) the standard of care\b/gi,
  /\b(?:botched|bungled|goofed|our bad|mea culpa)\b/gi,
  // Disguised: someone on the team made the mistake ("the nurse made a mistake", "an error by our pharmacy team").
  /\b(?:nurses?|doctors?|physicians?|surgeons?|staff(?: members?)?|team|pharmac(?:y|ists?)|unit|department|employees?|someone|somebody) (?:\w+ )?(?:made|committed) (?:a |an |some |several |one |the |that )?(?:[\w-]+ )?(?:mistakes?|errors?|blunders?)\b/gi,
  /(?<!\b(?:no|not an?|any) )\b(?:mistakes?|errors?|oversights?|lapses?|failures?)(?: (?:was|were))? (?:made )?(?:by|of|from|on the part of) (?:our|the|one of our) (?:own )?(?:[\w-]+ ){0,2}?(?:staff|team|nurses?|doctors?|physicians?|surgeons?|pharmac(?:y|ists?)|unit|hospital|department|employees?|people|members?)\b/gi,
  // Disguised: "this happened because of us", "we did not give you the standard of care you deserved".
  /\b(?:because of|caused by|due to|the result of) us\b/gi,
  /\b(?:did not|didn't|failed to) (?:give|provide|offer) (?:you |your [\w-]+ )?the (?:standard|level|quality) of care\b/gi,
  // Disguised: "our team let your mother down", "the failure to get an interpreter was ours", "the staff
  // member broke our privacy rules", "the nurse misjudged how sick she was", "she should have been seen sooner".
  /\blet (?:you|him|her|them|us|the family|your (?:[\w-]+ )?[\w-]+) down\b/gi,
  /\b(?:failures?|mistakes?|errors?|faults?|lapses?|oversights?|blame)\b[^.!?;]{0,60}? (?:was|is|were|are|lies|rests) (?:entirely |all |completely |solely )?(?:ours|mine)\b/gi,
  /\b(?:broke|broken|breaking|breached|violated|ignored|disregarded|went against) (?:our|the hospital's|the unit's|its|their|hospital) (?:own )?(?:[\w-]+ ){0,2}?(?:rules?|policy|policies|protocols?|procedures?|standards?|guidelines?)\b/gi,
  /\b(?:misjudged|mishandled|misdiagnosed|misread|neglected)\b/gi,
  /\bshould have been (?:seen|treated|checked|examined|given|called|admitted|moved|told|helped|assessed|monitored) (?:much )?(?:sooner|earlier|right away|immediately|faster|first)\b/gi,
];

const MONEY_NOUNS = "(?:bills?|balances?|charges?|amounts? (?:due|owed|you owe)|out-of-pocket(?: (?:amounts?|costs?|share))?|(?:your |the )(?:share|portion) of the costs?|invoices?|statements?|copays?|co-pays?|costs?|fees?|deductibles?|debts?|tab|parking|travel|mileage|taxi|cab|uber|lyft|transportation|fares?|meals?|lodging|hotel|expenses?)";
const COMPENSATION = [
  /\brefund\w*/gi,
  /\breimburs\w*/gi,
  /\bcompensat\w*/gi,
  /\bwe(?: will|'ll| would| can| are happy to| would like to) (?:pay|cover the cost)\w*/gi,
  /\bpay you\b/gi,
  /\$ ?\d+(?:[,.]\d+)*/g,
  /\b\d+(?:[,.]\d+)* (?:us )?dollars\b/gi,
  /\bwaiv(?:e|ed|es|ing)\b/gi,
  /\bwrite off\b|\bwritten off\b/gi,
  /\bfree of charge\b/gi,
  /\bsettle(?:ment)?\b/gi,
  /\bgift cards?\b/gi,
  /\bcredit (?:to )?your (?:account|bill)\b/gi,
  // Disguised: the bill cancelled, zeroed, voided or covered ("your bill for this visit has been cancelled").
  new RegExp(
    String.raw`\b${MONEY_NOUNS}\b(?: [\w-]+){0,4}? (?:has|have|had|is|are|was|were|will|shall|would|'s|'re)(?: [\w-]+){0,2}? (?:cancel+ed|voided|erased|forgiven|wiped(?: out| clean| away)?|zeroed(?: out)?|absorbed|covered(?! by (?:your |the |her |his )?(?:insurance|plan|insurer|medicare|medicaid|policy))|taken care of|paid (?:off|in full|for)|dropped|dismissed|eliminated|deleted|cleared|removed|reduced to (?:zero|nothing|\$?0))\b`,
    "gi",
  ),
  // Disguised: "we have cancelled your bill", "the hospital will cover your parking", "we'll pick up the tab".
  new RegExp(
    String.raw`\b(?:we|i|the hospital|our (?:hospital|office|team|billing (?:office|team|department)))(?:'ll|'ve|'d| will| would| can| have| had| are| shall| are going to| have decided to| are happy to| would like to| want to| agreed to| are glad to)?(?: also| gladly| happily| fully| personally)? (?:cancel+(?:ed|ing)?|void(?:ed|ing)?|forgiv(?:e|en|ing)|wip(?:e|ed|ing) (?:out|away|clean)|zero(?:ed|ing)? out|writ(?:e|ten|ing) off|absorb(?:ed|ing)?|cover(?:ed|ing)?|pick(?:ed|ing)? up|comp(?:ed|ing)?|tak(?:e|en|ing) care of|eliminat(?:e|ed|ing)|eras(?:e|ed|ing)|remov(?:e|ed|ing)|drop(?:ped|ping)?|clear(?:ed|ing)?|pay(?:ing)? for) (?:the |your |all |any |this |that |these |those |her |his |their )?(?:[\w-]+ ){0,2}?${MONEY_NOUNS}\b`,
    "gi",
  ),
  /\b(?:paid|covered|taken care of|picked up|absorbed) by (?:us|the hospital|our hospital)\b/gi,
  new RegExp(String.raw`\b${MONEY_NOUNS}\b(?: [\w-]+){0,3}? (?:is|are|will be|'s|'re) on (?:us|the house)\b`, "gi"),
  /\bwe(?: will|'ll| would| can| are happy to| would like to| are going to| have decided to| agree to| offer to)? (?:cover|pay for|take care of|absorb) (?:it|that|this|them|everything|all of it|the whole thing)(?= ?(?:[.,;!]|for you|in full|completely|entirely))/gi,
  // Disguised: nothing to pay ("no charge", "you owe nothing", "you will not be billed", "complimentary").
  /\b(?:at |for |with )?no (?:charge|cost|fee)s?\b|\bfree of cost\b|\bwithout (?:any )?(?:charge|cost)\b|\bat our (?:own )?expense\b|\bon the house\b|\bcomplimentary\b|\bfor free\b|\bfree (?:parking|meals?|visits?|care|stays?|treatment|follow-ups?|appointments?|services?|valet)\b/gi,
  /\byou (?:now )?owe (?:us )?(?:nothing|no money|\$?0|zero)\b|\byou (?:do not|don't|no longer|will not|won't|will no longer) (?:owe|have to pay|need to pay|be (?:billed|charged))\b/gi,
  /\b(?:will not|won't|will never|will no longer) (?:receive|get|see) (?:a|another|any|the|your) (?:bills?|statements?|invoices?|charges?)\b/gi,
  /\b(?:will not|won't|will never|will no longer) (?:be )?(?:billed|charged|invoiced)\b|\bno (?:further |more )?(?:bills?|statements?|invoices?) will be sent\b|\bnothing (?:more |further |else )?(?:for you )?to pay\b|\bpay nothing\b|\bzero balance\b|\bbalance of (?:zero|\$?0)\b/gi,
  // Disguised: amounts in words or other currencies, credits, vouchers and checks.
  /\b(?:dollars?|bucks|usd|euros?)\b|[€£¥] ?\d|\b\d+(?:[.,]\d+)? ?(?:k|usd|eur)\b/gi,
  /\b(?:vouchers?|coupons?|gift certificates?|store credit|account credit|courtesy (?:adjustment|discount|credit)|goodwill (?:adjustment|gesture|payment|credit)|discount(?:ed|s)?|(?:a|any) credit (?:of|on|to|for))\b/gi,
  /\b(?:send|mail|issue|give|offer|wire|transfer)(?:ing)? you (?:a )?(?:check|cheque|payment|cash|money|gift)\b|\bcheck (?:is )?in the mail\b|\bmoney back\b|\bmake (?:you|this|it|things) (?:whole|right financially)\b|\bfinancial (?:remedy|gesture|settlement)\b|\bfoot the bill\b/gi,
  // Disguised: the balance brought to zero, the visit taken off the bill.
  new RegExp(String.raw`\b(?:adjust|bring|reduce|lower|set|take|bring down)(?:ed|ing|s)? (?:your |the |this |that |her |his )?(?:[\w-]+ ){0,2}?${MONEY_NOUNS} (?:down )?to (?:zero|nothing|\$?0)\b`, "gi"),
  new RegExp(String.raw`\b(?:take|took|taken|taking|knock(?:ed)?|strike|struck|cross(?:ed)?|wipe[sd]?)(?: [\w-]+){0,4}? off (?:your|the|her|his|their) (?:[\w-]+ )?${MONEY_NOUNS}\b`, "gi"),
];

// What patients are owed by law and may be told is free: language assistance (Section 1557 taglines
// say "free of charge"). Such a phrase is taken out before the money patterns run, unless it also
// names money ("interpreters are free and your bill is cancelled" is still caught).
const FREE_BY_RIGHT = /\b(?:interpret\w*|translat\w*|language (?:assistance|services?|help|access)|auxiliary aids(?: and services)?)\b([^.!?\n]{0,60}?)(?:free of charge|at no cost(?: to you)?|no charge|free)\b/gi;
const NAMES_MONEY = new RegExp(String.raw`\b${MONEY_NOUNS}\b|cancel|waiv|refund|\$`, "i");
const withoutFreeByRight = (flat: string) => flat.replace(FREE_BY_RIGHT, (phrase, between: string) => (NAMES_MONEY.test(between) ? phrase : " "));

const DISCLOSE = "(?:shared|disclosed|released|provided|revealed|discussed)";
const WITHHOLDING = [
  new RegExp(`\\b(?:will|would|can|could|shall|may|must) not be ${DISCLOSE}\\b`, "gi"),
  new RegExp(`\\b(?:won't|can't|cannot|couldn't|wouldn't|shan't) be ${DISCLOSE}\\b`, "gi"),
  /\b(?:cannot|can't|can not|unable to|not able to|will not|won't|do not|don't|may not) (?:share|disclose|release|provide|reveal|discuss|tell you) (?:\w+ ){0,3}?(?:results?|findings?|outcomes?|conclusions?)\b/gi,
  // Disguised: "the findings are confidential", "we must keep the results internal" (peer-review details may be left out; results may not).
  /\b(?:the |our |these )?(?:results?|findings?|outcomes?|conclusions?)(?: of (?:our|the|this) (?:review|investigation))? (?:is|are|will (?:be|remain|stay)|must (?:be|remain|stay)|have to (?:be|remain|stay)) (?:kept )?(?:confidential|private|internal|privileged|sealed|classified|with us)\b/gi,
  /\b(?:keep|kept|keeping) (?:the |our |these )?(?:results?|findings?|outcomes?|conclusions?) (?:confidential|private|internal|to ourselves|in-house)\b/gi,
  // Disguised: a few words between ("our findings about his care are confidential"), "for internal use only",
  // "cannot be given to you", "kept within our quality program", "not able to tell you what the review concluded".
  /\b(?:results?|findings?|outcomes?|conclusions?)(?: [\w'-]+){0,6}? (?:is|are|was|were|will (?:be|remain|stay)|must (?:be|remain|stay)|have to (?:be|remain|stay)) (?:kept |strictly |entirely )?(?:confidential|private|internal|privileged|sealed|classified|secret|for internal use(?: only)?|not for (?:release|sharing))\b/gi,
  /\b(?:cannot|can't|can not|will not|won't|may not|must not) be (?:given|sent|shown|made available|passed on|told|explained) to you\b/gi,
  /\b(?:results?|findings?|outcomes?|conclusions?|what we found)(?: [\w'-]+){0,6}? (?:are|is|will be|must be|stay|stays|remain|remains) (?:kept |held )?(?:within|inside|in) (?:our|the) (?:[\w-]+ ){0,2}?(?:program|programme|committee|department|office|team|files?|records?)\b/gi,
  /\b(?:cannot|can't|can not|unable to|not able to|will not|won't|do not|don't|may not|are not allowed to|are not permitted to) (?:share|disclose|release|provide|reveal|discuss|tell you|give you|show you|explain)(?: (?:with|to) you)? (?:what|how|why) (?:the |our |this )?(?:[\w-]+ ){0,3}?(?:review|investigation|we|committee) (?:found|concluded|showed|determined|learned|decided)\b/gi,
];

// Beneficiary and Family Centered Care QIOs are named in some letters instead of "QIO".
const QIO = [/\bQIOs?\b/gi, /\bquality improvement organi[sz]ations?\b/gi, /\bBFCC\b/gi];

const STATE_AGENCY = [
  /\bstate (?:survey )?agency\b/gi,
  /\bstate (?:department|dept\.?) of (?:public )?health\b/gi,
  /\bstate health department\b/gi,
  // Named state departments ("Ohio Department of Health"), but not the federal HHS.
  /\bdepartment of (?:public )?health\b(?! and human services)/gi,
  /\bhealth and human services commission\b/gi,
  /\blicensing and certification\b/gi,
];


// Clinical speculation: guessing at a clinical cause, or at what should have been done, is for the
// clinical review (peer review), not for the letter. A letter says what was found, not what might be.
const CLINICIAN = "(?:doctors?|physicians?|nurses?|surgeons?|providers?|residents?|hospitalists?|anesth[a-z]+ists?|pharmacists?|radiologists?|therapists?|paramedics?|clinicians?|staff|team|care team|medical team|nursing staff|er|ed|emergency (?:room|department))";
const SPECULATION = [
  // "the doctor should have ordered a scan", "the nurses could have noticed", "your surgeon ought to have".
  new RegExp(String.raw`\b(?:the|your|our|his|her|their|a|an|that|this)? ?${CLINICIAN} (?:really |probably |clearly |definitely )?(?:should|could|ought to|would|might|must)(?: not|n't)? (?:have|'ve)\b`, "gi"),
  // "it should have been diagnosed sooner", "the infection should have been caught".
  /\bshould(?: not|n't)? have been (?:diagnosed|caught|detected|found|noticed|spotted|recognized|recognised|ordered|given|done|seen|treated|admitted|tested|scanned|checked|x-rayed|operated|monitored|started|stopped)\b/gi,
  // "this probably caused", "the delay likely contributed to", "may have led to", "must have caused".
  /\b(?:probably|likely|possibly|presumably|perhaps|almost certainly|may have|might have|could have|must have|would have) (?:been )?(?:caused|contributed to|led to|resulted in|triggered|worsened|brought on|made (?:it|this|things|your \w+) worse)\b/gi,
  /\b(?:is|was|were|are) (?:probably|likely|most likely|possibly|almost certainly) (?:due to|because of|caused by|the (?:cause|reason|result)|what caused|from|linked to|related to)\b/gi,
  /\b(?:the )?(?:most )?(?:likely|probable) (?:cause|reason|explanation) (?:of|for) (?:your|the|her|his|this)\b/gi,
  /\b(?:appears|seems|seem|appear) to have (?:caused|contributed to|led to|resulted in|triggered|worsened)\b/gi,
  // "if we had acted sooner, this would not have happened", "had the nurse checked, …".
  /\bif (?:we|the [\w-]+(?: [\w-]+)?|you|he|she|they|someone|anyone) (?:had|'d)\b[^.!?]{0,100}?\b(?:would|could|might)(?: not|n't)?(?: have|'ve)\b/gi,
  /\bhad (?:we|the [\w-]+(?: [\w-]+)?|someone) [^.!?]{0,60}?\b(?:would|could|might)(?: not|n't)?(?: have|'ve)\b/gi,
  /\b(?:would|could|might)(?: not|n't)? have (?:happened|occurred|been (?:prevented|avoided|caught|detected|diagnosed|found|noticed|spotted))\b/gi,
  /\b(?:could|might) have been (?:worse|fatal|serious)\b|\b(?:preventable|avoidable)\b|\bin hindsight\b|\bwith hindsight\b/gi,
  // "we believe the medication caused", "in our opinion the fall was due to".
  /\b(?:we|i) (?:believe|think|suspect|assume|feel) (?:that )?(?:the|your|this|her|his) [\w-]+(?: [\w-]+)? (?:caused|led to|contributed to|resulted in|was (?:caused|due|because))\b/gi,
  // "it seems the missed dose led to", "it looks like the delay caused".
  /\b(?:it )?(?:seems|appears|looks like|is possible|is likely|is probable)(?: that)? (?:the |your |this |a |an )?(?:[\w-]+ ){0,4}?(?:caused|led to|contributed to|resulted in|triggered|worsened)\b/gi,
];

// An interim letter says the review is still going on and what it is still looking into.
const STILL_REVIEWING = [
  /\b(?:we are|we're|we have been|our team is|the team is|we are also) (?:still |now |also |carefully )*(?:looking into|reviewing|investigating|checking|working on|examining|waiting for)\b/gi,
  /\b(?:is|are) still (?:being )?(?:reviewed|investigated|looked into|under review|open)\b/gi,
  /\bstill (?:looking into|reviewing|investigating|under review|working on)\b/gi,
  /\b(?:review|investigation) is (?:not (?:yet )?(?:finished|complete|completed|done)|still (?:going on|under way|underway|open|in progress))\b/gi,
  /\bhave not (?:yet )?finished (?:looking into|reviewing|our review)\b/gi,
];

// Template gaps in English are in letter-placeholders.ts with every other placeholder form.
const PLACEHOLDERS: RegExp[] = [];

// Dates as English writes them, and the wording around a date of completion or an expected date.
const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DATE = new RegExp(
  `\\b(?:${MONTH} \\d{1,2}(?:st|nd|rd|th)?\\b(?:,? \\d{4})?|\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}(?:,? \\d{4})?|\\d{1,2}/\\d{1,2}/\\d{2,4}|\\d{4}-\\d{2}-\\d{2})\\b`,
  "gi",
);
const COMPLETION_WORDS = /\b(?:complet(?:e|ed|ion)|conclu(?:ded|sion)|finish(?:ed)?|closed)\b/i;
const FUTURE_WORDS = /\b(?:will|expect(?:s|ed)?|anticipate[sd]?|plan(?:s|ned)?)\b/i;
const DEADLINE_BEFORE_DATE = /\b(?:by|before|no later than|on or before)\s+(?:[a-z]+day,?\s+)?$/i;


export const EN: LetterPhrases = {
  language: "en",
  name: "English",
  fold: (text) => text,
  STEPS_TAKEN,
  RESULTS,
  LIABILITY,
  COMPENSATION,
  WITHHOLDING,
  SPECULATION,
  QIO,
  STATE_AGENCY,
  STILL_REVIEWING,
  withoutFreeByRight,
  DATE,
  COMPLETION_WORDS,
  FUTURE_WORDS,
  DEADLINE_BEFORE_DATE,
  PLACEHOLDERS,
  EXAMPLES: {
    steps_taken: "“we reviewed”, “we spoke with”",
    results: "“we found”, “our review found”, “we concluded”",
    date_of_completion: "“We completed our review on March 20, 2025.”",
    expected_date: "“You will receive our full response by April 18, 2025.”",
    still_reviewing: "“We are still looking into the wait in the emergency department.”",
    qio: "the QIO (Quality Improvement Organization)",
    state_agency: "the right to contact the State survey agency or state department of health",
  },
};
