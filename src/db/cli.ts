import { loadDatabaseSettings } from "../config/env.ts";
import { AppError } from "../lib/errors.ts";
import { backupEmbedded, moveToPostgres, postgresBackupAdvice, restoreEmbedded } from "./maintenance.ts";

// npm run db:backup [-- file], db:restore -- file, db:move-to-postgres -- postgres://…
// One line per step on stdout; an expected problem is one sentence on stderr and exit code 1.

const USAGE = [
  "Usage:",
  "  npm run db:backup [-- backup-file.tar.gz]       back up the embedded database (bot stopped)",
  "  npm run db:restore -- backup-file.tar.gz        restore it into an empty DATA_DIR",
  "  npm run db:move-to-postgres -- postgres://…     copy the embedded database into a new, empty PostgreSQL database",
].join("\n");

function defaultBackupName(now: Date): string {
  return `patient-relations-${now.toISOString().slice(0, 19).replaceAll(":", "").replace("T", "-")}.tar.gz`;
}

async function main(): Promise<void> {
  const [command, argument] = process.argv.slice(2);
  const settings = loadDatabaseSettings();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  switch (command) {
    case "backup":
      if (settings.DATABASE_URL) throw new AppError("config", postgresBackupAdvice("backup"));
      return backupEmbedded(settings.DATA_DIR, argument ?? defaultBackupName(new Date()), say);
    case "restore":
      if (settings.DATABASE_URL) throw new AppError("config", postgresBackupAdvice("restore"));
      if (!argument) throw new AppError("config", `Name the backup file to restore.\n${USAGE}`);
      return restoreEmbedded(settings.DATA_DIR, argument, say);
    case "move-to-postgres":
      if (!argument) throw new AppError("config", `Name the target PostgreSQL database.\n${USAGE}`);
      await moveToPostgres(settings.DATA_DIR, argument, say);
      return;
    default:
      throw new AppError("config", USAGE);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof AppError) process.stderr.write(`${error.userMessage}\n`);
    else process.stderr.write(`Failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    process.exit(1);
  },
);
