import { Worker } from "node:worker_threads";
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet, Transaction, TransactionOptions } from "@prisma/driver-adapter-utils";

// The app's side of the embedded database's thread (pglite-worker.ts): a Prisma driver adapter and
// a raw session whose every call is a message to that thread and a reply from it.

export type PgliteCall =
  | { method: "queryRaw" | "executeRaw"; query: SqlQuery; transaction?: number }
  | { method: "executeScript"; script: string }
  | { method: "startTransaction"; isolationLevel?: IsolationLevel }
  | { method: "commit" | "rollback"; transaction: number }
  | { method: "exec"; sql: string }
  | { method: "query"; sql: string; params?: unknown[] }
  | { method: "close" };

export type PgliteReply = { id: number; result: unknown } | { id: number; error: { name: string; message: string; cause?: object } };

const ADAPTER = { provider: "postgres", adapterName: "pglite-thread" } as const;

// The thread's JavaScript only passes statements and rows along: its short-lived objects fit a
// small young generation, where V8's default for a new isolate keeps several MiB more resident.
const WORKER_YOUNG_GENERATION_MB = 4;

export interface PgliteThread {
  adapter: SqlDriverAdapterFactory;
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Starts PGlite on its own thread over `dataDir`; rejects with PGlite's own error if it cannot open. */
export async function startPgliteThread(dataDir: string): Promise<PgliteThread> {
  const worker = new Worker(new URL("./pglite-worker.ts", import.meta.url), { workerData: { dataDir }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let lastId = 0;
  let stopped: Error | null = null;

  // Anything still waiting when the thread dies gets an error instead of waiting forever.
  const failAll = (error: Error) => {
    stopped = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    const onExit = (code: number) => reject(new Error(`the embedded database thread stopped while opening (exit code ${code})`));
    worker.once("error", onError);
    worker.once("exit", onExit);
    worker.once("message", () => {
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve();
    });
  });
  worker.on("message", (reply: PgliteReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiting) return;
    if ("error" in reply) waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
    else waiting.resolve(reply.result);
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`the embedded database thread stopped (exit code ${code})`)));

  function call<T>(message: PgliteCall): Promise<T> {
    if (stopped) return Promise.reject(stopped);
    lastId += 1;
    const id = lastId;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, call: message });
    });
  }

  const queryable = (transaction?: number) => ({
    ...ADAPTER,
    queryRaw: (query: SqlQuery) => call<SqlResultSet>({ method: "queryRaw", query, transaction }),
    executeRaw: (query: SqlQuery) => call<number>({ method: "executeRaw", query, transaction }),
  });

  const adapter: SqlDriverAdapter = {
    ...queryable(),
    executeScript: (script) => call<void>({ method: "executeScript", script }),
    async startTransaction(isolationLevel): Promise<Transaction> {
      const { id, options } = await call<{ id: number; options: TransactionOptions }>({ method: "startTransaction", isolationLevel });
      return {
        ...queryable(id),
        options,
        commit: () => call<void>({ method: "commit", transaction: id }),
        rollback: () => call<void>({ method: "rollback", transaction: id }),
      };
    },
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };

  return {
    adapter: { ...ADAPTER, connect: async () => adapter },
    exec: (sql) => call<void>({ method: "exec", sql }),
    query: <T>(sql: string, params?: unknown[]) => call<T[]>({ method: "query", sql, params }),
    async close() {
      if (!stopped) await call<void>({ method: "close" }).catch(() => {});
      await worker.terminate();
    },
  };
}
