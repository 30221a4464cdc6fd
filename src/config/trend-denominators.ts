import { readFileSync } from "node:fs";
import { parseDenominators, type TrendDenominators } from "../digests/denominators.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Env } from "./env.ts";

// TREND_DENOMINATORS_FILE, read once at start-up: a bad file stops the bot with every problem
// named, rather than a Monday digest that quietly charts counts instead of rates.

/** The denominators in `path`, or an AppError naming the file, the setting and each bad line. */
export function loadTrendDenominators(path: string, timeZone: string): TrendDenominators {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new AppError(ErrorCode.config, `Cannot read the trend denominators file ${path}. Check TREND_DENOMINATORS_FILE, or leave it empty to chart counts.`);
  }
  const parsed = parseDenominators(text, timeZone);
  if (!parsed.ok) {
    throw new AppError(ErrorCode.config, `The trend denominators file ${path} (TREND_DENOMINATORS_FILE) has problems:\n• ${parsed.errors.join("\n• ")}`);
  }
  return parsed.denominators;
}

/** The configured denominators, or undefined (counts are charted) when TREND_DENOMINATORS_FILE is empty. */
export function trendDenominatorsFrom(env: Pick<Env, "TREND_DENOMINATORS_FILE" | "TZ">): TrendDenominators | undefined {
  return env.TREND_DENOMINATORS_FILE ? loadTrendDenominators(env.TREND_DENOMINATORS_FILE, env.TZ) : undefined;
}
