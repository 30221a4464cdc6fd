/**
 * Runs at most `limit` tasks at once; the rest wait their turn, first come first served.
 * A burst then queues here, in order, rather than in the database pool, whose waiting times out.
 */
export function concurrencyLimit(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];

  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < limit) running += 1;
    // The finishing task hands its place straight to the next in line, so `running` never dips.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
