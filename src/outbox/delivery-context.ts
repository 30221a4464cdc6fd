import { AsyncLocalStorage } from "node:async_hooks";

// What the post being delivered is, for the Slack adapter underneath a handler: it tags each post
// with the outbox id (and its place among the delivery's posts), and on a retry looks for the tag
// before posting again, so a post whose first answer was lost (a timeout, a reset, a 5xx after
// Slack took it) is not posted twice. Carried by AsyncLocalStorage so the handlers, notifiers and
// domain services between the dispatcher and the client need not pass it along.

/** The queued message a handler is delivering. */
export interface Delivery {
  outboxId: bigint;
  /** When it was first tried: a post it made cannot be older. */
  firstAttemptAt: Date;
  /** An earlier attempt may have posted (it failed or was abandoned after it began): look before posting. */
  mayHavePosted: boolean;
  /** This attempt's number (1 for the first). */
  attempt: number;
  /** The next post's number within this delivery (0, 1, …): the same code path numbers them alike each attempt. */
  nextPart(): number;
}

const current = new AsyncLocalStorage<Delivery>();

/** Runs `work` as the delivery of one queued message. */
export function withDelivery<T>(delivery: Omit<Delivery, "nextPart">, work: () => Promise<T>): Promise<T> {
  let part = 0;
  return current.run({ ...delivery, nextPart: () => part++ }, work);
}

/** The delivery under way in this async context, if any (none for a listener's own calls). */
export function currentDelivery(): Delivery | undefined {
  return current.getStore();
}
