import { describe, expect, it } from "vitest";
import { downloadFailed, downloadSending } from "../../../src/slack/blocks/letter-download.ts";

describe("letter download notices", () => {
  it("says at once where the file is going", () => {
    const pdf = downloadSending({ format: "pdf", caseNumber: "PR-2026-0042", version: 2 });
    expect(pdf.text).toMatch(/^Sending the PDF of letter v2 for PR-2026-0042 to you in a direct message from the app/);
    expect(downloadSending({ format: "txt", caseNumber: "PR-2026-0042", version: 1 }).text).toMatch(/^Sending the text file of letter v1 for PR-2026-0042 to you in a direct message/);
  });

  it("says plainly when the file did not arrive, and which button to press again", () => {
    const failed = downloadFailed({ format: "pdf", caseNumber: "PR-2026-0042", version: 2 });
    expect(failed.text).toContain("the PDF of letter v2 for PR-2026-0042 could not be sent");
    expect(failed.text).toContain("nothing arrived in your direct messages");
    expect(failed.text).toContain("*Download PDF* again");
    expect(downloadFailed({ format: "txt", caseNumber: "PR-2026-0042", version: 2 }).text).toContain("*Download text* again");
  });
});
