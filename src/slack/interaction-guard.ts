import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import type { App, ReceiverEvent } from "@slack/bolt";
import type { InteractionKeys } from "../interactions/interaction-keys.ts";
import { errorSummary } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { VIEWS } from "./ids.ts";
import { cleanPayload, envelopeProblem } from "./payload-boundary.ts";

// Every request from Slack, over HTTP or Socket Mode, enters the app through App#processEvent.
// Wrapping it is the one place where (1) a body Bolt cannot handle is acknowledged and ignored,
// (2) control characters are stripped from every string before a listener sees it, (3) each
// state-changing interaction is applied once, keyed in the database on what identifies it, across
// retries, replays and instances, and (4) a request no listener answered is still acknowledged.

/** How long a claimed key may stay unfinished before its delivery counts as dead and is taken over. */
export const INTERACTION_STALE_MS = 30_000;
/** How long keys are kept: far longer than Slack's five-minute replay window or its retries. */
export const INTERACTION_KEEP_MS = 24 * 3_600_000;
/** Patience for the claim itself; past it the interaction runs unguarded rather than unanswered. */
const CLAIM_TIMEOUT_MS = 1_500;
const PRUNE_EVERY_MS = 10 * 60_000;

const current = new AsyncLocalStorage<{ failed: boolean }>();

/**
 * Called by the error net when an interaction did not apply (refused, failed): its key is given
 * back, so the retry of a failed first attempt is never a silent no-op.
 */
export function markInteractionFailed(): void {
  const state = current.getStore();
  if (state) state.failed = true;
}

const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value ?? null)).digest("hex").slice(0, 24);
const str = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * What identifies one interaction, or null when it needs no key: a view submission by callback,
 * view id, hash and the submitted values (a form corrected after an inline error is a new
 * submission); a block action by action id, action_ts and user; a slash command by its trigger_id.
 * The intake form is left out: it files once per view id by itself and shows the case number again.
 */
export function interactionKey(body: Record<string, unknown>): string | null {
  if (body.type === "view_submission") {
    const view = body.view as Record<string, unknown>;
    if (view.callback_id === VIEWS.caseIntake || !str(view.id)) return null;
    const state = view.state as { values?: unknown } | undefined;
    return `view:${str(view.callback_id)}:${str(view.id)}:${str(view.hash)}:${digest(state?.values)}`;
  }
  if (body.type === "block_actions") {
    const action = (body.actions as Record<string, unknown>[])[0]!;
    const user = str((body.user as Record<string, unknown> | undefined)?.id);
    if (!str(action.action_ts)) return null;
    return `action:${str(action.action_id)}:${str(action.action_ts)}:${user}`;
  }
  if (typeof body.command === "string" && str(body.trigger_id)) return `command:${str(body.trigger_id)}`;
  return null;
}

/** An acknowledgement that applied nothing: the form shows errors to fix, so its key must not stick. */
const refusedAck = (response: unknown) => typeof response === "object" && response !== null && (response as { response_action?: unknown }).response_action === "errors";

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`interaction key claim took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Puts the guard around every request the app processes (see the note at the top of this file). */
export function guardInteractions(app: App, keys: InteractionKeys, logger: Logger): void {
  const process = app.processEvent.bind(app);
  let lastPrune = 0;
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    const state = { failed: false };
    const submission = typeof event.body === "object" && event.body !== null && event.body.type === "view_submission";
    let acked = false;
    let response: unknown;
    let key: string | null = null;
    let owned = false;
    let settled = false;
    /** Completes the key with the acknowledgement duplicates will get, or gives it back when nothing was applied. */
    const settle = async () => {
      if (!key || !owned || settled) return;
      settled = true;
      const done = state.failed || refusedAck(response) ? keys.release(key) : keys.complete(key, response ?? null);
      await withTimeout(done, CLAIM_TIMEOUT_MS).catch((error: unknown) => logger.warn({ error: errorSummary(error) }, "interaction key not settled"));
    };
    const ack = async (answer?: unknown) => {
      if (acked) return;
      acked = true;
      response = answer;
      // A submission's acknowledgement is its outcome, and a refusal's retry may follow at once: the key is
      // settled before Slack hears the answer. A button's work comes after its acknowledgement, so it settles at the end.
      if (submission || state.failed || refusedAck(answer)) await settle();
      await event.ack(answer);
    };
    const acknowledge = () => ack().catch((error: unknown) => logger.warn({ error: errorSummary(error) }, "could not acknowledge a Slack request"));

    const problem = envelopeProblem(event.body);
    if (problem) {
      logger.warn({ problem }, "Slack request ignored: not a payload the app handles");
      await acknowledge();
      return;
    }
    const body = cleanPayload(event.body) as Record<string, unknown>;
    key = interactionKey(body);
    if (key) {
      try {
        const claim = await withTimeout(keys.claim(key, INTERACTION_STALE_MS), CLAIM_TIMEOUT_MS);
        owned = claim.status === "claimed";
        if (claim.status === "duplicate") {
          logger.info({ key: key.split(":").slice(0, 2).join(":"), retryNum: event.retryNum }, "duplicate Slack delivery acknowledged; nothing changed");
          await event.ack(claim.response ?? undefined).catch(() => {});
          return;
        }
      } catch (error) {
        // The database is down or slow: the services will say so; the interaction is not kept from running.
        logger.warn({ error: errorSummary(error) }, "interaction key not claimed; applying without it");
      }
    }
    try {
      await current.run(state, () => process({ ...event, body, ack }));
    } catch (error) {
      // Bolt itself choked on the body (listener errors never get here): acknowledge and ignore it.
      state.failed = true;
      logger.warn({ error: errorSummary(error) }, "Slack request could not be processed; acknowledged and ignored");
    }
    if (!acked) await acknowledge();
    await settle();
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      void keys.prune(INTERACTION_KEEP_MS).catch(() => {});
    }
  };
}
