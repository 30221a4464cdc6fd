import type { LetterPhrases } from "./phrases.ts";

// Chinese (simplified) phrase lists for the letter checks (see phrases.ts for what each list is for
// and how to review it). Chinese has no spaces between words, so the patterns are runs of characters,
// matched anywhere in the flat text; full-width and half-width punctuation both end a sentence.
// [^。！？] keeps a pattern inside one sentence. They catch the usual wordings, not every paraphrase:
// a pass never replaces reading the letter.

const zh = (source: string) => new RegExp(source, "giu");
/** Within one sentence: up to n characters that do not end it. */
const within = (n: number) => `[^。！？!?\\n]{0,${n}}?`;

// A-0123, the steps taken: "我们查看了", "我们与护士进行了交谈", "我们调查了".
const STEPS_TAKEN = [
  zh(String.raw`我们(?:已经|已|也|还|首先|随后|仔细|认真)*(?:审查|查看|调查|核查|检查|审阅|回顾|询问|约谈|访谈|了解|核实|复查|查阅|联系)(?:了|过)?`),
  zh(String.raw`我们(?:已经|已|也|还)?(?:与|和|同|跟)${within(20)}(?:谈话|交谈|谈过|沟通|面谈|会面|见面|谈了|进行了交谈)`),
  zh(String.raw`(?:调查|审查)(?:过程中|包括)|我们(?:已经|还|也)?采取了(?:以下|这些|下列)(?:步骤|措施)`),
];

// A-0123, the results: "我们发现", "审查结果显示", "我们确认".
const RESULTS = [
  zh(String.raw`我们(?:也|还|已)?(?:发现|确定|确认|认定|得出结论|查明|了解到|注意到)`),
  zh(String.raw`我们没有发现|(?:审查|调查|检查)(?:结果|发现|显示|表明)|结果(?:是|显示|表明)|以下是我们的发现|我们的发现`),
];

// Admissions of fault, negligence, error or mistake: the plain wordings first, then in disguise.
const WHO = "(?:我们|本院|医院|院方|工作人员|医护人员|护士|医生|员工|团队|科室)";
const LIABILITY = [
  zh(String.raw`${WHO}${within(8)}的(?:错误|过错|过失|失误|差错|疏忽|失职)`),
  zh(String.raw`(?:医疗)?过失|疏忽|失职|医疗事故|玩忽职守|渎职`),
  zh(String.raw`是我们的错|错在我们|责任在(?:于)?(?:我们|本院|医院)|怪我们|归咎于(?:我们|本院)|我们(?:承认|认错)`),
  zh(String.raw`(?:承担|负)(?:全部|一切|所有|完全的?)?(?:法律)?责任`),
  // Disguised: "我们犯了错误", "我们做错了", "我们弄错了", "出了差错", "我们让您失望了".
  zh(String.raw`我们(?:犯了|出了|有)(?:一个|一些|严重的?|很大的?)?(?:错|错误|差错|失误)|我们(?:做错|弄错|搞错|搞砸|弄砸)了?|出了差错是我们|对不起我们的错`),
  zh(String.raw`未(?:能)?(?:达到|符合)(?:护理|医疗|诊疗)标准|低于(?:护理|医疗|诊疗)标准|不符合(?:护理|医疗)规范`),
];

// Promises of money: refunds, write-offs, waived bills, compensation, "在经济上弥补".
const MONEY = "(?:费用|账单|帐单|款项|欠款|余额|收费|停车费|交通费|医药费|治疗费|自付额|共付额)";
const COMPENSATION = [
  zh(String.raw`退款|退钱|(?:费用|款项|钱|金额|押金)${within(8)}(?:退还|退回|返还)|(?:退还|退回|返还)${within(6)}(?:费用|款项|钱|金额)`),
  zh(String.raw`赔偿|补偿|赔付|报销|和解`),
  zh(String.raw`(?:免除|减免|取消|注销|清零|撤销|核销|抹去)${within(6)}${MONEY}|${MONEY}${within(8)}(?:已|将|会|已经|被)(?:被)?(?:免除|减免|取消|注销|清零|撤销|核销|免掉)`),
  zh(String.raw`(?:我们|医院|本院)(?:将|会|可以|愿意|已经|已)?(?:为您)?(?:支付|承担|负担|支付您的|承担您的)${within(4)}${MONEY}`),
  // Disguised: nothing to pay ("免费", "您无需支付", "不再向您收费").
  zh(String.raw`免费|不(?:再)?(?:向您)?收(?:取)?(?:任何)?费|您(?:无需|不需要|不必|不用)(?:再)?(?:支付|付款|付费|缴费|付钱)|不会(?:再)?(?:向您)?(?:收费|寄送账单|发送账单)`),
  // Disguised: amounts, cards, vouchers; "在经济上弥补".
  /\$ ?\d+(?:[.,]\d+)*/g,
  zh(String.raw`\d+(?:[.,]\d+)* ?(?:美元|元|块钱)|美元|礼品卡|代金券|优惠券|购物卡|折扣|打折|现金`),
  zh(String.raw`(?:在)?经济上${within(6)}(?:弥补|补偿|赔偿|负责|作出补偿|做出补偿)|弥补您的${within(4)}(?:损失|经济损失)`),
];

