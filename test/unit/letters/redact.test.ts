import { describe, expect, it } from "vitest";
import { deidentify, deidentifyFields, findPlaceholders, type KnownIdentifiers, type PlaceholderMap, reidentify } from "../../../src/letters/redact.ts";

// Synthetic people only: the identifiers below are made up (555 numbers, example.* domains).
const known: KnownIdentifiers = {
  names: ["Maria Testpatient", "José Ñúñez", "李小龙"],
  phones: ["+1 (555) 201-3344"],
  emails: ["maria.t@example.com"],
};
const nobody: KnownIdentifiers = { names: [], phones: [], emails: [] };

// Every table row also checks the round trip: the draft must come back with the exact original text.
function expectRedaction(input: string, expected: string, people: KnownIdentifiers = nobody): PlaceholderMap {
  const { text, map } = deidentify(input, people);
  expect(text).toBe(expected);
  expect(reidentify(text, map)).toEqual({ text: input, unresolved: [] });
  return map;
}

describe("deidentify: names known from the case record", () => {
  it.each([
    ["Maria Testpatient called twice.", "[NAME_1] called twice.", "Maria Testpatient"],
    ["maria testpatient called twice.", "[NAME_1] called twice.", "maria testpatient"],
    ["MARIA TESTPATIENT called twice.", "[NAME_1] called twice.", "MARIA TESTPATIENT"],
    ["Maria  Testpatient called.", "[NAME_1] called.", "Maria  Testpatient"],
    ["Maria called twice.", "[NAME_1] called twice.", "Maria"],
    ["Testpatient called twice.", "[NAME_1] called twice.", "Testpatient"],
    ["Testpatient, Maria (patient)", "[NAME_1] (patient)", "Testpatient, Maria"],
    ["Maria's son was upset.", "[NAME_1]'s son was upset.", "Maria"],
    ["Maria’s son was upset.", "[NAME_1]’s son was upset.", "Maria"],
    ["(Maria) said: \"no\"", "([NAME_1]) said: \"no\"", "Maria"],
    ["José Ñúñez llamó ayer.", "[NAME_1] llamó ayer.", "José Ñúñez"],
    ["JOSÉ ÑÚÑEZ llamó.", "[NAME_1] llamó.", "JOSÉ ÑÚÑEZ"],
    ["Jose Nunez typed without accents.", "[NAME_1] typed without accents.", "Jose Nunez"],
    ["Señor Ñúñez esperó.", "Señor [NAME_1] esperó.", "Ñúñez"],
    ["Jose\u0301 decomposed", "[NAME_1] decomposed", "Jose\u0301"],
    ["李小龙先生投诉了。", "[NAME_1]先生投诉了。", "李小龙"],
    ["患者李小龙", "患者[NAME_1]", "李小龙"],
  ])("%j", (input, expected, value) => {
    expect(expectRedaction(input, expected, known)).toEqual({ "[NAME_1]": value });
  });

  it("matches whole words only, so longer words that contain a name stay (Mariana is a given name of its own)", () => {
    const map = expectRedaction("Mariana and the Testpatients; mariachi band.", "[NAME_1] and the Testpatients; mariachi band.", known);
    expect(map).toEqual({ "[NAME_1]": "Mariana" });
  });

  it("gives the full name and each part alone their own placeholders, each restoring its own text", () => {
    const map = expectRedaction(
      "Maria Testpatient wrote in. Maria said Testpatient is her married name; Maria Testpatient signed.",
      "[NAME_1] wrote in. [NAME_2] said [NAME_3] is her married name; [NAME_1] signed.",
      known,
    );
    expect(map).toEqual({ "[NAME_1]": "Maria Testpatient", "[NAME_2]": "Maria", "[NAME_3]": "Testpatient" });
  });

  it("finds a name without its middle name and each part of a hyphenated name", () => {
    const people = { names: ["Mary-Jane Louise O'Connor"], phones: [], emails: [] };
    expectRedaction(
      "Mary-Jane O’Connor asked; Mary said Jane and O'Connor agreed.",
      "[NAME_1] asked; [NAME_2] said [NAME_3] and [NAME_4] agreed.",
      people,
    );
  });

  it("ignores one-letter parts, lowercase particles and suffixes of a recorded name", () => {
    const people = { names: ["Ana de la Cruz Jr.", "J Smith"], phones: [], emails: [] };
    expectRedaction("Ana de la Cruz met J and Smith at la tienda de Jr.", "[NAME_1] met J and [NAME_2] at la tienda de Jr.", people);
  });

  it("keeps the same placeholder for the same name whatever its case or accents (first spelling restored)", () => {
    const { text, map } = deidentify("Maria called. MARIA called again. José and Jose.", known);
    expect(text).toBe("[NAME_1] called. [NAME_1] called again. [NAME_2] and [NAME_2].");
    expect(reidentify(text, map).text).toBe("Maria called. Maria called again. José and José.");
  });
});

