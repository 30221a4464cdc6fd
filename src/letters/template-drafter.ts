import type { DraftResult, LetterDrafter } from "./drafter.ts";
import type { LetterLanguage } from "./letter-language.ts";
import type { LetterDraft, LetterFacts } from "./letter.schema.ts";

// The drafter that needs no LLM: fills the same sections from the case facts, deterministically.
// It never invents investigation steps or results: where none are recorded it leaves a bracketed
// gap that the letter check flags, so a template draft cannot be approved by accident.

const TEMPLATE_PROMPT = { id: "response-letter-template", version: "1", hash: "template" } as const;

// Each sentence the template writes, in every language it writes letters in: the same structure,
// plain words (short sentences, common words). Names and dates come in already formatted for the
// language (letter-facts.ts). What the team recorded (steps, results, issues) is quoted as written:
// a template cannot translate it, which is one reason a non-English letter records who reviewed
// the translation before it is approved.
interface TemplateText {
  /** Ends a sentence that lacks an ending. */
  stop: string;
  /** How one sentence follows another. */
  space: string;
  quote(text: string): string;
  greeting(recipient: string): string;
  acknowledgement(received: string, interim: boolean): string;
  issueOpening(number: number, count: number, issue: string): string;
  issueSteps(steps: string): string;
  stillLooking: string;
  notFinished: string;
  issueGap: string;
  found(results: string): string;
  request(desired: string): string;
  requestIssue(desired: string): string;
  steps(anyTied: boolean, steps: string): string;
  stepsGap: string;
  results(anyTied: boolean, results: string): string;
  resultsGap: string;
  interimResults: string;
  contact(person: string, block: string): string;
  completion(date: string): string;
  expected(date: string): string;
  stateAgency(notice: string): string;
  qio(notice: string): string;
  closing: string;
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];
const ORDINALES = ["primera", "segunda", "tercera", "cuarta", "quinta", "sexta", "séptima", "octava"];
const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八"];

