// A PostgreSQL store for a plan or statement test: opened in a schema of its own, every statement
// it sends recorded, and the schema dropped afterwards whatever the test did. Shared by the tests
// that read the store's statements (postgres-row-reads, postgres-search-windows).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/index.js';

/** Runs `run` with a store in a new schema named from `prefix` and the statements it sent so far (`seen`). */
export async function withRecordedPostgres<T>(
  url: string,
  prefix: string,
  run: (store: PostgresStore, seen: string[], schema: string) => Promise<T>,
): Promise<T> {
  const schema = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const seen: string[] = [];
  const store = await PostgresStore.open({ url, schema, poolSize: 2, onQuery: (sql) => seen.push(sql) });
  try {
    return await run(store, seen, schema);
  } finally {
    await store.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await admin.end();
    }
  }
}

/** One node of a PostgreSQL plan (EXPLAIN (FORMAT JSON)), as far as the plan tests read it. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** A plan's nodes, the root first, then every child depth first. */
export const planNodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(planNodes)];