describe("deidentify: names introduced by a title, label or relation", () => {
  it.each([
    ["Mr. Smith was rude.", "Mr. [NAME_1] was rude.", "Smith"],
    ["Mrs Jones was kind.", "Mrs [NAME_1] was kind.", "Jones"],
    ["Ms. O'Brien explained.", "Ms. [NAME_1] explained.", "O'Brien"],
    ["Ms. O’Brien-Walsh explained.", "Ms. [NAME_1] explained.", "O’Brien-Walsh"],
    ["Dr. Patel's notes", "Dr. [NAME_1]'s notes", "Patel"],
    ["Dr Raj Patel discharged him.", "Dr [NAME_1] discharged him.", "Raj Patel"],
    ["Dr. J. Patel discharged him.", "Dr. [NAME_1] discharged him.", "J. Patel"],
    ["Nurse Kelly was wonderful.", "Nurse [NAME_1] was wonderful.", "Kelly"],
    ["the nurse Kelly was wonderful.", "the nurse [NAME_1] was wonderful.", "Kelly"],
    ["Nurse Practitioner Lee called.", "Nurse Practitioner [NAME_1] called.", "Lee"],
    ["Prof. de la Cruz reviewed it.", "Prof. [NAME_1] reviewed it.", "de la Cruz"],
    ["Sra. López y Sr. García", "Sra. [NAME_1] y Sr. [NAME_2]", "López"],
    ["Dear Dr. Patel,", "Dear Dr. [NAME_1],", "Patel"],
    ["Dear Ana,", "Dear [NAME_1],", "Ana"],
    ["Thank you, Nurse Kelly.", "Thank you, Nurse [NAME_1].", "Kelly"],
    ["Sincerely,\nAna Lima", "Sincerely,\n[NAME_1]", "Ana Lima"],
    ["Name: John Q. Public", "Name: [NAME_1]", "John Q. Public"],
    ["Patient: Jane Roe\nRoom 12", "Patient: [NAME_1]\nRoom [ROOM_1]", "Jane Roe"],
    ["my son Leo was scared", "my son [NAME_1] was scared", "Leo"],
    ["My late husband, Tom Fisher, was there", "My late husband, [NAME_1], was there", "Tom Fisher"],
    ["The patient Jane Doe fell.", "The patient [NAME_1] fell.", "Jane Doe"],
    ["Dr. Patel On Monday", "Dr. [NAME_1] On Monday", "Patel"],
    ["Nurse Kelly MRN 12345678", "Nurse [NAME_1] MRN [MRN_1]", "Kelly"],
    ["DR. RAJ PATEL signed.", "DR. [NAME_1] signed.", "RAJ PATEL"],
  ])("%j", (input, expected, value) => {
    expect(expectRedaction(input, expected)["[NAME_1]"]).toBe(value);
  });

  it.each([
    "Dear Sir or Madam,",
    "Dear Patient Relations Team,",
    "Dear Valued Patient,",
    "Thank you, Team.",
    "The nurse station was empty and the doctor was late.",
    "Nurse Station 4 called Dr. On call.",
    "My son was scared and my mother cried.",
  ])("leaves %j alone", (input) => {
    expectRedaction(input, input);
  });

  it("treats a name introduced once as a name wherever it is capitalized again", () => {
    expectRedaction(
      "Nurse Kelly was rude. Later Kelly came back and Kelly's manager agreed; the kelly green gown stayed.",
      "Nurse [NAME_1] was rude. Later [NAME_1] came back and [NAME_1]'s manager agreed; the kelly green gown stayed.",
    );
  });

  it("treats names already in a map passed in as names", () => {
    expect(deidentify("Then Kelly phoned.", nobody, { "[NAME_1]": "Kelly" }).text).toBe("Then [NAME_1] phoned.");
  });

  it("shares a placeholder between a titled name and the same known surname", () => {
    expectRedaction("Mr. Testpatient and Ms. Maria Testpatient", "Mr. [NAME_1] and Ms. [NAME_2]", known);
  });
});

