import { describe, expect, it } from "vitest";
import { slackMessageToPlainText } from "../../../src/slack/forms/message-text.ts";

describe("slackMessageToPlainText", () => {
  it.each([
    ["a user mention with a label", "Ask <@U0123ABC|dana> about it", "Ask @dana about it"],
    ["a user mention without one", "<@U0123ABC> took the call", "@someone took the call"],
    ["a channel", "Moved from <#C0WARD01|ward-4>", "Moved from #ward-4"],
    ["a channel without a label", "See <#C0WARD01>", "See #channel"],
    ["here, channel and everyone", "<!here> <!channel> <!everyone>", "@here @channel @everyone"],
    ["a special mention with a label", "<!here|here> now", "here now"],
    ["a user group", "Paging <!subteam^S0NURSES|@night-nurses>", "Paging @night-nurses"],
    ["a date with its fallback text", "Seen <!date^1764590400^{date_short}|1 Dec 2026>", "Seen 1 Dec 2026"],
    ["a labelled link", "Read <https://intranet.example/policy?a=1&amp;b=2|the policy>", "Read the policy"],
    ["a bare link", "Form at <https://intranet.example/form?a=1&amp;b=2>", "Form at https://intranet.example/form?a=1&b=2"],
    ["an email link", "Write to <mailto:pr@hospital.example|pr@hospital.example>", "Write to pr@hospital.example"],
    ["entities", "Pain &gt; 7 &amp; BP &lt; 90", "Pain > 7 & BP < 90"],
    ["an escaped entity, decoded once", "typed &amp;lt;3", "typed &lt;3"],
    ["entities in a label", "<https://x.example|Q&amp;A>", "Q&A"],
    ["plain text", "Family says the call bell was ignored overnight.", "Family says the call bell was ignored overnight."],
  ])("%s", (_title, wire, expected) => {
    expect(slackMessageToPlainText(wire)).toBe(expected);
  });

  it("converts a whole message, line breaks kept", () => {
    const wire = "<@U0FRONT01|sam> says:\nMrs. Patient &amp; her son were told to wait &gt; 4 h\ncc <!here> <#C0PR0001|patient-relations>";
    expect(slackMessageToPlainText(wire)).toBe("@sam says:\nMrs. Patient & her son were told to wait > 4 h\ncc @here #patient-relations");
  });
});
