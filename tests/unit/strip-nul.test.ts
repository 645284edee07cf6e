import { Kysely, sql, SqliteDialect } from "kysely";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { holdsNul } from "#db/client.server";

type Db = { t: { id: number; name: string } };
const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: new SQLite(":memory:") }) });
const NUL = String.fromCharCode(0);

describe("finding U+0000 in a query before it is copied without it", () => {
  it("finds it in a compared value, a list of values, inserted and updated values and raw parameters", () => {
    expect(holdsNul(db.selectFrom("t").select("id").where("name", "=", `a${NUL}`).toOperationNode())).toBe(true);
    expect(holdsNul(db.selectFrom("t").select("id").where("name", "in", ["a", `b${NUL}`]).toOperationNode())).toBe(true);
    expect(holdsNul(db.insertInto("t").values({ id: 1, name: `${NUL}x` }).toOperationNode())).toBe(true);
    expect(holdsNul(db.updateTable("t").set({ name: `x${NUL}` }).where("id", "=", 1).toOperationNode())).toBe(true);
    expect(holdsNul(db.selectFrom("t").select("id").where(sql<boolean>`name like ${`%${NUL}%`}`).toOperationNode())).toBe(true);
    expect(holdsNul(db.selectFrom("t").select("id").where("id", "in", (eb) => eb.selectFrom("t").select("id").where("name", "=", NUL)).toOperationNode())).toBe(true);
  });

  it("finds nothing in queries without it (names, numbers, dates, text with other control characters)", () => {
    expect(holdsNul(db.selectFrom("t").select(["id", "name"]).where("name", "=", "a\u0001b").where("id", "in", [1, 2]).orderBy("id").limit(25).toOperationNode())).toBe(false);
    expect(holdsNul(db.insertInto("t").values({ id: 1, name: "Straße" }).toOperationNode())).toBe(false);
    expect(holdsNul(db.selectFrom("t").select("id").where(sql<boolean>`name > ${new Date(0).toISOString()}`).toOperationNode())).toBe(false);
  });
});