describe("deidentify: phone numbers", () => {
  it.each([
    "555-201-3344",
    "(555) 201-3344",
    "(555)201-3344",
    "555.201.3344",
    "555 201 3344",
    "+1 555 201 3344",
    "+1 (555) 201-3344",
    "1-555-201-3344",
    "5552013344",
    "555-201-3344 x123",
    "555-201-3344 ext. 12",
    "(555) 201-3344, extension 4",
    "1-800-555-0199",
    "201-3344",
    "+44 20 7946 0958",
    "+44 (0)20 7946 0958",
    "+33 1 23 45 67 89",
    "+49 30 1234567",
    "020 7946 0958",
  ])("%s", (phone) => {
    expect(expectRedaction(`Call ${phone} after 2 pm.`, "Call [PHONE_1] after 2 pm.")).toEqual({ "[PHONE_1]": phone });
  });

  it("compares phone numbers by digits only (first format restored)", () => {
    const { text, map } = deidentify("Home 555-201-3344, cell (555) 201-3344, also +1 555.201.3344; work 555-201-9999.", nobody);
    expect(text).toBe("Home [PHONE_1], cell [PHONE_1], also [PHONE_1]; work [PHONE_2].");
    expect(map).toEqual({ "[PHONE_1]": "555-201-3344", "[PHONE_2]": "555-201-9999" });
  });

  it.each([
    ["+44 20 7946 0958 123-45-6789", "[PHONE_1] [SSN_1]"],
    ["+44 20 7946 0958 555-201-3344", "[PHONE_1] [PHONE_2]"],
    ["+44 20 7946 0958 2024", "[PHONE_1] 2024"],
    ["10.0.0.1 555-201-3344", "[IP_1] [PHONE_1]"],
    ["电话555-201-3344", "电话[PHONE_1]"],
    ["هاتف555-201-3344", "هاتف[PHONE_1]"],
  ])("stops a phone where the next identifier starts: %j", (input, expected) => {
    expectRedaction(input, expected);
  });

  it("finds a recorded phone even in a format no pattern knows", () => {
    expectRedaction("She wrote 555/201/3344 on the form.", "She wrote [PHONE_1] on the form.", known);
  });
});

describe("deidentify: email addresses", () => {
  it.each([
    ["maria.t@example.com", known],
    ["Maria.T@Example.COM", known],
    ["maria.testpatient+er-visit@mail.example.co.uk", nobody],
    ["j_doe-99@sub.domain.example.org", nobody],
    ["ana@hospital.health", nobody],
    ["müller@beispiel.de", nobody],
  ] as const)("%s", (email, people) => {
    expectRedaction(`Reply to ${email}.`, "Reply to [EMAIL_1].", people);
  });

  it("takes the whole address even when it contains a known name, leaving no name behind", () => {
    const map = expectRedaction("Write to maria.testpatient@gmail.com today.", "Write to [EMAIL_1] today.", known);
    expect(map).toEqual({ "[EMAIL_1]": "maria.testpatient@gmail.com" });
  });

  it("compares email addresses without case (first spelling restored)", () => {
    const { text, map } = deidentify("maria.testpatient@gmail.com or Maria.Testpatient@Gmail.com", nobody);
    expect(text).toBe("[EMAIL_1] or [EMAIL_1]");
    expect(map).toEqual({ "[EMAIL_1]": "maria.testpatient@gmail.com" });
  });
});

describe("deidentify: medical record numbers", () => {
  it.each([
    ["MRN 12345678", "MRN [MRN_1]"],
    ["MRN: A1234567", "MRN: [MRN_1]"],
    ["mrn#55512345", "mrn#[MRN_1]"],
    ["MRN-2023-0001", "MRN-[MRN_1]"],
    ["medical record number 00123456", "medical record number [MRN_1]"],
    ["Medical Record No. 4455667", "Medical Record No. [MRN_1]"],
    ["MR# 998877", "MR# [MRN_1]"],
    ["chart number 445566", "chart number [MRN_1]"],
    ["patient ID 12345678", "patient ID [MRN_1]"],
  ])("%s", (input, expected) => {
    expectRedaction(`Her ${input} is on file.`, `Her ${expected} is on file.`);
  });
});

describe("deidentify: dates", () => {
  it.each([
    ["03/14/1962", "[DATE_1]"],
    ["3/14/62", "[DATE_1]"],
    ["1962-03-14", "[DATE_1]"],
    ["1962/03/14", "[DATE_1]"],
    ["14.03.1962", "[DATE_1]"],
    ["March 14, 1962", "[DATE_1]"],
    ["March 14th, 1962", "[DATE_1]"],
    ["MARCH 14", "[DATE_1]"],
    ["14 March 1962", "[DATE_1]"],
    ["14th of March", "[DATE_1]"],
    ["14-Mar-1962", "[DATE_1]"],
    ["Mar 14th", "[DATE_1]"],
    ["Sept. 3", "[DATE_1]"],
    ["jan 5", "[DATE_1]"],
    ["May 2024", "[DATE_1]"],
    ["DOB 3-14-1962", "DOB [DATE_1]"],
    ["DOB: 3/14", "DOB: [DATE_1]"],
    ["on 3/14", "on [DATE_1]"],
    ["from 3/14 to 3/16", "from [DATE_1] to [DATE_2]"],
    ["Mar 14th, 1962-03-14", "[DATE_1], [DATE_2]"],
  ])("%s", (input, expected) => {
    expectRedaction(`Seen ${input} at 2 pm.`, `Seen ${expected} at 2 pm.`);
  });

  it.each([
    "admitted in 2024",
    "pain was 8/10",
    "BP 120/80",
    "for 1/2 hour",
    "increased to 1/2 tablet",
    "1 and 3/4 cups",
    "open 24/7",
    "it may 5 times",
    "we will march on",
    "at 14:30",
    "in March",
  ])("keeps %j (a bare year, scores, fractions and times are not dates of a person)", (input) => {
    expectRedaction(input, input);
  });
});