const TEXT: Record<LetterLanguage, TemplateText> = {
  en: {
    stop: ".",
    space: " ",
    quote: (text) => `"${text}"`,
    greeting: (recipient) => `Dear ${recipient},`,
    acknowledgement: (received, interim) =>
      interim
        ? `Thank you for telling us about your concern, which we received on ${received}. We want you to know we are still working on it.`
        : `Thank you for telling us about your concern, which we received on ${received}. We are sorry that your experience with us was not what you expected.`,
    issueOpening: (number, count, issue) => (count > 1 ? `Your ${ORDINALS[number - 1] ?? "next"} concern was: ${issue}` : `You told us: ${issue}`),
    issueSteps: (steps) => ` To look into this, we took these steps: ${steps}`,
    stillLooking: " We are still looking into this.",
    notFinished: " We have not finished looking into this yet.",
    issueGap: " [insert what was found about this concern]",
    found: (results) => ` This is what we found: ${results}`,
    request: (desired) => `You asked us: ${desired} We have kept this in mind in everything described in this letter.`,
    requestIssue: (desired) => `your request: ${desired}`,
    steps: (anyTied, steps) => `${anyTied ? "We also took these steps" : "To look into your concern, we took these steps"}: ${steps}`,
    stepsGap: "[insert the steps taken to look into the concern]",
    results: (anyTied, results) => `${anyTied ? "We also found" : "This is what we found"}: ${results}`,
    resultsGap: "[insert the results of the review]",
    interimResults: "Our review is not finished yet.",
    contact: (person, block) => `If you have any questions, please contact ${person}. ${block}`,
    completion: (date) => `We completed our review on ${date}.`,
    expected: (date) => `We will send you our written response by ${date}.`,
    stateAgency: (notice) => `You may also contact the State survey agency at any time, whether or not you use our process: ${notice}`,
    qio: (notice) => `Because you have Medicare, you may also contact the Quality Improvement Organization (QIO): ${notice}`,
    closing: "Sincerely,",
  },
  es: {
    stop: ".",
    space: " ",
    quote: (text) => `"${text}"`,
    greeting: (recipient) => `Estimado/a ${recipient}:`,
    acknowledgement: (received, interim) =>
      interim
        ? `Gracias por contarnos su inquietud. La recibimos el ${received}. Queremos que sepa que todavía estamos trabajando en ella.`
        : `Gracias por contarnos su inquietud. La recibimos el ${received}. Lamentamos que su experiencia con nosotros no fuera la que usted esperaba.`,
    issueOpening: (number, count, issue) => (count > 1 ? `Su ${ORDINALES[number - 1] ?? "siguiente"} inquietud fue: ${issue}` : `Usted nos dijo: ${issue}`),
    issueSteps: (steps) => ` Para investigar esto, tomamos estos pasos: ${steps}`,
    stillLooking: " Todavía estamos revisando esto.",
    notFinished: " Todavía no hemos terminado de revisar esto.",
    issueGap: " [insertar lo que se encontró sobre esta inquietud]",
    found: (results) => ` Esto es lo que encontramos: ${results}`,
    request: (desired) => `Usted nos pidió: ${desired} Lo tuvimos en cuenta en todo lo que le contamos en esta carta.`,
    requestIssue: (desired) => `su petición: ${desired}`,
    steps: (anyTied, steps) => `${anyTied ? "También tomamos estos pasos" : "Para investigar su inquietud, tomamos estos pasos"}: ${steps}`,
    stepsGap: "[insertar los pasos que se tomaron para investigar la inquietud]",
    results: (anyTied, results) => `${anyTied ? "También encontramos esto" : "Esto es lo que encontramos"}: ${results}`,
    resultsGap: "[insertar los resultados de la revisión]",
    interimResults: "Nuestra revisión todavía no ha terminado.",
    contact: (person, block) => `Si tiene preguntas, comuníquese con ${person}. ${block}`,
    completion: (date) => `Completamos nuestra revisión el ${date}.`,
    expected: (date) => `Le enviaremos nuestra respuesta por escrito a más tardar el ${date}.`,
    stateAgency: (notice) => `También puede comunicarse en cualquier momento con la agencia estatal de inspección, aunque no use nuestro proceso: ${notice}`,
    qio: (notice) => `Como usted tiene Medicare, también puede comunicarse con la Organización para el Mejoramiento de la Calidad (QIO): ${notice}`,
    closing: "Atentamente,",
  },
  zh: {
    stop: "。",
    space: "",
    quote: (text) => `“${text}”`,
    greeting: (recipient) => `尊敬的${recipient}：`,
    acknowledgement: (received, interim) =>
      interim
        ? `感谢您告诉我们您的意见。我们于${received}收到了您的意见。我们想让您知道，我们仍在处理。`
        : `感谢您告诉我们您的意见。我们于${received}收到了您的意见。很抱歉，您在我们这里的经历不如您所期望的那样。`,
    issueOpening: (number, count, issue) => (count > 1 ? `您提出的第${CHINESE_NUMBERS[number - 1] ?? String(number)}个问题是：${issue}` : `您告诉我们：${issue}`),
    issueSteps: (steps) => `为了调查此事，我们采取了以下步骤：${steps}`,
    stillLooking: "我们仍在调查此事。",
    notFinished: "我们还没有完成对此事的调查。",
    issueGap: "【请填写关于此问题的调查结果】",
    found: (results) => `我们的发现如下：${results}`,
    request: (desired) => `您希望：${desired}我们在本信所说的每一件事中都考虑了您的希望。`,
    requestIssue: (desired) => `您的要求：${desired}`,
    steps: (anyTied, steps) => `${anyTied ? "我们还采取了以下步骤" : "为了调查您的意见，我们采取了以下步骤"}：${steps}`,
    stepsGap: "【请填写为调查此事所采取的步骤】",
    results: (anyTied, results) => `${anyTied ? "我们还发现" : "我们的发现如下"}：${results}`,
    resultsGap: "【请填写审查结果】",
    interimResults: "我们的审查尚未完成。",
    contact: (person, block) => `如果您有任何问题，请联系${person}。${block}`,
    completion: (date) => `我们于${date}完成了审查。`,
    expected: (date) => `我们将在${date}之前给您书面答复。`,
    stateAgency: (notice) => `无论您是否使用我们的流程，您都可以随时联系州政府的调查机构：${notice}`,
    qio: (notice) => `因为您有Medicare，您也可以联系质量改进组织（QIO）：${notice}`,
    closing: "此致",
  },
};

