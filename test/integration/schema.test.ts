import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { MIGRATIONS_DIR, migrate, readMigrations } from "../../src/db/migrate.ts";
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind, type TestDatabase } from "../support/databases.ts";

// Prisma's migrate engine cannot run on these machines, so migration SQL is written by hand. This
// suite proves the migrated database is exactly what prisma/schema.prisma describes.

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, unknown[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName?: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}

const schemaPath = new URL("../../prisma/schema.prisma", import.meta.url);
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", await readFile(schemaPath, "utf8")]] }))) as {
  datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] };
};
const models = dmmf.datamodel.models;
const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (model: DmmfModel, fieldName: string) => {
  const field = model.fields.find((candidate) => candidate.name === fieldName)!;
  return field.dbName ?? field.name;
};

function expectedUdt(field: DmmfField): string {
  // A scalar list is a Postgres array, whose udt_name is the element type's with a leading "_".
  if (field.isList) return `_${expectedUdt({ ...field, isList: false })}`;
  const native = field.nativeType?.[0];
  if (native === "Uuid") return "uuid";
  switch (field.type) {
    case "String":
      return "text";
    case "Int":
      return "int4";
    case "BigInt":
      return "int8";
    case "Boolean":
      return "bool";
    case "DateTime":
      return native === "Timestamptz" ? "timestamptz" : native === "Date" ? "date" : "timestamp";
    case "Json":
      return "jsonb";
    default:
      throw new Error(`unmapped Prisma type ${field.type}`);
  }
}

/** True when Prisma would put a DEFAULT in the DDL (uuid() and @updatedAt are filled in by the client). */
function hasDatabaseDefault(field: DmmfField): boolean {
  if (!field.hasDefaultValue) return false;
  const value = field.default as { name?: string } | undefined;
  return typeof value !== "object" || value === null || ["autoincrement", "now"].includes(value.name ?? "");
}

