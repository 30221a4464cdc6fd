import { escapeRegExp, trimTrailing } from "./plain-text.ts";

// Links and email addresses in a letter, including the shapes a model writes when a complaint tells
// it to slip one past the checks: bare domains under any top-level domain ("evil.ru/x",
// "claims-help.legal/form"), defanged links ("hxxp://evil[.]com", "evil[dot]com", "evil dot com")
// and addresses in brackets or words ("john [at] evil [dot] com"). Disguised forms are read back
// ("refanged") and checked like any other link.

// Top-level domains a bare domain is recognised by (no scheme, no www, no path): every country
// code, the original generic ones, and the new ones that are cheap to register or sound official
// to a patient. A bare "word.word" with any other ending is taken for a typo, not a link.
const COUNTRY_CODES =
  "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";
const GENERIC =
  "com net org edu gov mil int info biz name pro mobi aero asia coop jobs museum tel travel xxx app dev page ai xyz top club online site website web link click live life today world news shop store tech cloud email digital network services solutions center company group agency global direct zone space fun icu vip win bid review trade party stream download science accountant cricket country gdn buzz rest bar work men faith racing fit one best city family care systems support tips guide help legal law lawyer lawyers attorney claims health healthcare clinic hospital doctor dental dentist surgery insurance insure money cash loan loans finance financial fund credit bank pay capital exchange tax gift gifts deals sale discount cheap free report medical pharmacy rehab portal secure account";
// Reserved names (RFC 2606/6761) used in tests and documentation.
const RESERVED = "example test invalid localhost local internal onion";
const TLDS = new Set(`${COUNTRY_CODES} ${GENERIC} ${RESERVED}`.split(" "));

// Endings taken when the dot is written out ("evil dot com", "evil . com"): English words such as
// "in", "is", "me" or "one" are left out, so "a dot in the box" stays prose.
const SPELLED_TLDS = "com net org info biz gov edu io co ru cn uk de fr nl pl tk ml ga cf gq su ws cc ly xyz top site online website link click club legal help support claims money loan loans example test";
const SPELLED_DOMAIN = new RegExp(String.raw`\b[a-z0-9][a-z0-9-]*(?:\s+dot\s+[a-z0-9][a-z0-9-]*)*\s+dot\s+(?:${SPELLED_TLDS.split(" ").join("|")})\b`, "gi");
const SPACED_DOT_DOMAIN = new RegExp(String.raw`\b([a-z0-9][a-z0-9-]+)(?:\s+\.\s*|\.\s+)(${SPELLED_TLDS.split(" ").join("|")})\b`, "g");

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const SCHEME_URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
// A dotted name with no scheme: "evil.ru/x", "Medicare-Appeals.help", "riverside.example.portal.top/policy".
const BARE_DOMAIN = /(?<![\p{L}\p{N}@._/-])((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+)(\p{L}{2,24})(?![\p{L}\p{N}_-])((?:\/[^\s<>"]*)?)/gu;

/** The text with defanged links and addresses written back in their usual form ("hxxp://evil[.]com" → "http://evil.com"). */
export function refang(text: string): string {
  return text
    .replace(/[\u3002\uFF0E\uFF61]/g, ".")
    .replace(/[\uFF20\uFE6B]/g, "@")
    .replace(/\bh(?:xx|tt|\*\*|__)p(s?)\s*(?:\[\s*:\s*\]|\(\s*:\s*\)|:)\s*(?:\[\s*\/\/\s*\]|\/\s*\/)\s*/gi, "http$1://")
    .replace(/\s*[[({<]\s*(?:\.|dot)\s*[\])}>]\s*/gi, ".")
    .replace(/\s*[[({<]\s*(?:@|at)\s*[\])}>]\s*/gi, "@")
    .replace(SPELLED_DOMAIN, (match) => match.replace(/\s+dot\s+/gi, "."))
    .replace(SPACED_DOT_DOMAIN, "$1.$2")
    .replace(/(\.\p{L}{2,24})\s+\/\s*(?=[\p{L}\p{N}])/gu, "$1/");
}

interface FoundLink {
  kind: "email" | "link";
  value: string;
}

function bareDomains(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(BARE_DOMAIN)) {
    const tld = match[2]!;
    const path = match[3]!;
    // "home.It was" is a missing space, not a link: a bare ending must be all lower or all upper case.
    const sameCase = tld === tld.toLowerCase() || tld === tld.toUpperCase();
    if (path.length > 1 || (sameCase && TLDS.has(tld.toLowerCase()))) found.push(match[0]);
  }
  return found;
}

function linksAndEmails(text: string): FoundLink[] {
  const found: FoundLink[] = [];
  let rest = text;
  for (const match of text.matchAll(EMAIL)) {
    found.push({ kind: "email", value: trimTrailing(match[0]) });
    rest = rest.replace(match[0], " ");
  }
  for (const match of rest.matchAll(SCHEME_URL)) {
    found.push({ kind: "link", value: trimTrailing(match[0]) });
    rest = rest.replace(match[0], " ");
  }
  for (const domain of bareDomains(rest)) found.push({ kind: "link", value: trimTrailing(domain) });
  return found;
}

/** Every link or email in a text, e.g. from the hospital's settings. */
export function linksIn(text: string): string[] {
  return linksAndEmails(text).map((link) => link.value);
}

function normalizeLink(link: string): string {
  return link
    .toLowerCase()
    .replace(/^mailto:/, "")
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/+$/, "");
}

// "reach us at evil . com", "the form at …": words before "at" that name no mailbox.
const PLACE_WORDS = new Set(["us", "me", "you", "him", "her", "them", "it", "home", "work", "office", "desk", "form", "online", "site", "page"]);

const hostOf = (link: string) => normalizeLink(link).split(/[/?#]/)[0]!;

/**
 * Links and emails in a letter that are not among the allowed ones, described for the checklist.
 * A link on the host of an allowed link is allowed (the hospital's own site); an email must be
 * listed exactly. Disguised ones are read back first and say so.
 */
export function unknownLinks(normalized: string, allowedUrls: readonly string[]): string[] {
  const allowed = new Set(allowedUrls.map(normalizeLink));
  const allowedHosts = new Set(allowedUrls.filter((url) => !url.includes("@")).map(hostOf));
  const plain = normalized.toLowerCase();
  const refanged = refang(normalized);
  const found: string[] = [];
  const seen = new Set<string>();
  for (const link of linksAndEmails(refanged)) {
    const key = normalizeLink(link.value);
    if (seen.has(key)) continue;
    seen.add(key);
    if (allowed.has(key) || (link.kind === "link" && allowedHosts.has(hostOf(link.value)))) continue;
    const disguised = !plain.includes(link.value.toLowerCase()) ? " (written disguised)" : "";
    // "write to john at evil dot com", "interpreter.desk at help.legal": an email address in words.
    // A link with a path or a scheme is a place ("the form at evil.ru/x"), and a plain word before
    // "at" only makes an address when the domain was disguised too.
    const local = link.kind === "link" && /^[\p{L}\p{N}.-]+$/u.test(link.value) ? new RegExp(String.raw`([\p{L}\p{N}._%+-]+)\s+(?:at|AT)\s+${escapeRegExp(link.value)}`, "u").exec(refanged) : null;
    const inWords = local && !PLACE_WORDS.has(local[1]!.toLowerCase()) && (disguised || /[._+\d]/.test(local[1]!));
    found.push(inWords ? `email “${local[1]}@${link.value}” (written in words)` : `${link.kind} “${link.value}”${disguised}`);
  }
  return found;
}
