import { describe, expect, it } from "vitest";
import { cleanText, parseIntake } from "../../../src/cases/case.schema.ts";
import { DEFAULT_DEPARTMENTS } from "../../../src/cases/taxonomy.ts";
import { intakeInput } from "../../fixtures/intake.ts";

const context = { now: new Date("2026-11-28T12:00:00Z"), departments: DEFAULT_DEPARTMENTS };

function errorsOf(input: unknown) {
  const result = parseIntake(input, context);
  if (result.ok) throw new Error("expected validation errors");
  return result.errors;
}

describe("parseIntake", () => {
  it("accepts a complete intake and splits the contact into phone or email", () => {
    const result = parseIntake(intakeInput(), context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.intake).toMatchObject({ contactPhone: "555-201-3344", contactEmail: undefined, severity: 2, resolvedOnSpot: false });
    const email = parseIntake(intakeInput({ contact: "jonas@example.org" }), context);
    expect(email.ok && email.intake.contactEmail).toBe("jonas@example.org");
  });

  it("a yes to the harm question is an allegation of harm; a no or no answer is not, and is kept for the rules", () => {
    const yes = parseIntake(intakeInput({ harmAnswer: "yes" }), context);
    expect(yes.ok && yes.intake.allegesHarm).toBe(true);
    const no = parseIntake(intakeInput({ harmAnswer: "no" }), context);
    expect(no.ok && [no.intake.allegesHarm, no.intake.harmAnswer]).toEqual([false, "no"]);
    const none = parseIntake(intakeInput(), context);
    expect(none.ok && none.intake.harmAnswer).toBeUndefined();
    expect(parseIntake(intakeInput({ harmAnswer: "maybe" }), context).ok).toBe(false);
  });

  it("asks whether anything still needs follow-up when the concern was resolved on the spot, and reads the answer", () => {
    expect(errorsOf(intakeInput({ flags: ["resolved_on_spot"], followUp: undefined })).followUp).toMatch(/still needs follow-up after today/);
    const yes = parseIntake(intakeInput({ flags: ["resolved_on_spot"], followUp: "yes" }), context);
    expect(yes.ok && yes.intake.needsFollowUp).toBe(true);
    const unresolved = parseIntake(intakeInput({ followUp: undefined }), context);
    expect(unresolved.ok && unresolved.intake.needsFollowUp).toBe(false);
  });

  it("an anonymous concern may leave out the patient's name and who raised it", () => {
    const anonymous = parseIntake(intakeInput({ patientName: "", raiserName: "", flags: ["anonymous"] }), context);
    expect(anonymous.ok && [anonymous.intake.patientName, anonymous.intake.anonymous, anonymous.intake.raiserName]).toEqual(["Anonymous (no name given)", true, undefined]);
    const named = parseIntake(intakeInput({ flags: ["anonymous"] }), context);
    expect(named.ok && named.intake.patientName).toBe("Maria Testpatient");
    expect(errorsOf(intakeInput({ patientName: "" })).patientName).toBe("Enter the patient's name.");
  });

  it("names every missing required field in plain words", () => {
    const errors = errorsOf({});
    expect(errors).toMatchObject({
      patientName: "Enter the patient's name.",
      raisedBy: "Choose who raised the concern.",
      department: "Choose the department or unit.",
      category: "Choose a category.",
      severity: "Choose a severity.",
      receivedVia: "Choose how the concern was received.",
      receivedAt: "Enter when the concern was received.",
      description: "Describe what happened.",
    });
  });

  it("refuses a received time in the future, allowing a few minutes of clock skew", () => {
    expect(errorsOf(intakeInput({ receivedAt: new Date("2026-11-28T13:00:00Z") })).receivedAt).toMatch(/in the future/);
    expect(parseIntake(intakeInput({ receivedAt: new Date("2026-11-28T12:03:00Z") }), context).ok).toBe(true);
  });

  it("refuses a received time more than a year back", () => {
    expect(errorsOf(intakeInput({ receivedAt: new Date("2025-01-01T00:00:00Z") })).receivedAt).toMatch(/more than a year/);
  });

  it("explains a 10,000-character description instead of cutting it", () => {
    const errors = errorsOf(intakeInput({ description: "a".repeat(10_000) }));
    expect(errors.description).toBe(
      "This is 10,000 characters; the limit is 3,000. Keep the essentials here and add the rest as a case note after filing.",
    );
  });

  it("requires the raiser's name when a family member raised it", () => {
    expect(errorsOf(intakeInput({ raisedBy: "family", raiserName: "" })).raiserName).toMatch(/family member or representative/);
    expect(parseIntake(intakeInput({ raisedBy: "patient", raiserName: "" }), context).ok).toBe(true);
  });

  it("rejects a contact that is neither a phone number nor an email", () => {
    expect(errorsOf(intakeInput({ contact: "call the ward" })).contact).toMatch(/phone number .* or an email/);
  });

  it("rejects a department that is not on the hospital's list", () => {
    expect(errorsOf(intakeInput({ department: "Spaceport" })).department).toMatch(/from the list/);
  });

  it("keeps emoji and right-to-left text exactly", () => {
    const description = "המטופל חיכה שש שעות 😡 — لم يشرح أحد التأخير 🙏🏽";
    const result = parseIntake(intakeInput({ description, patientName: "José Ñúñez 李" }), context);
    expect(result.ok && result.intake.description).toBe(description);
    expect(result.ok && result.intake.patientName).toBe("José Ñúñez 李");
  });

  it("removes control characters and keeps line breaks", () => {
    const result = parseIntake(intakeInput({ description: "Line one\r\nLine\u0000 two\u0007\tend\u001b[31m" }), context);
    expect(result.ok && result.intake.description).toBe("Line one\nLine two\tend[31m");
  });
});

describe("cleanText", () => {
  it("normalizes to NFC so the same name is stored the same way", () => {
    expect(cleanText("Jose\u0301")).toBe("José");
  });
});

describe("parseIntake: the mailing address", () => {
  it("is optional, keeps its lines as typed and drops blank lines and stray spaces", () => {
    const none = parseIntake(intakeInput(), context);
    expect(none.ok && none.intake.mailingAddress).toBeUndefined();
    const blank = parseIntake(intakeInput({ mailingAddress: " \n  " }), context);
    expect(blank.ok && blank.intake.mailingAddress).toBeUndefined();
    const typed = parseIntake(intakeInput({ mailingAddress: "  44 Harbor   Lane\r\n\r\nSpringfield, IL 62701 \n" }), context);
    expect(typed.ok && typed.intake.mailingAddress).toBe("44 Harbor Lane\nSpringfield, IL 62701");
  });

  it("says so when it is too long for an envelope", () => {
    expect(errorsOf(intakeInput({ mailingAddress: "x".repeat(301) })).mailingAddress).toBe("The mailing address must be 300 characters or fewer.");
    expect(errorsOf(intakeInput({ mailingAddress: "1\n2\n3\n4\n5\n6\n7" })).mailingAddress).toBe("The mailing address must fit on 6 lines.");
  });
});
