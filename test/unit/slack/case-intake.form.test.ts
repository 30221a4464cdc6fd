import { describe, expect, it } from "vitest";
import { parseIntake } from "../../../src/cases/case.schema.ts";
import { DEFAULT_DEPARTMENTS } from "../../../src/cases/taxonomy.ts";
import { caseIntakeModal } from "../../../src/slack/blocks/case-intake.modal.ts";
import {
  decodeIntakeMetadata,
  encodeIntakeMetadata,
  intakeErrorsForSlack,
  readIntakeState,
  ViewStateSchema,
} from "../../../src/slack/forms/case-intake.form.ts";
import { INTAKE_FIELDS } from "../../../src/slack/ids.ts";
import { intakeViewState } from "../../fixtures/intake.ts";

const now = new Date("2026-11-28T12:00:00Z");

describe("intake modal", () => {
  const modal = caseIntakeModal({ departments: DEFAULT_DEPARTMENTS, now, privateMetadata: "{}" });

  it("has an input block for every intake field, each with matching action id", () => {
    const inputs = (modal.blocks as { type: string; block_id?: string; element?: { action_id: string } }[]).filter((block) => block.type === "input");
    expect(inputs.map((block) => block.block_id).sort()).toEqual(Object.values(INTAKE_FIELDS).sort());
    for (const block of inputs) expect(block.element?.action_id).toBe(block.block_id);
  });

  it("asks the harm question under the description only when told to, unanswered allowed, and reads the answer back", () => {
    const blockIds = (view: { blocks: unknown[] }) => (view.blocks as { block_id?: string }[]).map((block) => block.block_id);
    expect(blockIds(modal)).not.toContain("harm_answer");
    const asking = caseIntakeModal({ departments: DEFAULT_DEPARTMENTS, now, privateMetadata: "{}", askHarm: true, values: { harmAnswer: "no" } });
    const ids = blockIds(asking);
    expect(ids.indexOf("harm_answer")).toBe(ids.indexOf("description") + 2);
    expect(JSON.stringify(asking)).toContain("This mentions a possible injury or mistreatment. Does the patient or family allege harm, abuse or neglect?");
    const question = (asking.blocks as { block_id?: string; optional?: boolean; element?: { initial_option?: { value: string } } }[]).find((block) => block.block_id === "harm_answer");
    expect(question?.optional).toBe(true);
    expect(question?.element?.initial_option?.value).toBe("no");
    const state = ViewStateSchema.parse({ ...intakeViewState(), harm_answer: { harm_answer: { type: "radio_buttons", selected_option: { value: "yes" } } } });
    expect(readIntakeState(state).harmAnswer).toBe("yes");
    expect(readIntakeState(ViewStateSchema.parse(intakeViewState())).harmAnswer).toBeUndefined();
  });

  it("asks whether anything still needs follow-up after today, and maps its error to its block", () => {
    const question = (modal.blocks as { block_id?: string; label?: { text: string } }[]).find((block) => block.block_id === "follow_up");
    expect(question?.label?.text).toBe("Does anything still need follow-up after today?");
    expect(readIntakeState(ViewStateSchema.parse(intakeViewState({ followUp: "yes" }))).followUp).toBe("yes");
    expect(intakeErrorsForSlack({ followUp: "Say whether…" })).toEqual({ follow_up: "Say whether…" });
  });

  it("defaults the received time to now and stays within Slack's limits", () => {
    expect(JSON.stringify(modal)).toContain(`"initial_date_time":${Math.floor(now.getTime() / 1000)}`);
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
  });

  it("prefills a long message only up to the field's 3,000-character limit", () => {
    const long = caseIntakeModal({ departments: DEFAULT_DEPARTMENTS, now, privateMetadata: "{}", values: { description: "x".repeat(5000) } });
    const description = (long.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((block) => block.block_id === "description");
    expect(description?.element?.initial_value?.length).toBe(3000);
  });

  it("shows back every value it is given, as Slack would submit it again", () => {
    const typed = readIntakeState(
      ViewStateSchema.parse(
        intakeViewState({ raisedBy: "representative", category: "billing", severity: "3", receivedVia: "email", flags: ["medicare_beneficiary", "alleges_harm"] }),
      ),
    );
    const form = caseIntakeModal({ departments: DEFAULT_DEPARTMENTS, now, privateMetadata: "{}", values: typed, notice: ":warning: not saved" });
    expect(readIntakeState(ViewStateSchema.parse(stateShownBy(form)))).toEqual(typed);
    expect(JSON.stringify(form.blocks)).toContain(":warning: not saved");
  });
});

type ShownElement = {
  type: string;
  initial_value?: string;
  initial_option?: { value: string };
  initial_options?: { value: string }[];
  initial_date_time?: number;
};

/** The view state Slack would submit if the filer pressed the button without touching anything. */
function stateShownBy(form: ReturnType<typeof caseIntakeModal>) {
  const inputs = (form.blocks as { type: string; block_id?: string; element?: ShownElement }[]).filter((block) => block.type === "input");
  return Object.fromEntries(
    inputs.map(({ block_id, element }) => {
      const shown = element!;
      return [
        block_id,
        {
          [block_id!]: {
            type: shown.type,
            value: shown.initial_value ?? null,
            selected_option: shown.initial_option ?? null,
            ...(shown.type === "checkboxes" ? { selected_options: shown.initial_options ?? [] } : {}),
            ...(shown.initial_date_time ? { selected_date_time: shown.initial_date_time } : {}),
          },
        },
      ];
    }),
  );
}

describe("reading the submitted modal", () => {
  it("turns view state into a valid intake", () => {
    const state = ViewStateSchema.parse(intakeViewState({ flags: ["medicare_beneficiary", "alleges_harm"] }));
    const input = readIntakeState(state);
    const result = parseIntake(input, { now, departments: DEFAULT_DEPARTMENTS });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.intake).toMatchObject({
      raisedBy: "family",
      department: "Emergency Department",
      severity: 2,
      receivedAt: new Date("2026-11-27T14:30:00Z"),
      medicareBeneficiary: true,
      allegesHarm: true,
      resolvedOnSpot: false,
    });
  });

  it("reads the mailing address, a multi-line field, with its lines", () => {
    const field = (caseIntakeModal({ departments: DEFAULT_DEPARTMENTS, now, privateMetadata: "{}" }).blocks as { block_id?: string; optional?: boolean; element?: { multiline?: boolean } }[]).find(
      (block) => block.block_id === INTAKE_FIELDS.mailingAddress,
    );
    expect(field).toMatchObject({ optional: true, element: { multiline: true } });
    const input = readIntakeState(ViewStateSchema.parse(intakeViewState({ mailingAddress: "44 Harbor Lane\nSpringfield, IL 62701" })));
    const result = parseIntake(input, { now, departments: DEFAULT_DEPARTMENTS });
    expect(result.ok && result.intake.mailingAddress).toBe("44 Harbor Lane\nSpringfield, IL 62701");
  });

  it("treats empty optional fields as absent", () => {
    const state = ViewStateSchema.parse(intakeViewState({ contact: undefined, preferredLanguage: undefined, desiredOutcome: undefined }));
    const result = parseIntake(readIntakeState(state), { now, departments: DEFAULT_DEPARTMENTS });
    expect(result.ok && result.intake.contactPhone).toBeUndefined();
    expect(result.ok && result.intake.preferredLanguage).toBeUndefined();
  });

  it("maps field errors to block ids", () => {
    expect(intakeErrorsForSlack({ receivedAt: "future", patientName: "missing" })).toEqual({ received_at: "future", patient_name: "missing" });
  });
});

describe("private metadata", () => {
  it("round-trips ids and rejects anything else", () => {
    const encoded = encodeIntakeMetadata({ originChannelId: "C0WARD0001", sourceMessageTs: "1700000000.000200" });
    expect(decodeIntakeMetadata(encoded)).toEqual({ v: 1, originChannelId: "C0WARD0001", sourceMessageTs: "1700000000.000200" });
    expect(decodeIntakeMetadata('{"v":1,"originChannelId":"not a channel"}')).toEqual({ v: 1 });
    expect(decodeIntakeMetadata("garbage")).toEqual({ v: 1 });
  });
});