const sentencesIn = (t: TemplateText, items: string[]) => items.map((item) => item.trim().replace(/([^.!?。！？])$/u, `$1${t.stop}`)).join(t.space);

// The patient's words are quoted whole, never spliced into a sentence of ours: a request that ends
// in a full stop would otherwise run on into "again.: we looked into this".
const withoutEndPunctuation = (text: string) => text.trim().replace(/[\s.!?;:,。！？；：，]+$/u, "");

/**
 * One paragraph per issue the patient raised, from the notes tied to it: what we did and what we
 * found. An issue with no result recorded says so plainly, first, so the letter fails the
 * issues_answered check until someone records the result (or writes the answer in).
 */
function issueParagraph(facts: LetterFacts, t: TemplateText, entry: LetterFacts["issues"][number]): string {
  const opening = t.issueOpening(entry.number, facts.issues.length, t.quote(sentencesIn(t, [entry.issue])));
  const steps = entry.steps.length > 0 ? t.issueSteps(sentencesIn(t, entry.steps)) : "";
  if (facts.kind === "interim") return `${opening}${t.stillLooking}${steps}`;
  if (entry.results.length === 0) return `${opening}${t.notFinished}${t.issueGap}${steps}`;
  return `${opening}${steps}${t.found(sentencesIn(t, entry.results))}`;
}

/** The issues the letter answers, each with its answer; the patient's request follows them. */
function issuesOf(facts: LetterFacts, t: TemplateText): { issue: string; response: string }[] {
  const request = withoutEndPunctuation(facts.concern.desiredOutcome);
  return [
    ...facts.issues.map((entry) => ({ issue: withoutEndPunctuation(entry.issue), response: issueParagraph(facts, t, entry) })),
    ...(request ? [{ issue: t.requestIssue(request), response: t.request(t.quote(sentencesIn(t, [facts.concern.desiredOutcome]))) }] : []),
  ];
}

/** Steps and results recorded for no issue in particular (those tied to an issue are in its paragraph). */
function general(facts: LetterFacts, kind: "steps" | "results"): string[] {
  const tied = new Set(facts.issues.flatMap((entry) => entry[kind]));
  return facts.investigation[kind].filter((note) => !tied.has(note));
}

/** Builds the letter sections from the facts alone, in the letter's language. */
function templateDraft(facts: LetterFacts): LetterDraft {
  const t = TEXT[facts.letterLanguage ?? "en"];
  const interim = facts.kind === "interim";
  const issues = issuesOf(facts, t);
  const steps = general(facts, "steps");
  const results = general(facts, "results");
  const anyTied = facts.issues.some((entry) => entry.steps.length > 0 || entry.results.length > 0);
  return {
    greeting: t.greeting(facts.recipient),
    acknowledgement: t.acknowledgement(facts.dates.received, interim),
    issuesRaised: issues.map((entry) => entry.issue),
    issueResponses: issues,
    stepsTaken: steps.length > 0 ? t.steps(anyTied, sentencesIn(t, steps)) : anyTied ? "" : t.stepsGap,
    results: interim ? t.interimResults : results.length > 0 ? t.results(anyTied, sentencesIn(t, results)) : anyTied ? "" : t.resultsGap,
    contactPerson: t.contact(facts.hospital.contactPerson, facts.hospital.contactBlock),
    dateOfCompletion: interim ? t.expected(facts.dates.expectedResponse) : t.completion(facts.dates.completion),
    rightsAndNextSteps: [t.stateAgency(facts.notices.stateAgency), ...(facts.notices.qioRequired ? [t.qio(facts.notices.qio)] : [])].join(t.space || " "),
    closing: t.closing,
  };
}

/** A LetterDrafter that always uses the template; `reason` says why it stood in. */
export function createTemplateDrafter(reason?: string): LetterDrafter {
  return {
    async draft(facts: LetterFacts): Promise<DraftResult> {
      return {
        draft: templateDraft(facts),
        source: "template",
        promptId: TEMPLATE_PROMPT.id,
        promptVersion: TEMPLATE_PROMPT.version,
        promptHash: TEMPLATE_PROMPT.hash,
        latencyMs: 0,
        ...(reason ? { fallbackReason: reason } : {}),
      };
    },
  };
}
