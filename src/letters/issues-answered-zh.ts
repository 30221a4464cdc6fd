import type { IssueLanguage, Says } from "./issues-answered.ts";
import { normalize, wordsOf } from "./plain-text.ts";

// Chinese for the issues_answered check (issues-answered.ts has the rule). Chinese is written without
// spaces, so an issue's content is compared as character pairs: the issue "急诊室等候时间太长" is
// 急诊, 诊室, 等候, 候时, 时间… once the function characters (的, 了, 太…) are taken out, and a
// passage names it when it holds most of those pairs. A few synonyms are folded first (等待 → 等候,
// 医师 → 医生, 不礼貌 → 粗鲁…). What a sentence says: something done or found ("我们查看了",
// "已经更正"), a result still to come ("尚未完成"), or neither (an apology, the patient's own
// account). Limits: a paraphrase that shares no character pairs with the issue reads as unanswered.

const HAN = /\p{Script=Han}/u;

// Words that ask or say nothing about the issue: taken out before the pairs are made.
const STOP_PHRASES = /问题|关于|我们|您的|你的|他的|她的|因为|所以|但是|而且|非常|一直|已经|时候|什么|怎么|这样|那样|一个|一些|没有人|有人|告诉|觉得|希望|要求|投诉|担心|情况|事情|方面/gu;
const STOP_CHARACTERS = /[的了是在我你您他她它们和与及或也都就被把很太这那个着过对于从向到给让为而并还但又再能会要想说吗呢吧啊呀得地之其此该每次]/gu;

// Synonyms: each is replaced by the group's first word before the pairs are made (no single
// characters: replacing "药" would turn every "药物" into "药物物").
const SYNONYMS: readonly string[][] = [
  ["等候", "等待", "等了", "耽误", "延误", "拖延", "排队"],
  ["医生", "医师", "大夫", "主治", "外科医生"],
  ["粗鲁", "不礼貌", "无礼", "态度差", "态度不好", "不尊重", "凶", "吼", "冷漠"],
  ["账单", "帐单", "收费", "费用", "扣费", "多收"],
  ["药物", "药品", "用药", "服药", "剂量"],
  ["出院", "让我回家", "送回家"],
  ["饭菜", "餐食", "食物", "伙食", "早餐", "午餐", "晚餐"],
  ["噪音", "吵闹", "很吵", "太吵", "噪声"],
  ["疼痛", "止痛", "很痛", "很疼", "疼得"],
  ["解释", "说明", "告知", "通知", "沟通"],
  ["口译", "翻译", "译员", "口译员"],
  ["急诊", "急诊室", "急诊科"],
  ["呼叫铃", "呼叫器", "呼叫按钮", "按铃"],
  ["丢失", "遗失", "找不到", "不见了"],
  ["眼镜", "老花镜"],
  ["跌倒", "摔倒", "摔了"],
];

const withSynonyms = (text: string) => SYNONYMS.reduce((value, [first, ...others]) => others.reduce((inner, other) => inner.split(other).join(first!), value), text);

/** The text's content as runs of Han characters, function words taken out. */
function runsOf(text: string): string[] {
  const content = withSynonyms(normalize(text)).replace(STOP_PHRASES, " ").replace(STOP_CHARACTERS, " ");
  return content.split(/[^\p{Script=Han}]+/u).filter(Boolean);
}

function concepts(text: string): Set<string> {
  const found = new Set<string>();
  for (const run of runsOf(text)) {
    const characters = [...run];
    for (let at = 0; at + 1 < characters.length; at++) found.add(characters[at]! + characters[at + 1]!);
  }
  // Latin words and numbers in a Chinese letter ("MRI", "CT") count as words.
  for (const word of wordsOf(normalize(text).replace(/\p{Script=Han}+/gu, " "))) if (!HAN.test(word) && word.length > 1 && !/^\d+$/.test(word)) found.add(word.toLowerCase());
  return found;
}

// Pairs that say who or where, not what: they count half, never alone.
const GENERIC = new Set(["医生", "护士", "员工", "工作", "作人", "人员", "医院", "病房", "房间", "时间", "母亲", "父亲", "家人", "家属", "孩子", "丈夫", "妻子", "科室", "团队", "小时", "分钟", "今天", "昨天", "晚上", "早上"]);

// What the hospital did or found, or will do.
const ACTION = [
  /我们(?:已经|已|也|还|随后|立即)?(?:仔细)?(?:查看|审查|调查|发现|确认|核实|联系|更换|修复|更正|纠正|调整|培训|提醒|安排|改进|增加|添加|找到|归还|退还|检查|了解到|得知|与|和|同|跟|更新|修改|重新|制定|设立|确定|查明)/u,
  /(?:已经|已)(?:被)?[^。！？]{0,6}?(?:更正|纠正|修复|更换|调整|安排|完成|改进|处理|解决|培训|提醒|找到|归还|退还|删除|撤销|改变|更新|加强|增加)/u,
  /我们(?:将|会|计划|打算)|(?:记录|结果|审查|调查)(?:显示|表明)|表明|显示|现在(?:会|已|每|都)/u,
  /(?:是|属于)(?:正确|准确|合理|适当)的|符合(?:规定|流程|标准)/u,
];
const REPORTED = /(?:您|你|您的\p{Script=Han}{1,3})(?:也)?(?:告诉|说|提到|反映|表示|写道|认为|感到|觉得|担心|要求)/u;
const APOLOGY = /^(?:我们)?(?:很|非常|深感|十分|真诚地)?(?:抱歉|对不起|遗憾|感谢|谢谢|理解|明白)/u;
const OUR_CLAUSE = /[，,；;：:](?:我们|院方|医院|团队|科室)[\s\S]*$/u;
const PENDING = /尚未|还没有(?:完成|结束|查清|结果)|仍在|还在(?:调查|审查|了解|核查)|正在调查|未完成|没有完成|还未|仍未/u;

function says(sentence: string): Says {
  const flat = normalize(sentence).replace(/\s+/g, "").trim();
  if (PENDING.test(flat)) return "pending";
  const framed = REPORTED.test(flat) || APOLOGY.test(flat);
  const ours = framed ? (flat.slice(1).match(OUR_CLAUSE)?.[0] ?? "") : flat;
  return ACTION.some((pattern) => pattern.test(ours)) ? "acts" : "none";
}

export const CHINESE: IssueLanguage = { concepts, generic: GENERIC, says };
