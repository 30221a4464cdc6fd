// Generates the Prisma client (src/db/generated) after install.
// Prisma's CLI looks for a native schema engine even though `generate` never runs it; where that
// engine cannot be downloaded (offline hospitals, CI), pointing the variable at any existing file
// lets generation proceed. A real engine configured by the operator is left alone.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("prisma", ["generate"], { env, stdio: "inherit", shell: process.platform === "win32" });
process.exit(result.status ?? 1);
