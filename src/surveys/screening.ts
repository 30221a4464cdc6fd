// The CMS survey test (SOM Appendix A, A-0118): a written complaint in a patient satisfaction survey
// is a grievance when the patient asks for resolution; an anonymous comment without such a request
// is not (it is counted, not filed). A comment is a grievance CANDIDATE when the patient is
// identified and asks for resolution or follow-up (the "contact me" box, or words that ask); a
// coordinator decides whether to file it. Pure.

export type Screening = "candidate" | "no_request" | "anonymous";

export interface ScreenedComment {
  screening: Screening;
  /** Which part of the test decided, as a code. */
  rule: "contact_requested" | "asks_for_follow_up" | "identified_no_request" | "anonymous" | "anonymous_asks_but_unreachable";
}

export interface CommentFacts {
  text: string;
  patientName?: string | null | undefined;
  patientContact?: string | null | undefined;
  contactRequested: boolean;
}

// Words that ask for someone to get back to the patient, or for the matter to be handled.
const ASKS = [
  /\b(?:please|pls|kindly)\s+(?:call|contact|phone|email|e-mail|ring|text)\s+me\b/,
  /\b(?:call|contact|phone|email|e-mail|text)\s+me\b/,
  /\b(?:someone|somebody|a manager|a supervisor|the manager|patient relations|anyone)\s+(?:to\s+|should\s+|needs to\s+|must\s+|please\s+)?(?:call|contact|reach|get back to|follow up with|speak with|talk to|talk with|respond to)\s+me\b/,
  /\b(?:get|getting)\s+back\s+to\s+me\b/,
  /\breach\s+out\s+to\s+me\b/,
  /\bfollow(?:\s|-)?up\s+with\s+me\b/,
  /\bi\s+(?:expect|want|would like|'d like|need|demand|am requesting|request)\s+(?:a|an)\s+(?:response|reply|answer|call|callback|call back|explanation|apology|follow(?:\s|-)?up)\b/,
  /\bi\s+(?:expect|want|would like|'d like|need|demand)\s+(?:someone|somebody|a manager|to (?:hear|speak|talk))\b/,
  /\b(?:waiting|wait)\s+(?:for|on)\s+(?:a|your)\s+(?:response|reply|call)\b/,
  /\bplease\s+(?:respond|reply|follow up|look into this|investigate)\b/,
  /\b(?:i\s+want|i\s+would\s+like|i\s+expect)\s+(?:this|it|the matter)\s+(?:to be\s+)?(?:investigated|looked into|resolved|addressed|fixed)\b/,
  /\b(?:file|filing|make|lodge)\s+a\s+(?:formal\s+)?(?:complaint|grievance)\b/,
  /\bformal\s+(?:complaint|grievance)\b/,
  /\bmy\s+(?:number|phone number|phone|email)\s+is\b/,
];

// Words that decline follow-up: they win over a request pattern in the same comment.
const DECLINES = [
  /\b(?:no need|don't need|do not need|no reason)\s+to\s+(?:call|contact|respond|reply|follow up)\b/,
  /\b(?:don't|do not|please don't|please do not|no need to)\s+(?:call|contact|email|phone)\s+me\b/,
  /\bno\s+(?:response|reply|follow(?:\s|-)?up|call)\s+(?:is\s+)?(?:needed|necessary|required|wanted)\b/,
];

const normalize = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, " ");

/** Whether the words ask for resolution or follow-up (and do not decline it). */
export function asksForFollowUp(text: string): boolean {
  const flat = normalize(text);
  if (DECLINES.some((pattern) => pattern.test(flat))) return false;
  return ASKS.some((pattern) => pattern.test(flat));
}

/** The CMS survey test for one comment. */
export function screenComment(facts: CommentFacts): ScreenedComment {
  const identified = Boolean(facts.patientName?.trim() || facts.patientContact?.trim());
  const asks = facts.contactRequested || asksForFollowUp(facts.text);
  if (!identified) return { screening: "anonymous", rule: asks ? "anonymous_asks_but_unreachable" : "anonymous" };
  if (facts.contactRequested) return { screening: "candidate", rule: "contact_requested" };
  if (asks) return { screening: "candidate", rule: "asks_for_follow_up" };
  return { screening: "no_request", rule: "identified_no_request" };
}
