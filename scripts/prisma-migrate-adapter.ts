// Driver-adapter factory for the Prisma CLI (engine "js"); imported only by prisma.config.ts.
// Works around @prisma/adapter-pg@6.19.3 limitations hit by the wasm schema engine:
//  1. catalog columns of type `name` (OID 19) and `"char"` (OID 18) throw UnsupportedNativeDataType.
//     `name` must be reported as Text; `"char"` (pg_constraint.contype etc.) must be reported as
//     Character - mapping it to Text makes the engine panic ("RuntimeError: unreachable") as soon
//     as the database has constraints (e.g. `migrate dev` replaying migrations into the shadow DB).
//  2. the stock connectToShadowDb() reuses the main connection string
//     -> create/drop our own prisma_shadow_<ts> database.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const OID_CHAR = 18;
const OID_NAME = 19;
const OID_TEXT = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils@6.19

type Field = { dataTypeID: number };
type Queryable = {
  performIO(q: unknown): Promise<{ fields: Field[] }>;
  queryRaw(q: unknown): Promise<{ columnTypes: number[] }>;
};

// Patch PgQueryable.prototype.queryRaw (shared by the adapter and its transactions) once.
function patchQueryRaw(adapter: object) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable & { __catalogPatch?: true };
  if (proto.__catalogPatch) return;
  const original = proto.queryRaw;
  proto.queryRaw = async function (this: Queryable, query: unknown) {
    const charCols: number[] = [];
    const shim = Object.create(this) as Queryable;
    shim.performIO = async (q) => {
      const res = await this.performIO(q);
      res.fields.forEach((f, i) => {
        if (f.dataTypeID === OID_CHAR) charCols.push(i);
        if (f.dataTypeID === OID_CHAR || f.dataTypeID === OID_NAME) f.dataTypeID = OID_TEXT;
      });
      return res;
    };
    const out = await original.call(shim, query);
    for (const i of charCols) out.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return out;
  };
  proto.__catalogPatch = true;
}

function patchedFactory(connectionString: string) {
  // allowExitOnIdle: idle pooled connections must not keep the CLI process alive.
  const factory = new PrismaPg({ connectionString, allowExitOnIdle: true });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patchQueryRaw(adapter);
    return adapter;
  };
  return factory;
}

export function createMigrateAdapterFactory(connectionString: string) {
  const factory = patchedFactory(connectionString);
  factory.connectToShadowDb = async () => {
    const name = `prisma_shadow_${Date.now()}`;
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(connectionString);
    url.pathname = `/${name}`;
    const adapter = await patchedFactory(url.toString()).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose(); // ends the shadow pool
      const c = new pg.Client({ connectionString });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
    return adapter;
  };
  return factory;
}
