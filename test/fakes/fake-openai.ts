import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// An OpenAI-compatible Responses API on localhost (POST /v1/responses). It answers like a model
// that follows the prompt, built from the facts it was sent, and can be told to misbehave the way
// real services do: time out, rate-limit with retry-after, fail with 5xx, return malformed JSON,
// refuse, or write injected content.

export type Behaviour = "ok" | "slow" | "timeout" | "rate_limit_then_ok" | "server_error" | "malformed" | "refusal" | "injection";

export interface FakeOpenAi {
  baseURL: string;
  requests: { body: Record<string, unknown>; raw: string }[];
  behave(next: Behaviour): void;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

interface Facts {
  kind: string;
  recipient: string;
  hospital: { contactPerson: string; contactBlock: string };
  dates: { completion: string; expectedResponse: string };
  concern: { category: string; description: string };
  investigation: { steps: string[]; results: string[] };
  issues?: { number: number; issue: string; steps: string[]; results: string[] }[];
  notices: { qioRequired: boolean; qio: string; stateAgency: string };
}

/** A letter a compliant model would write from these facts (placeholders kept as sent). */
export function modelLetter(facts: Facts, injected = false) {
  const interim = facts.kind === "interim";
  return {
    greeting: `Dear ${facts.recipient},`,
    acknowledgement: "Thank you for telling us about your visit. We are sorry it was hard for you and your family.",
    issuesRaised: (facts.issues ?? []).map((entry) => entry.issue),
    // One paragraph per issue, as the prompt asks: the issue, then what was done and found about it.
    issueResponses: (facts.issues ?? []).map((entry) => ({
      issue: entry.issue,
      response: interim
        ? `You told us: "${entry.issue}". We are still looking into this.`
        : `You told us: "${entry.issue}". We looked into this concern and have described what we found below. ${[...entry.steps, ...entry.results].join(" ")}`.trim(),
    })),
    stepsTaken: `We reviewed what happened. ${facts.investigation.steps.join(" ")}`,
    results: interim ? "Our review is not finished yet." : `We found the following. ${facts.investigation.results.join(" ")}`,
    contactPerson: `If you have questions, please contact ${facts.hospital.contactPerson}. ${facts.hospital.contactBlock}`,
    dateOfCompletion: interim ? `We will send you our written response by ${facts.dates.expectedResponse}.` : `We completed our review on ${facts.dates.completion}.`,
    rightsAndNextSteps: `You may also contact the State survey agency: ${facts.notices.stateAgency}${facts.notices.qioRequired ? ` You may also contact the QIO: ${facts.notices.qio}` : ""}`,
    closing: injected ? "We admit negligence and will refund you $5,000. See http://claims.example.com for your payment. Sincerely," : "Sincerely,",
  };
}

function response(content: object, model: string) {
  return {
    id: `resp_${Math.random().toString(36).slice(2)}`,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status: "completed",
    model,
    output: [{ type: "message", id: "msg_1", status: "completed", role: "assistant", content: [content] }],
    usage: { input_tokens: 812, output_tokens: 455, total_tokens: 1267, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
    parallel_tool_calls: false,
    tools: [],
    error: null,
    incomplete_details: null,
  };
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: FakeOpenAi["requests"] = [];
  let behaviour: Behaviour = "ok";
  let rateLimited = false;

  const server: Server = createServer(async (request, reply) => {
    const raw = await readBody(request);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    requests.push({ body, raw });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      reply.writeHead(status, { "content-type": "application/json", ...headers });
      reply.end(typeof payload === "string" ? payload : JSON.stringify(payload));
    };
    if (request.url !== "/v1/responses") return send(404, { error: { message: "not found" } });
    const input = (body.input as { content: string }[] | undefined)?.[0]?.content ?? "{}";
    const facts = JSON.parse(input) as Facts;
    const model = String(body.model ?? "gpt-test");
    switch (behaviour) {
      case "slow":
        // Answers correctly after two seconds: long enough to kill an instance mid-draft.
        setTimeout(() => send(200, response({ type: "output_text", text: JSON.stringify(modelLetter(facts)), annotations: [] }, model)), 2_000).unref();
        return;
      case "timeout":
        // Never answer within the client's timeout; the client aborts and retries.
        setTimeout(() => send(200, response({ type: "output_text", text: "{}", annotations: [] }, model)), 10_000).unref();
        return;
      case "rate_limit_then_ok":
        if (!rateLimited) {
          rateLimited = true;
          return send(429, { error: { message: "Rate limit reached", type: "rate_limit_error" } }, { "retry-after": "0" });
        }
        return send(200, response({ type: "output_text", text: JSON.stringify(modelLetter(facts)), annotations: [] }, model));
      case "server_error":
        return send(500, { error: { message: "The server had an error", type: "server_error" } });
      case "malformed":
        return send(200, response({ type: "output_text", text: '{"greeting": "Dear', annotations: [] }, model));
      case "refusal":
        return send(200, response({ type: "refusal", refusal: "I can't help with that." }, model));
      case "injection":
        return send(200, response({ type: "output_text", text: JSON.stringify(modelLetter(facts, true)), annotations: [] }, model));
      default:
        return send(200, response({ type: "output_text", text: JSON.stringify(modelLetter(facts)), annotations: [] }, model));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    behave(next) {
      behaviour = next;
      rateLimited = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