describe("deidentify: social security numbers", () => {
  it.each([
    ["123-45-6789", "[SSN_1]"],
    ["123 45 6789", "[SSN_1]"],
    ["SSN 123456789", "SSN [SSN_1]"],
    ["SSN: 123-45-6789", "SSN: [SSN_1]"],
    ["social security number 123456789", "social security number [SSN_1]"],
    ["SSN ending in 6789", "SSN ending in [SSN_1]"],
    ["last four of SSN 6789", "last four of SSN [SSN_1]"],
  ])("%s", (input, expected) => {
    const map = expectRedaction(`Listed ${input} on the form.`, `Listed ${expected} on the form.`);
    expect(Object.keys(map)).toEqual(["[SSN_1]"]);
  });

  it("finds an SSN followed by another number", () => {
    expectRedaction("123-45-6789 2024 and 987 65 4321 12", "[SSN_1] 2024 and [SSN_2] 12");
  });

  it("compares SSNs by digits only", () => {
    expect(deidentify("123-45-6789 and SSN 123456789", nobody).text).toBe("[SSN_1] and SSN [SSN_1]");
  });
});

describe("deidentify: addresses and ZIP codes", () => {
  it.each([
    ["1234 Elm Street", "[ADDRESS_1]"],
    ["55 W. Main St., Apt 4B", "[ADDRESS_1]"],
    ["900 N Michigan Ave Suite 1200", "[ADDRESS_1]"],
    ["12B Martin Luther King Jr Blvd", "[ADDRESS_1]"],
    ["7 5th Avenue #3", "[ADDRESS_1]"],
    ["PO Box 123", "[ADDRESS_1]"],
    ["P.O. Box 77", "[ADDRESS_1]"],
    ["1234 Elm Street, Chicago, IL 60614", "[ADDRESS_1], IL [ZIP_1]"],
    ["1234 Elm Street\nChicago, IL 60614-1234", "[ADDRESS_1], IL [ZIP_1]"],
    ["1234 Elm Street 60614", "[ADDRESS_1] [ZIP_1]"],
    ["Springfield, IL 62704", "[ADDRESS_1], IL [ZIP_1]"],
    ["St. Louis, MO 63101", "[ADDRESS_1], MO [ZIP_1]"],
    ["IL 60614", "IL [ZIP_1]"],
    ["Illinois 60614-1234", "Illinois [ZIP_1]"],
  ])("%j", (input, expected) => {
    expectRedaction(`Send it to ${input} please.`, `Send it to ${expected} please.`);
  });

  it.each(["2 blocks down the street", "she walked 12000 steps", "St. Luke's Hospital, 4 West", "Main Building"])("keeps %j", (input) => {
    expectRedaction(input, input);
  });

  it("takes a street that contains a known name as one address", () => {
    expect(expectRedaction("She lives at 12 Maria Street.", "She lives at [ADDRESS_1].", known)).toEqual({ "[ADDRESS_1]": "12 Maria Street" });
  });
});

describe("deidentify: URLs and IP addresses", () => {
  it.each([
    ["https://portal.example.org/chart?id=4&x=1", "[URL_1]"],
    ["http://example.com/a_(b)", "[URL_1]"],
    ["(see https://example.com/x)", "(see [URL_1])"],
    ["www.example.com/path.", "[URL_1]."],
    ["mychart.example.org", "[URL_1]"],
    ["10.0.0.12", "[IP_1]"],
    ["192.168.1.254:8080", "[IP_1]:8080"],
    ["fe80::1ff:fe23:4567:890a", "[IP_1]"],
    ["2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[IP_1]"],
  ])("%s", (input, expected) => {
    expectRedaction(`Logged ${input} today`, `Logged ${expected} today`);
  });

  it.each(["version 1.2.3", "at 10:30:00", "e.g. the chart", "ratio 3.5"])("keeps %j", (input) => {
    expectRedaction(input, input);
  });
});