// Withholding: "我们不能分享调查结果", "结果是保密的".
const RESULT_WORDS = "(?:结果|发现|结论|调查结果|审查结果)";
const WITHHOLDING = [
  zh(String.raw`(?:不能|无法|不会|不可|不便|不得|不予)(?:与您|向您|对您|给您)?(?:分享|透露|公开|告知|提供|披露|告诉您|说明)${within(10)}${RESULT_WORDS}`),
  zh(String.raw`${RESULT_WORDS}${within(6)}(?:是|属于|将|会|需要|必须)?(?:严格)?(?:保密|机密|内部资料|内部使用|仅供内部)`),
  zh(String.raw`${RESULT_WORDS}${within(4)}不(?:会|能|予|便)(?:对外)?(?:公开|分享|透露|告知|提供)`),
];

// Clinical speculation: "医生本应该…", "这很可能导致了…", "如果我们…，就不会发生".
const SPECULATION = [
  zh(String.raw`(?:医生|护士|医护人员|工作人员|外科医生|我们|他|她|他们)(?:当时)?(?:本应|本该|应该|应当|本来应该|早就应该)`),
  zh(String.raw`本应|本该|本来应该|早就应该|早该`),
  zh(String.raw`(?:可能|很可能|大概|或许|也许|估计|应该是)(?:是|就是)?${within(10)}(?:导致|造成|引起|引发|加重)(?:了)?`),
  zh(String.raw`(?:可能|很可能|大概)是${within(12)}(?:原因|造成的|导致的|引起的)|(?:最)?可能的原因(?:是)?`),
  zh(String.raw`如果(?:我们|当时|医生|护士|工作人员|医护人员)${within(40)}(?:就不会|就可以避免|就能避免|就不至于|本可以避免)`),
  zh(String.raw`本可以(?:避免|预防|防止)|(?:是)?可以避免的|可以预防的|可避免的`),
];

// The QIO and the State survey agency. The hospital's settings may name them in English (the text
// is put in the letter as set), so the English names count too.
const QIO = [zh(String.raw`QIOs?|BFCC|(?:医疗)?质量改进组织`), /\bquality improvement organi[sz]ations?\b/gi];
const STATE_AGENCY = [
  zh(String.raw`州(?:政府)?(?:卫生|公共卫生|卫生健康)(?:部门|部|厅|局|署)|州(?:政府)?(?:的)?(?:调查|监管|审查|监督|认证)(?:机构|部门)`),
  /\bstate (?:survey )?agency\b/gi,
  /\bdepartment of (?:public )?health\b(?! and human services)/gi,
];

// An interim letter: "我们仍在调查", "审查尚未完成".
const STILL_REVIEWING = [
  zh(String.raw`(?:仍|还|仍然|依然|正)(?:在)?(?:调查|审查|了解|核查|处理|查看|跟进)|(?:尚未|还没有|还未|仍未)(?:完成|结束|查清|得出结论)`),
];

// Template gaps in Chinese: "[请填写调查结果]", "【待补充】".
const PLACEHOLDERS = [zh(String.raw`[\[【［][^\]】］]{0,40}?(?:填写|插入|补充|待定|待填)[^\]】］]{0,40}[\]】］]`)];

// Interpreters and translation are free by law (Section 1557 taglines): not a money promise.
const FREE_BY_RIGHT = /(?:口译|翻译|笔译|语言(?:协助|援助|帮助|服务))([^。！？\n]{0,30}?)免费|免费(?:的)?(?:提供)?(?:口译|翻译|笔译|语言(?:协助|援助|帮助|服务))/gu;
const NAMES_MONEY = new RegExp(`${MONEY}|退款|取消|免除|\\$`, "u");
// A toll-free number ("免费电话", "免费热线") is no money promise either.
const TOLL_FREE = /免费(?:电话|热线|拨打|号码)/gu;
const withoutFreeByRight = (flat: string) =>
  flat.replace(TOLL_FREE, " ").replace(FREE_BY_RIGHT, (phrase, between: string | undefined) => (between && NAMES_MONEY.test(between) ? phrase : " "));

// Dates as Chinese writes them ("2026年12月1日"), and the wording around a date of completion
// ("我们于2026年12月1日完成了审查") or the date the response will follow ("将在…之前").
const DATE = /\d{4} ?年 ?\d{1,2} ?月 ?\d{1,2} ?[日号]|\d{4}-\d{2}-\d{2}|\d{4}\/\d{1,2}\/\d{1,2}/gu;
const COMPLETION_WORDS = /完成|结束|完毕|结案|办结|审查完|调查完/u;
const FUTURE_WORDS = /将|会|预计|计划|争取|届时/u;
// "于" and "在" also stand before past dates ("我们于2026年3月2日收到"): only "不晚于" is a deadline before the date.
const DEADLINE_BEFORE_DATE = /不晚于\s*$/u;
const DEADLINE_AFTER_DATE = /^\s*(?:之前|以前|前)/u;

export const ZH: LetterPhrases = {
  language: "zh",
  name: "Chinese (simplified)",
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
  DEADLINE_AFTER_DATE,
  PLACEHOLDERS,
  EXAMPLES: {
    steps_taken: "“我们查看了”, “我们与……进行了交谈”",
    results: "“我们发现”, “审查结果显示”",
    date_of_completion: "“我们于2025年3月20日完成了审查。”",
    expected_date: "“我们将在2025年4月18日之前给您书面答复。”",
    still_reviewing: "“我们仍在调查急诊室等候时间过长的问题。”",
    qio: "质量改进组织（QIO）",
    state_agency: "州政府的调查机构或州卫生部门",
  },
};
