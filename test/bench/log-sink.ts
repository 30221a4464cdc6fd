import { Writable } from "node:stream";

// A log destination that keeps the app's logging cost (pino still serializes every line) but,
// instead of printing, counts lines by level and keeps the first few warnings and errors.

export interface LogTally {
  lines: number;
  warnings: number;
  errors: number;
  samples: string[];
}

export function countingLogSink(): { sink: Writable; tally: LogTally } {
  const tally: LogTally = { lines: 0, warnings: 0, errors: 0, samples: [] };
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) {
        if (!line) continue;
        tally.lines += 1;
        const level = /"level":(\d+)/.exec(line)?.[1];
        if (level === "40") tally.warnings += 1;
        if (level !== undefined && Number(level) >= 50) tally.errors += 1;
        if (level !== undefined && Number(level) >= 40 && tally.samples.length < 3) tally.samples.push(line.slice(0, 400));
      }
      done();
    },
  });
  return { sink, tally };
}