describe("deidentify: account and other identifying numbers", () => {
  it.each([
    ["account 12345678", "account [ACCOUNT_1]"],
    ["Acct. #4455-66", "Acct. #[ACCOUNT_1]"],
    ["member ID W123456789", "member ID [ACCOUNT_1]"],
    ["policy number ABC12345", "policy number [ACCOUNT_1]"],
    ["insurance id: XZ998877", "insurance id: [ACCOUNT_1]"],
    ["claim 20240311-07", "claim [ACCOUNT_1]"],
    ["Medicare number 1EG4-TE5-MK73", "Medicare number [ACCOUNT_1]"],
    ["card ending in 4421", "card ending in [ACCOUNT_1]"],
    ["acct 5552013344", "acct [ACCOUNT_1]"],
    ["4111 1111 1111 1111", "[ACCOUNT_1]"],
    ["4111-1111-1111-1111", "[ACCOUNT_1]"],
    ["12345678", "[ID_1]"],
    ["A1234567", "[ID_1]"],
    ["license plate ABC 1234", "license plate [ID_1]"],
    ["licence plate 7XYZ123", "licence plate [ID_1]"],
    ["driver's license D1234567", "driver's license [ID_1]"],
    ["serial SN-88231-X", "serial [DEVICE_1]"],
    ["device serial: 4455-AB", "device serial: [DEVICE_1]"],
    ["VIN 1HGCM82633A004352", "VIN [ID_1]"],
  ])("%s", (input, expected) => {
    expectRedaction(`Noted ${input} here.`, `Noted ${expected} here.`);
  });

  it.each(["the account for 3 days", "claim 2024 was filed", "our policy on visitors", "billed $1500000", "1,234,567 steps", "pi is 3.1415926", "license plate was blue"])(
    "keeps %j",
    (input) => {
      expectRedaction(input, input);
    },
  );
});

describe("deidentify: record names in any script", () => {
  it.each([
    [["Minh Nguyễn"], "Minh Nguyễn and NGUYEN MINH and nguyen called.", "[NAME_1] and [NAME_2] and [NAME_3] called."],
    [["Đặng Thu Hà"], "Dang Thu Ha wrote; Mrs. Đặng replied.", "[NAME_1] wrote; Mrs. [NAME_2] replied."],
    [["Łukasz Wróbel"], "Lukasz Wrobel is here.", "[NAME_1] is here."],
    [["Ayşe Yılmaz"], "AYSE YILMAZ on the band.", "[NAME_1] on the band."],
    [["Γεώργιος Παπαδόπουλος"], "ΓΕΩΡΓΙΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ, also Georgios Papadopoulos.", "[NAME_1], also [NAME_2]."],
    [["Дмитрий Соколов"], "Dmitry Sokolov (Дмитрий) arrived.", "[NAME_1] ([NAME_2]) arrived."],
    [["王建国"], "王建国的儿子说建国很累。王先生", "[NAME_1]的儿子说[NAME_2]很累。[NAME_3]先生"],
    [["Fatima Al-Hassan"], "وفاطمة or Fatima Al Hassan", "وفاطمة or [NAME_1]"],
  ] as const)("%j in %j", (names, input, expected) => {
    expect(deidentify(input, { names: [...names], phones: [], emails: [] }).text).toBe(expected);
  });

  it("keeps a record name that is an ordinary word where it is used as the word", () => {
    const people = { names: ["Grace May Kowalczyk"], phones: [], emails: [] };
    expect(deidentify("Grace came in May; no grace period. May we call? May said yes.", people).text).toBe("[NAME_1] came in May; no grace period. May we call? [NAME_2] said yes.");
  });
});

describe("deidentify: names introduced by relatives, roles and nicknames", () => {
  it.each([
    ["Her daughter Wilhelmina Achterberg-Sousa called.", "Her daughter [NAME_1] called."],
    ["His wife Halina found it.", "His wife [NAME_1] found it."],
    ["Baby girl Adaeze was moved.", "Baby girl [NAME_1] was moved."],
    ["The roommate Gerald Finch yelled. Finch laughed.", "The roommate [NAME_1] yelled. [NAME_2] laughed."],
    ['Everyone calls him "Bobby"; he goes by Bobby.', 'Everyone calls him "[NAME_1]"; he goes by [NAME_1].'],
    ["my son marcus and his girlfriend jada", "my son [NAME_1] and his girlfriend [NAME_2]"],
    ["Mi esposo Ramón y su hija Lupita", "Mi esposo [NAME_1] y su hija [NAME_2]"],
    ["Her son 王小明 came. 护士张丽说没有床位。", "Her son [NAME_1] came. 护士[NAME_2]说没有床位。"],
    ["Yolanda, the patient's daughter, called.", "[NAME_1], the patient's daughter, called."],
    ["Interviewed T. Washington RN and the night nurse, Tamika.", "Interviewed [NAME_1] RN and the night nurse, [NAME_2]."],
  ])("%j", (input, expected) => {
    expect(deidentify(input, nobody).text).toBe(expected);
  });

  it.each([
    "I hope someone will read this; the bill says art therapy. Will anyone call?",
    "The Dr. on call in the Emergency Department ordered an MRI and insulin on Monday.",
    "We stayed at the Ronald McDonald House; St. Luke's Hospital is on 4 West.",
  ])("leaves %j alone", (input) => {
    expect(deidentify(input, nobody).text).toBe(input);
  });
});

