// Each domain owns the kinds of work it queues after commit and the handlers that deliver them;
// the composition root only joins the groups. A kind with two handlers is a wiring mistake.

/** Delivers one queued message; throws to be retried (or given up, for a refusal retrying cannot fix). */
export type OutboxHandler = (payload: Record<string, string>) => Promise<void>;

/** Handlers of one domain, keyed by the kinds it queues. */
export type OutboxHandlers = Record<string, OutboxHandler>;

/** Joins every domain's handlers; throws if two domains claim the same kind. */
export function joinOutboxHandlers(...groups: OutboxHandlers[]): OutboxHandlers {
  const joined: OutboxHandlers = {};
  for (const group of groups) {
    for (const [kind, handler] of Object.entries(group)) {
      if (kind in joined) throw new Error(`outbox kind ${kind} has two handlers`);
      joined[kind] = handler;
    }
  }
  return joined;
}
