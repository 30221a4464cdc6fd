import { describe, expect, it } from "vitest";
import { concurrencyLimit } from "../../../src/lib/concurrency-limit.ts";

describe("concurrencyLimit", () => {
  it("never runs more than the limit at once, and starts waiting tasks in the order they came", async () => {
    const run = concurrencyLimit(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = Array.from({ length: 5 }, (_, i) =>
      run(async () => {
        active += 1;
        peak = Math.max(peak, active);
        started.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        active -= 1;
        return i;
      }),
    );
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await settle();
    expect(started).toEqual([0, 1]);
    while (releases.length > 0) {
      releases.shift()!();
      await settle();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it("frees the place of a task that fails", async () => {
    const run = concurrencyLimit(1);
    await expect(run(async () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await run(async () => "next")).toBe("next");
  });
});
