import { setFlagsFromString } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, Transaction } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { PgliteCall, PgliteReply } from "./pglite-thread.ts";

// The embedded database's own thread. PGlite runs PostgreSQL compiled to WebAssembly, and every
// statement runs synchronously on the thread that owns it: here, so that the app's event loop
// keeps answering Slack while a statement runs. The Prisma adapter lives here too; the app's
// side only forwards its calls (plain data) and gets plain data back.

const { dataDir } = workerData as { dataDir: string };
const port = parentPort!;

// PostgreSQL's server defaults size shared memory for a machine of its own: 128 MB of shared
// buffers, all touched when PGlite starts, and kept in the WebAssembly heap, which never shrinks.
// One process is the database's only user here, and the folder's files sit in the OS page cache
// behind it, so 8 MB of buffers hold a hospital's working set (cases filed per second were the
// same with 8 and 16 MB in the bench); maintenance (VACUUM, CREATE INDEX) gets 16 MB instead of 64.
const PGLITE_SETTINGS = ["shared_buffers=8MB", "maintenance_work_mem=16MB"];

// V8 runs WebAssembly first as baseline code (Liftoff) and recompiles a function with its
// optimising compiler (TurboFan) once that function has done a budget of work. Opening a database
// spends that budget in enough of PostgreSQL's functions to keep about 60 MiB of optimised code
// for the life of the process, for statements 10-15% faster (bench: cases filed per second on
// PGlite). Memory is the scarcer of the two for a bot that files a few hundred cases a day, so
// PGlite is instantiated with about 150 times V8's budget: only a function that keeps the database
// busy for a long time is ever recompiled. The flag is the process's, and each instance takes its
// budgets from it when instantiated, so it is put back at once: the Prisma query compiler's
// WebAssembly on the app's thread, instantiated later, keeps the default (with the flag left
// raised, the bench's escalation digest took 1.8 times its raw SQL).
/** V8's own default in Node 24. */
const V8_WASM_TIERING_BUDGET = 13_000_000;
const PGLITE_WASM_TIERING_BUDGET = 2_000_000_000;

setFlagsFromString(`--wasm-tiering-budget=${PGLITE_WASM_TIERING_BUDGET}`);
const pglite = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ["-c", setting])] }).finally(() =>
  setFlagsFromString(`--wasm-tiering-budget=${V8_WASM_TIERING_BUDGET}`),
);
const adapter: SqlDriverAdapter = await new PrismaPGlite(pglite).connect();
const transactions = new Map<number, Transaction>();
let lastTransaction = 0;

function transaction(id: number): Transaction {
  const open = transactions.get(id);
  if (!open) throw new Error(`no open transaction ${id}`);
  return open;
}

async function answer(call: PgliteCall): Promise<unknown> {
  switch (call.method) {
    case "queryRaw":
      return (call.transaction ? transaction(call.transaction) : adapter).queryRaw(call.query);
    case "executeRaw":
      return (call.transaction ? transaction(call.transaction) : adapter).executeRaw(call.query);
    case "executeScript":
      return adapter.executeScript(call.script);
    case "startTransaction": {
      const started = await adapter.startTransaction(call.isolationLevel);
      lastTransaction += 1;
      transactions.set(lastTransaction, started);
      return { id: lastTransaction, options: started.options };
    }
    case "commit":
    case "rollback": {
      const open = transaction(call.transaction);
      transactions.delete(call.transaction);
      return call.method === "commit" ? open.commit() : open.rollback();
    }
    case "exec":
      await pglite.exec(call.sql);
      return null;
    case "query":
      return (await pglite.query(call.sql, call.params)).rows;
    case "close":
      await pglite.close();
      return null;
  }
}

/** Errors cross as data: Prisma recognises a driver error by its name and the `cause` it carries. */
function asData(error: unknown): Extract<PgliteReply, { error: unknown }>["error"] {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const cause = (error as { cause?: unknown }).cause;
  return { name: error.name, message: error.message, ...(cause && typeof cause === "object" ? { cause: { ...cause } } : {}) };
}

port.on("message", (message: { id: number; call: PgliteCall }) => {
  answer(message.call).then(
    (result) => port.postMessage({ id: message.id, result } satisfies PgliteReply),
    (error: unknown) => port.postMessage({ id: message.id, error: asData(error) } satisfies PgliteReply),
  );
});
port.postMessage({ ready: true });