describe("deidentify: ages, rooms, devices and postal codes", () => {
  it.each([
    ["a 93-year-old woman", "a 90 or older woman"],
    ["She is 95 and lives alone.", "She is 90 or older and lives alone."],
    ["Harold Jenkins, 90, called.", "Harold Jenkins, 90 or older, called."],
    ["age: 101", "age: 90 or older"],
    ["Mi esposo, de 92 años, llegó.", "Mi esposo, de 90 años o más, llegó."],
  ])("writes an age over 89 as the aggregate: %j", (input, expected) => {
    const { text, map } = deidentify(input, nobody);
    expect(text.replace(/\[NAME_\d\]/g, "X")).toBe(expected.replace("Harold Jenkins", "X"));
    expect(Object.values(map)).not.toContain("93");
  });

  it.each(["She is 89.", "Her temperature was 101.4 and her pulse was 96.", "The building is 100 years old.", "We waited 95 minutes."])("keeps %j", (input) => {
    expect(deidentify(input, nobody).text).toBe(input);
  });

  it.each([
    ["room 412", "room [ROOM_1]"],
    ["Rm 4B", "Rm [ROOM_1]"],
    ["bed 2", "bed [ROOM_1]"],
    ["bay 3", "bay [ROOM_1]"],
    ["habitación 214", "habitación [ROOM_1]"],
    ["pacemaker model W1DR01", "pacemaker model [DEVICE_1]"],
    ["pump S/N 66-2041877", "pump S/N [DEVICE_1]"],
    ["implant lot number 4471120B", "implant lot number [DEVICE_1]"],
    ["Ottawa, ON K1A 0B1", "[ADDRESS_1], ON [ZIP_1]"],
    ["London SW1A 1AA", "[ADDRESS_1] [ZIP_1]"],
    ["Hauptstraße 5, 10115 Berlin", "[ADDRESS_1], [ZIP_1] [ADDRESS_2]"],
    ["NHS number 943 476 5919", "NHS number [ID_1]"],
    ["MBI 1EG4-TE5-MK73", "MBI [ACCOUNT_1]"],
  ])("%j", (input, expected) => {
    expectRedaction(`Noted ${input} today.`, `Noted ${expected} today.`);
  });

  it.each(["room service", "the waiting room", "2 beds", "bed rest for 2 days", "Ward 7 and 4 West", "the ICU"])("keeps %j", (input) => {
    expectRedaction(input, input);
  });
});

describe("deidentify: the more specific match wins", () => {
  it("an SSN is not a phone", () => {
    expect(deidentify("123-45-6789", nobody).map).toEqual({ "[SSN_1]": "123-45-6789" });
  });

  it("a labelled account number is not a phone or a bare ID", () => {
    expect(deidentify("acct 5552013344 and MRN 12345678", nobody).map).toEqual({ "[ACCOUNT_1]": "5552013344", "[MRN_1]": "12345678" });
  });

  it("a date wins over a known first name that is also a month", () => {
    const people = { names: ["May Flowers"], phones: [], emails: [] };
    expectRedaction("May wrote on May 14 and May 2024.", "[NAME_1] wrote on [DATE_1] and [DATE_2].", people);
  });

  it("a house number is not the year of the date before it", () => {
    expectRedaction("Seen March 14, 1234 Elm Street.", "Seen [DATE_1], [ADDRESS_1].");
  });

  it("two identifiers that overlap in part are replaced together, leaving no piece behind", () => {
    // "12 March" and "March 14" are both dates and share "March".
    expect(expectRedaction("Seen 12 March 14 at 2 pm.", "Seen [DATE_1] at 2 pm.")).toEqual({ "[DATE_1]": "12 March 14" });
  });

  it("a URL wins over the email and name inside it", () => {
    expect(expectRedaction("https://example.com/u/maria.t@example.com", "[URL_1]", known)).toEqual({ "[URL_1]": "https://example.com/u/maria.t@example.com" });
  });
});

