import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { AppError, ErrorCode } from "../lib/errors.ts";

// One process owns an embedded database folder: PGlite has no server to arbitrate between two
// processes, and two writers on one folder lose and duplicate cases. The lock is a file in the
// folder (so it travels with a shared volume), created atomically with O_EXCL ("wx"). It names
// its holder (pid, host, boot and process start time on Linux) so that a lock left by a crash is
// recognised and taken over, and a live one is refused with a sentence that says who holds it.

export const LOCK_FILE = "patient-relations.lock";
const GUARD_SUFFIX = ".takeover";
/** A lock file nobody could read (its writer was killed between creating and writing it) is stale after this long. */
const UNREADABLE_STALE_MS = 5_000;
/** Folders this process holds: its own pid in a lock file is otherwise taken for a previous run's. */
const heldHere = new Set<string>();

interface Holder {
  pid: number;
  host: string;
  /** Linux: /proc/sys/kernel/random/boot_id, so a lock from before a reboot is known to be stale. */
  bootId?: string | undefined;
  /** Linux: the process's start time in clock ticks since boot, so a reused pid is not taken for the holder. */
  startTicks?: string | undefined;
  startedAt: string;
  token: string;
}

export interface DataDirLock {
  /** Writes this process's claim again (a restore from a dump brings the dumped lock file back). */
  reclaim(): void;
  /** Removes the lock if it is still this process's. */
  release(): void;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat (after the parenthesised command name, which may hold spaces). */
function startTicksOf(pid: number): string | undefined {
  const stat = readOptional(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

function me(): Holder {
  return {
    pid: process.pid,
    host: hostname(),
    bootId: readOptional("/proc/sys/kernel/random/boot_id"),
    startTicks: startTicksOf(process.pid),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
}

function parseHolder(text: string | undefined): Holder | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    return typeof value.pid === "number" && typeof value.host === "string" && typeof value.token === "string" ? (value as Holder) : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether `holder` is certainly gone: it ran on this host and its process is not running (or the
 * machine rebooted since, or its pid now belongs to another process). A holder on another host
 * cannot be checked from here, so it is never taken for stale.
 */
export function isStale(holder: Holder, self: Holder = me()): boolean {
  if (holder.host !== self.host) return false;
  if (holder.bootId && self.bootId && holder.bootId !== self.bootId) return true;
  // Our own pid in the file is a previous run of this container or service, not us: we have not locked yet.
  if (holder.pid === self.pid) return true;
  if (!isAlive(holder.pid)) return true;
  return Boolean(holder.startTicks && holder.bootId === self.bootId && startTicksOf(holder.pid) !== holder.startTicks);
}

function heldBy(holder: Holder | null, dataDir: string): AppError {
  const who = holder ? `process ${holder.pid} on ${holder.host} (since ${holder.startedAt})` : "another process (its lock file is unreadable)";
  return new AppError(
    ErrorCode.config,
    `The embedded database in ${dataDir} is in use by ${who}: only one process may open an embedded database, so stop that one first, or run several instances on PostgreSQL (set DATABASE_URL).` +
      (holder && holder.host !== hostname() ? ` If that process is no longer running, delete ${join(dataDir, LOCK_FILE)}.` : ""),
  );
}

function createExclusive(path: string, holder: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeIf(path: string, token: string): void {
  if (parseHolder(readOptional(path))?.token === token) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}

/**
 * Locks `dataDir` for this process, creating the folder if needed. A live holder is refused with an
 * AppError naming it; a stale lock (its process is gone from this host) is taken over. Takeovers
 * are serialised by a second exclusive file, and the stale lock is removed only while holding it
 * and only if it is still the very lock found stale (its token), so two processes starting
 * together after a crash cannot both win.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = resolve(dataDir, LOCK_FILE);
  if (heldHere.has(path)) throw heldBy(parseHolder(readOptional(path)), dataDir);
  const guard = path + GUARD_SUFFIX;
  const self = me();
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (createExclusive(path, self)) return lockHandle(path, self);
    const found = readOptional(path);
    if (found === undefined) continue; // released meanwhile: try again
    const holder = parseHolder(found);
    if (holder ? !isStale(holder, self) : !unreadableAndOld(path)) throw heldBy(holder, dataDir);
    if (!createExclusive(guard, self)) {
      const guardHolder = parseHolder(readOptional(guard));
      if (guardHolder && isStale(guardHolder, self)) removeIf(guard, guardHolder.token);
      // Someone else is taking over right now: look again in a moment.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      continue;
    }
    try {
      // Still the very lock found stale (same bytes): nobody has taken it over meanwhile.
      if (readOptional(path) === found) unlinkSync(path);
      if (createExclusive(path, self)) return lockHandle(path, self);
    } finally {
      removeIf(guard, self.token);
    }
  }
  throw heldBy(parseHolder(readOptional(path)), dataDir);
}

function unreadableAndOld(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > UNREADABLE_STALE_MS;
  } catch {
    return false;
  }
}

function lockHandle(path: string, self: Holder): DataDirLock {
  let released = false;
  heldHere.add(path);
  const onExit = () => removeIf(path, self.token);
  // A process that exits without a graceful stop (an uncaught error, process.exit) still lets go.
  process.once("exit", onExit);
  return {
    reclaim() {
      if (!released) writeFileAtomically(path, self);
    },
    release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      process.off("exit", onExit);
      removeIf(path, self.token);
    },
  };
}

function writeFileAtomically(path: string, holder: Holder): void {
  try {
    unlinkSync(path);
  } catch {
    // not there
  }
  createExclusive(path, holder);
}
