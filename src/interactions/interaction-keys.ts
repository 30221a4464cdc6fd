// Storage for the keys that make each Slack interaction apply once (port; the Prisma
// implementation is interaction-key.repository.ts, the Slack side src/slack/interaction-guard.ts).

/** What a delivery learns when it claims its interaction's key. */
export type InteractionClaim =
  /** First delivery (or a takeover of one that died unfinished): apply it. */
  | { status: "claimed" }
  /** Seen before: acknowledge with the first delivery's answer (null while that one is still running) and change nothing. */
  | { status: "duplicate"; response: unknown };

export interface InteractionKeys {
  /**
   * Claims `key` for this delivery. A key claimed more than `staleMs` ago and never completed
   * belongs to a delivery that died (a crash, a hung call): it is taken over, so a failed first
   * attempt never turns its retry into a silent no-op.
   */
  claim(key: string, staleMs: number): Promise<InteractionClaim>;
  /** Marks the key applied and keeps the acknowledgement that duplicates get. */
  complete(key: string, response: unknown): Promise<void>;
  /** Gives the key back after a failed or refused attempt, so the retry runs. */
  release(key: string): Promise<void>;
  /** Forgets keys older than `olderThanMs` (replays are refused long before). */
  prune(olderThanMs: number): Promise<number>;
}