describe("placeholders and maps", () => {
  it("numbers each type separately in order of appearance", () => {
    const { text, map } = deidentify("Maria (555-201-3344, maria.t@example.com) born 03/14/1962, MRN 12345678, Dr. Patel.", known);
    expect(text).toBe("[NAME_1] ([PHONE_1], [EMAIL_1]) born [DATE_1], MRN [MRN_1], Dr. [NAME_2].");
    expect(map).toEqual({
      "[NAME_1]": "Maria",
      "[PHONE_1]": "555-201-3344",
      "[EMAIL_1]": "maria.t@example.com",
      "[DATE_1]": "03/14/1962",
      "[MRN_1]": "12345678",
      "[NAME_2]": "Patel",
    });
  });

  it("extends a map passed in: known values keep their placeholder, new ones continue the numbering", () => {
    const first = deidentify("Maria Testpatient, 555-201-3344", known);
    const second = deidentify("Dr. Patel called maria testpatient at (555) 201-3344.", known, first.map);
    expect(second.text).toBe("Dr. [NAME_2] called [NAME_1] at [PHONE_1].");
    expect(second.map).toEqual({ "[NAME_1]": "Maria Testpatient", "[PHONE_1]": "555-201-3344", "[NAME_2]": "Patel" });
    expect(first.map).toEqual({ "[NAME_1]": "Maria Testpatient", "[PHONE_1]": "555-201-3344" });
  });

  it("does not reuse a placeholder-shaped token that is already in the text", () => {
    const input = "Template said [NAME_1]; Mr. Smith replied.";
    const { text, map } = deidentify(input, nobody);
    expect(text).toBe("Template said [NAME_1]; Mr. [NAME_2] replied.");
    expect(reidentify(text, map)).toEqual({ text: input, unresolved: ["[NAME_1]"] });
  });

  it("leaves text without identifiers untouched and the map empty", () => {
    expect(deidentify("", known)).toEqual({ text: "", map: {} });
    expect(deidentify("No identifiers here.", known)).toEqual({ text: "No identifiers here.", map: {} });
  });
});

describe("deidentifyFields", () => {
  it("uses one map across fields, so the same person or number has the same placeholder everywhere", () => {
    const fields = {
      recipient: "Maria Testpatient",
      description: "Maria Testpatient says Nurse Kelly ignored her; call (555) 201-3344.",
      desiredOutcome: "An apology from Nurse Kelly, sent to maria.t@example.com.",
      step0: "Spoke with Kelly and Dr. Patel on 03/15/2024; callback 555.201.3344.",
      empty: "",
    };
    const { fields: redacted, map } = deidentifyFields(fields, known);
    expect(redacted).toEqual({
      recipient: "[NAME_1]",
      description: "[NAME_1] says Nurse [NAME_2] ignored her; call [PHONE_1].",
      desiredOutcome: "An apology from Nurse [NAME_2], sent to [EMAIL_1].",
      step0: "Spoke with [NAME_2] and Dr. [NAME_3] on [DATE_1]; callback [PHONE_1].",
      empty: "",
    });
    expect(map).toEqual({
      "[NAME_1]": "Maria Testpatient",
      "[NAME_2]": "Kelly",
      "[PHONE_1]": "(555) 201-3344",
      "[EMAIL_1]": "maria.t@example.com",
      "[NAME_3]": "Patel",
      "[DATE_1]": "03/15/2024",
    });
    for (const key of ["recipient", "description", "desiredOutcome", "empty"] as const) {
      expect(reidentify(redacted[key], map).text).toBe(fields[key]);
    }
  });

  it("keeps placeholder-shaped text in one field from being claimed by another", () => {
    const { fields, map } = deidentifyFields({ a: "Mr. Smith", b: "left as [NAME_1]" }, nobody);
    expect(fields).toEqual({ a: "Mr. [NAME_2]", b: "left as [NAME_1]" });
    expect(map).toEqual({ "[NAME_2]": "Smith" });
  });
});

describe("reidentify and findPlaceholders", () => {
  const map: PlaceholderMap = { "[NAME_1]": "Maria Testpatient", "[NAME_2]": "Maria", "[DATE_1]": "March 14, 2024" };

  it("restores every known placeholder and reports unknown ones", () => {
    expect(reidentify("Dear [NAME_2], about [DATE_1]: [NAME_7] and [PHONE_3] will call. [NAME_7]!", map)).toEqual({
      text: "Dear Maria, about March 14, 2024: [NAME_7] and [PHONE_3] will call. [NAME_7]!",
      unresolved: ["[NAME_7]", "[PHONE_3]"],
    });
  });

  it("accepts the small changes models make to a placeholder's case and padding", () => {
    expect(reidentify("Dear [name_1], [ NAME_2 ] [NAME_01]", map).text).toBe("Dear Maria Testpatient, Maria Maria Testpatient");
  });

  it("reports bare typed placeholders and other numbered tokens, not ordinary brackets", () => {
    expect(reidentify("[NAME] on [Date], see [PATIENT_NAME_1]; [sic] [1] [a]", map).unresolved).toEqual(["[NAME]", "[Date]", "[PATIENT_NAME_1]"]);
  });

  it("inserts values literally, even ones that look like replacement patterns", () => {
    expect(reidentify("[NAME_1]", { "[NAME_1]": "$& $1 $$" }).text).toBe("$& $1 $$");
  });

  it("finds the distinct placeholder-shaped tokens in order", () => {
    expect(findPlaceholders("[NAME_2] [DATE_1] [NAME_2] [name_3] [ADDRESS] [ok] plain")).toEqual(["[NAME_2]", "[DATE_1]", "[name_3]", "[ADDRESS]"]);
    expect(findPlaceholders("no placeholders [here]")).toEqual([]);
  });
});

