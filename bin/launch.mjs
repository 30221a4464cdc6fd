// Starts the bot (`npm start`) or one of its commands (`node bin/launch.mjs src/db/cli.ts backup`).
//
// The app is TypeScript that Node runs directly, which older Node versions cannot do: they fail
// with ERR_UNKNOWN_FILE_EXTENSION and a stack trace. This file is plain JavaScript that Node 14 and
// later can parse (no top-level await, no newer syntax), so it can check the version first and say
// in one sentence what is needed. The version needed is read from package.json's `engines`, the one
// place it is written. Only then does it load `.env` (as `--env-file-if-exists=.env` would: values
// already in the environment win) and import the TypeScript entry point.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEFAULT_ENTRY = "src/main.ts";

/** The minimum version in an `engines.node` range of the form ">=22.18" (or ">=22.18.0"), as [major, minor, patch]. */
export function minimumNodeVersion(range) {
  const match = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(String(range));
  if (!match) throw new Error(`package.json engines.node must read ">=MAJOR.MINOR", not ${JSON.stringify(range)}`);
  return [Number(match[1]), Number(match[2] || 0), Number(match[3] || 0)];
}

/** How `minimum` is written for people: "22.18" (a zero patch left out). */
function written(minimum) {
  return minimum[2] === 0 ? `${minimum[0]}.${minimum[1]}` : minimum.join(".");
}

/**
 * The sentence to stop with when Node `found` (e.g. "20.20.2", as in process.versions.node) is
 * older than the `engines.node` range, or null when it is recent enough.
 */
export function nodeVersionProblem(found, range) {
  const minimum = minimumNodeVersion(range);
  const parts = String(found).replace(/^v/, "").split(".").map(Number);
  for (let i = 0; i < 3; i += 1) {
    const part = parts[i] || 0;
    if (part > minimum[i]) return null;
    if (part < minimum[i]) {
      return (
        `Patient Relations needs Node.js ${written(minimum)} or newer (Node 24 LTS recommended) but this is Node.js ${found}: ` +
        "install Node 24 from https://nodejs.org/ or with `nvm install` (it reads .nvmrc), then run `npm ci` and `npm start` again."
      );
    }
  }
  return null;
}

function requiredRange() {
  const manifest = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
  return manifest.engines && manifest.engines.node;
}

function launch() {
  const problem = nodeVersionProblem(process.versions.node, requiredRange());
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
  const envFile = resolve(process.cwd(), ".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);

  // The entry point sees the arguments after its own path, as if Node had been started on it.
  const args = process.argv.slice(2);
  const entry = args[0] && /\.ts$/.test(args[0]) ? args.shift() : DEFAULT_ENTRY;
  const entryPath = resolve(ROOT, entry);
  process.argv = [process.argv[0], entryPath, ...args];
  import(pathToFileURL(entryPath).href).catch((error) => {
    const missing = error && error.code === "ERR_MODULE_NOT_FOUND";
    process.stderr.write(
      missing
        ? `The bot could not start: ${error.message}. Run \`npm ci\` first (it also generates the database client).\n`
        : `The bot could not start: ${error && error.stack ? error.stack : error}\n`,
    );
    process.exit(1);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) launch();