describe.each(DATABASE_KINDS)("migrations (%s)", (kind: DatabaseKind) => {
  const opened: { db: Database; test: TestDatabase }[] = [];
  async function freshDatabase() {
    const test = await createTestDatabase(kind);
    const db = await openDatabase({ databaseUrl: test.databaseUrl, dataDir: "memory://" });
    opened.push({ db, test });
    return { db, test };
  }
  afterEach(async () => {
    for (const { db, test } of opened.splice(0)) {
      await db.close().catch(() => {});
      await test.drop();
    }
  });

  const query = <T>(db: Database, sql: string) => db.withMigrationLock((session) => session.query<T>(sql));

  it("produce exactly the tables and columns of schema.prisma", async () => {
    const { db } = await freshDatabase();
    expect(await migrate(db)).toEqual((await readMigrations()).map((migration) => migration.name));

    const columns = await query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string; column_default: string | null }>(
      db,
      `SELECT table_name, column_name, udt_name, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
    );
    const expected = models.flatMap((model) =>
      model.fields
        .filter((field) => field.kind === "scalar" || field.kind === "enum")
        .map((field) => ({
          table_name: tableOf(model),
          column_name: field.dbName ?? field.name,
          udt_name: expectedUdt(field),
          // Prisma creates a scalar list column without NOT NULL (an empty list is stored as '{}').
          is_nullable: field.isRequired && !field.isList ? "NO" : "YES",
          has_default: hasDatabaseDefault(field),
        })),
    );
    const actual = columns.map(({ column_default, ...column }) => ({ ...column, has_default: column_default !== null }));
    const byKey = (row: { table_name: string; column_name: string }) => `${row.table_name}.${row.column_name}`;
    expect(actual.sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(expected.sort((a, b) => byKey(a).localeCompare(byKey(b))));
  });

  it("create every primary key, unique and secondary index", async () => {
    const { db } = await freshDatabase();
    await migrate(db);
    const indexes = await query<{ table_name: string; is_unique: boolean; is_primary: boolean; columns: string }>(
      db,
      `SELECT t.relname AS table_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
              string_agg(a.attname, ',' ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
       GROUP BY ix.indexrelid, t.relname, ix.indisunique, ix.indisprimary`,
    );
    const describeIndex = (table: string, kindOf: string, columns: string) => `${table}:${kindOf}:${columns}`;
    const actual = indexes.map((index) =>
      describeIndex(index.table_name, index.is_primary ? "id" : index.is_unique ? "unique" : "normal", index.columns),
    );
    const expected = dmmf.datamodel.indexes.map((index) => {
      const model = models.find((candidate) => candidate.name === index.model)!;
      return describeIndex(tableOf(model), index.type, index.fields.map((field) => columnOf(model, field.name)).join(","));
    });
    expect(actual.sort()).toEqual(expected.sort());
  });

  it("create every foreign key with its delete rule", async () => {
    const { db } = await freshDatabase();
    await migrate(db);
    const foreignKeys = await query<{ definition: string; table_name: string }>(
      db,
      `SELECT c.conrelid::regclass::text AS table_name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    const expected = models.flatMap((model) =>
      model.fields
        .filter((field) => field.relationFromFields && field.relationFromFields.length > 0)
        .map((field) => {
          const target = models.find((candidate) => candidate.name === field.type)!;
          const from = field.relationFromFields!.map((name) => columnOf(model, name)).join(", ");
          const to = field.relationToFields!.map((name) => columnOf(target, name)).join(", ");
          return `${tableOf(model)}: FOREIGN KEY (${from}) REFERENCES ${tableOf(target)}(${to}) ON UPDATE CASCADE ON DELETE ${(field.relationOnDelete ?? "Restrict").replace(/(?<=[a-z])(?=[A-Z])/g, " ").toUpperCase()}`;
        }),
    );
    expect(foreignKeys.map((fk) => `${fk.table_name}: ${fk.definition}`).sort()).toEqual(expected.sort());
  });

  it("record each migration as Prisma does and apply nothing twice", async () => {
    const { db } = await freshDatabase();
    await migrate(db);
    expect(await migrate(db)).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      db,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`,
    );
    const files = await readMigrations();
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(files.map((file) => [file.name, file.checksum]));
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("refuse to start over a migration edited after it was applied", async () => {
    const { db } = await freshDatabase();
    await migrate(db);
    const dir = await mkdtemp(join(tmpdir(), "migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const [first] = await readMigrations(dir);
    await writeFile(join(dir, first!.name, "migration.sql"), `${first!.sql}\n-- edited`);
    await expect(migrate(db, dir)).rejects.toThrow(/was edited after it was applied/);
  });

  it("keep the audit trail append-only", async () => {
    const { db } = await freshDatabase();
    await migrate(db);
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO cases (id, number, year, sequence, intake_key, type, classification_rule, category, department, severity,
         received_via, received_at, description, desired_outcome, resolved_on_spot, written_response_requested,
         medicare_beneficiary, alleges_harm, filed_by, updated_at)
       VALUES ('00000000-0000-4000-8000-000000000001', 'PR-2026-0001', 2026, 1, 'k', 'complaint', 'r', 'c', 'd', 1,
         'phone', now(), 'x', '', false, false, false, false, 'U1', now())`,
    );
    await db.prisma.caseEvent.create({ data: { caseId: "00000000-0000-4000-8000-000000000001", type: "created", actorId: "U1" } });
    await expect(db.prisma.caseEvent.updateMany({ data: { type: "tampered" } })).rejects.toThrow();
    await expect(db.prisma.caseEvent.deleteMany({})).rejects.toThrow();
    expect(await db.prisma.caseEvent.count({ where: { type: "created" } })).toBe(1);
  });

  if (kind === "postgres") {
    it("migrate once when several instances start together", async () => {
      const { test } = await freshDatabase();
      const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: test.databaseUrl, dataDir: "" })));
      try {
        const results = await Promise.all(instances.map((instance) => migrate(instance)));
        expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
      }
    });
  }
});