describe("privacy: a complaint packed with identifiers", () => {
  const record: KnownIdentifiers = {
    names: ["Maria Testpatient", "Carlos Testpatient", "José Ñúñez"],
    phones: ["(555) 201-3344", "555-201-9876"],
    emails: ["maria.t@example.com"],
  };
  const narrative = [
    "Patient: Maria Testpatient, MRN: A1234567, DOB 03/14/1962 (also written March 14, 1962 and 1962-03-14).",
    "SSN 123-45-6789. Her husband Carlos Testpatient (cell +1 555 201 3344, work 555.201.9876 x204) and her",
    "interpreter José Ñúñez (jose.nunez+interp@mail.example.org) were with her on Mar 14th in Room 12.",
    "She lives at 1234 Elm Street, Apt 4B, Chicago, IL 60614 and gets mail at PO Box 8812.",
    "Nurse Kelly told Maria to wait 6 hours; Dr. Patel said Carlos's questions could wait until 2 pm.",
    "Insurance id XZ998877, Medicare number 1EG4-TE5-MK73, account 44556677, card 4111 1111 1111 1111.",
    "Her portal https://mychart.example.org/patient?id=998877 logged in from 203.0.113.45.",
    "Their car (license plate ABC 1234) was towed; the pump serial SN-88231-X failed; reference 88112233.",
    "Please call my daughter on +44 20 7946 0958 or my son, Leo, on 555 201 4455. 😠 المريض غاضب",
  ].join("\n");
  const identifiers = [
    "Maria", "Testpatient", "Carlos", "José", "Ñúñez", "Kelly", "Patel", "Leo",
    "A1234567", "03/14/1962", "March 14", "1962-03-14", "Mar 14th", "123-45-6789",
    "555 201 3344", "555.201.9876", "x204", "jose.nunez", "mail.example.org", "1234 Elm", "Apt 4B", "Chicago", "60614",
    "8812", "XZ998877", "1EG4-TE5-MK73", "44556677", "4111", "mychart", "998877", "203.0.113.45",
    "ABC 1234", "88231", "88112233", "7946", "4455",
  ];

  it("leaves none of the identifiers in the text sent to the model", () => {
    const { text, map } = deidentify(narrative, record);
    for (const identifier of identifiers) expect(text).not.toContain(identifier);
    expect(text.toLowerCase()).not.toContain("maria");
    expect(text.toLowerCase()).not.toContain("testpatient");
    // Digits alone, separators dropped, so a phone or SSN cannot survive in pieces.
    const digits = text.replace(/\D/g, "");
    for (const number of ["5552013344", "5552019876", "123456789", "6789", "2079460958", "5552014455", "4111111111111111", "1962", "0314"]) {
      expect(digits).not.toContain(number);
    }
    expect(reidentify(text, map)).toEqual({ text: narrative, unresolved: [] });
  });

  it("keeps the ordinary words, times and script of the complaint", () => {
    const { text } = deidentify(narrative, record);
    for (const kept of ["Room [ROOM_1]", "6 hours", "2 pm", "😠 المريض غاضب", "were with her on", "IL", "Nurse", "Dr.", "my daughter", "[NAME_1]"]) {
      expect(text).toContain(kept);
    }
  });
});

describe("ordinary text", () => {
  it("is unchanged", () => {
    const text = [
      "The patient waited 6 hours in the ED before a bed opened in Room 12 on 4 West.",
      "Pain was 8/10, BP 120/80, HR 88; she got 2 mg at 2 pm and again at 14:30.",
      "We may review the policy on visitors in March; the charge nurse will follow up 24/7 if needed.",
      "Billing sent 3 statements in 2024 for $1,250.00. The doctor said the MRI was normal.",
      "St. Luke's Hospital, Dr. and Nurse titles alone, e.g. ICU or ER, stay as written.",
      "Gracias por su paciencia. 谢谢您的耐心。 شكرا لصبركم 🙏🏽👍",
    ].join("\n");
    // Only the room number is an identifier (see the rooms tests below).
    expect(deidentify(text, known)).toEqual({ text: text.replace("Room 12", "Room [ROOM_1]"), map: { "[ROOM_1]": "12" } });
  });
});
