// The Store contract over PostgreSQL, plus what only a shared server can show: several workers
// (each its own pool) claiming, saving and migrating at once. Runs when NEWSDESK_TEST_POSTGRES_URL
// names a database (CI: postgres://postgres@127.0.0.1:5432/test); every store lives in a schema
// of its own, dropped after, so runs never collide.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { logger, setRootLogger } from '../../src/log/logger.js';
import { openStore } from '../../src/store/index.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { loadMigrations } from '../../src/store/postgres/migrate.js';
import type { Store } from '../../src/store/store.js';
import { parseSearch } from '../../src/search/query.js';
import { item, storeContract } from './contract.js';

const url = process.env.NEWSDESK_TEST_POSTGRES_URL;

if (!url) {
  test('PostgreSQL store', (t) => {
    t.skip('NEWSDESK_TEST_POSTGRES_URL is not set: PostgreSQL contract tests skipped');
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const schemas = new Set<string>();

  function newSchema(): string {
    const name = `newsdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    schemas.add(name);
    return name;
  }

  async function dropSchema(name: string): Promise<void> {
    await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    schemas.delete(name);
  }

  /** A fresh store in its own schema; closing it also drops the schema. */
  async function fresh(): Promise<Store> {
    const schema = newSchema();
    const store = await PostgresStore.open({ url: url!, schema, poolSize: 4 });
    return withDrop(store, schema);
  }

  function withDrop(store: Store, schema: string): Store {
    return {
      dialect: store.dialect,
      clock: store.clock,
      sources: store.sources,
      entries: store.entries,
      search: store.search,
      topics: store.topics,
      alerts: store.alerts,
      coordination: store.coordination,
      stories: store.stories,
      desk: store.desk,
      accounts: store.accounts,
      curation: store.curation,
      jobs: store.jobs,
      hosts: store.hosts,
      async close() {
        await store.close();
        await dropSchema(schema);
      },
    };
  }

  after(async () => {
    // Whatever a failed test left behind.
    for (const s of [...schemas]) await dropSchema(s).catch(() => {});
    await admin.end();
  });

  storeContract('postgres', fresh);

  describe('PostgreSQL: several workers on one database', () => {
    test('two stores (two pools) claiming due sources at once never get the same source', async () => {
      const schema = newSchema();
      const a = await PostgresStore.open({ url, schema, poolSize: 4 });
      const b = await PostgresStore.open({ url, schema, poolSize: 4 });
      try {
        const t0 = 1_000;
        for (let i = 0; i < 60; i++) await a.sources.add({ url: `https://w${i}.example/feed.xml` }, t0);
        const now = Date.now();
        // Many small claims in flight from both pools at once, until everything is leased.
        const claimed: { worker: string; id: number }[] = [];
        const work = async (store: PostgresStore, worker: string): Promise<void> => {
          for (;;) {
            const got = await Promise.all([0, 1, 2].map(() => store.sources.claimDue(now, 3, worker, 600_000)));
            const flat = got.flat();
            if (flat.length === 0) return;
            for (const s of flat) claimed.push({ worker, id: s.id });
          }
        };
        await Promise.all([work(a, 'a'), work(b, 'b')]);
        const ids = claimed.map((c) => c.id);
        assert.equal(ids.length, 60, 'every source handed out');
        assert.equal(new Set(ids).size, 60, 'no source handed out twice');
        assert.deepEqual(await b.sources.claimDue(now, 100, 'late', 600_000), []);
        // A finished check frees the source for whoever asks next.
        await a.sources.finishCheck(ids[0]!, { status: 'ok', nextCheckAt: now - 1 });
        assert.deepEqual(
          (await b.sources.claimDue(now, 100, 'b', 600_000)).map((s) => s.id),
          [ids[0]],
        );
      } finally {
        await a.close();
        await b.close();
        await dropSchema(schema);
      }
    });

    test('two workers claiming alert deliveries at once never get the same delivery', async () => {
      const schema = newSchema();
      const a = await PostgresStore.open({ url, schema, poolSize: 4 });
      const b = await PostgresStore.open({ url, schema, poolSize: 4 });
      try {
        const now = 1_800_000_000_000;
        const { source } = await a.sources.add({ url: 'https://alerts.example/feed.xml' });
        const entries = (
          await a.entries.saveBatch(
            source.id,
            Array.from({ length: 40 }, (_, i) => item(i)),
          )
        ).inserted;
        const rows = entries.map((e) => ({ topicId: 't', entryId: e.id, channel: 'webhook' as const, dueAt: now }));
        // Both workers enqueue the same alerts: the UNIQUE constraint keeps one of each.
        const [na, nb] = await Promise.all([a.alerts.enqueue(rows, now), b.alerts.enqueue(rows, now)]);
        assert.equal(na + nb, 40);
        const claimed: number[] = [];
        const work = async (store: PostgresStore, worker: string): Promise<void> => {
          for (;;) {
            const got = (await Promise.all([0, 1].map(() => store.alerts.claimDue(now, 2, worker, 60_000)))).flat();
            if (!got.length) return;
            claimed.push(...got.map((d) => d.id));
          }
        };
        await Promise.all([work(a, 'a'), work(b, 'b')]);
        assert.equal(claimed.length, 40);
        assert.equal(new Set(claimed).size, 40);
      } finally {
        await a.close();
        await b.close();
        await dropSchema(schema);
      }
    });

    test('two workers saving the same batch at once store each item once', async () => {
      const schema = newSchema();
      const a = await PostgresStore.open({ url, schema, poolSize: 4 });
      const b = await PostgresStore.open({ url, schema, poolSize: 4 });
      try {
        const { source } = await a.sources.add({ url: 'https://same.example/feed.xml' });
        const batch = Array.from({ length: 30 }, (_, i) => item(i));
        const [ra, rb] = await Promise.all([a.entries.saveBatch(source.id, batch), b.entries.saveBatch(source.id, batch)]);
        assert.equal(ra.inserted.length + rb.inserted.length, 30);
        assert.equal(ra.inserted.length + ra.unchanged + ra.updated, 30);
        assert.equal(await a.entries.count({ sourceId: source.id }), 30);
        // Overlapping batches in opposite orders can deadlock; the loser is retried, not failed.
        const more = Array.from({ length: 30 }, (_, i) => item(100 + i));
        const [rc, rd] = await Promise.all([a.entries.saveBatch(source.id, more), b.entries.saveBatch(source.id, [...more].reverse())]);
        assert.equal(rc.inserted.length + rd.inserted.length, 30);
        assert.equal(await b.entries.count({ sourceId: source.id }), 60);
      } finally {
        await a.close();
        await b.close();
        await dropSchema(schema);
      }
    });

    test('a batch that deadlocks with another writer is retried, not failed', async () => {
      const schema = newSchema();
      const store = await PostgresStore.open({ url, schema, poolSize: 4 });
      const other = await admin.connect();
      try {
        const { source } = await store.sources.add({ url: 'https://deadlock.example/feed.xml' });
        const insert = `INSERT INTO "${schema}".entries (source_id, dedupe_key, fingerprint, title, published_at, created_at)
          VALUES ($1, $2, $3, 'x', 1, 1)`;
        await other.query('BEGIN');
        // The other writer must not be the one PostgreSQL picks to abort.
        await other.query("SET LOCAL deadlock_timeout = '60s'");
        await other.query(insert, [source.id, 'key-2', 'other-fp-2']);
        const otherPid = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        const saving = store.entries.saveBatch(source.id, [item(1), item(2)]);
        // Wait (by state, not by time) until the batch holds key-1 and waits for key-2: a backend
        // blocked by the other writer's transaction, which only this test's batch can be (an INSERT
        // waiting anywhere in the database may be another suite's, when suites share it).
        for (let polls = 0; ; polls++) {
          assert.ok(polls < 50_000, 'the batch never waited for the other writer');
          const r = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND $1 = ANY(pg_blocking_pids(pid))`, [
            otherPid,
          ]);
          if (r.rowCount) break;
          await new Promise((resolve) => setImmediate(resolve));
        }
        // Now the other writer wants key-1: a deadlock, which the batch's side detects and loses.
        await other.query(insert, [source.id, 'key-1', 'other-fp-1']);
        await other.query('COMMIT');
        const res = await saving;
        // The retry finds the other writer's rows, committed or about to be (then as changed items).
        assert.equal(res.inserted.length, 0);
        assert.equal(res.updated + res.unchanged, 2);
        assert.equal(await store.entries.count({ sourceId: source.id }), 2);
      } finally {
        await other.query('ROLLBACK').catch(() => {});
        other.release();
        await store.close();
        await dropSchema(schema);
      }
    });

    test('several processes opening a new schema at once migrate it exactly once', async () => {
      const schema = newSchema();
      const stores = await Promise.all([0, 1, 2].map(() => PostgresStore.open({ url, schema, poolSize: 2 })));
      try {
        const rows = (await admin.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)).rows;
        const versions = (await loadMigrations()).map((m) => m.version);
        assert.ok(versions.length >= 5);
        assert.deepEqual(
          rows.map((r) => r.version),
          versions,
        );
        // Each store works on the one set of tables.
        await stores[0]!.sources.add({ url: 'https://m.example/feed.xml' });
        assert.equal((await stores[2]!.sources.list()).length, 1);
        // Reopening applies nothing new.
        const again = await PostgresStore.open({ url, schema, poolSize: 1 });
        await again.close();
        assert.equal((await admin.query(`SELECT 1 FROM "${schema}".schema_migrations`)).rowCount, versions.length);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
        await dropSchema(schema);
      }
    });

    test('openStore opens postgres:// URLs (schema from ?schema=) and keeps domain types', async () => {
      const schema = newSchema();
      const u = new URL(url);
      u.searchParams.set('schema', schema);
      const store = await openStore({ database: u.toString(), defaultIntervalSeconds: 600, extractMode: 'always' });
      try {
        assert.equal(store.dialect, 'postgres');
        const { source } = await store.sources.add({ url: 'https://t.example/feed.xml', settings: { selector: 'a.story' } }, 5_000);
        assert.equal(source.intervalSeconds, 600);
        assert.equal(source.extractMode, 'always');
        assert.equal(typeof source.id, 'number');
        assert.equal(source.nextCheckAt, 5_000);
        assert.deepEqual(source.settings, { selector: 'a.story' });
        await store.sources.setFeedMeta(source.id, { title: 'T\u0000itle', links: [] } as never);
        assert.equal(((await store.sources.getFeedMeta(source.id)) as unknown as { title: string }).title, 'Title');
        const [e] = (await store.entries.saveBatch(source.id, [item(1, { categories: ['a', 'b'], text: 'nul\u0000byte' })])).inserted;
        assert.equal(typeof e!.publishedAt, 'number');
        assert.deepEqual(e!.categories, ['a', 'b']);
        assert.equal(e!.text, 'nulbyte');
        assert.equal(await store.sources.nextDueAt(), 5_000);
        const rows = (
          await admin.query<{ table_name: string }>(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
            [schema],
          )
        ).rows.map((r) => r.table_name);
        assert.deepEqual(rows, [
          'alert_deliveries',
          'alert_log',
          'api_tokens',
          'audit_log',
          'curation_overrides',
          'desk_rejected_names',
          'desk_settings',
          'desk_source_settings',
          'desk_topics',
          'entries',
          'entry_history',
          'entry_language_counts',
          'entry_topics',
          'host_state',
          'jobs',
          'login_throttle',
          'schema_migrations',
          'sightings',
          'sources',
          'stories',
          'story_override_anchors',
          'story_recluster',
          'topics',
          'user_sessions',
          'users',
        ]);
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    });

    test('with unaccent installed, search also folds letters Unicode does not decompose (ø, ß)', async (t) => {
      const store = await fresh();
      try {
        const has = (await admin.query("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")).rowCount;
        if (!has) return t.skip('the unaccent extension is not installed in this database');
        const { source } = await store.sources.add({ url: 'https://u.example/feed.xml' });
        await store.entries.saveBatch(source.id, [item(1, { title: 'Søren Kierkegaard', text: 'Die Straße' })]);
        const hits = async (q: string) => (await store.search.search({ ast: parseSearch(q).ast, limit: 5 })).hits.length;
        assert.equal(await hits('soren'), 1);
        assert.equal(await hits('strasse'), 1);
        assert.equal(await hits('Søren'), 1);
      } finally {
        await store.close();
      }
    });

    test('an idle connection the server ends is logged, and the store carries on', { timeout: 30_000 }, async () => {
      // The default handler: a warning through the process logger, captured here.
      const lines: string[] = [];
      let heard: () => void = () => {};
      const logged = new Promise<void>((resolve) => {
        heard = resolve;
      });
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          if (chunk.toString().includes('PostgreSQL connection')) heard();
          done();
        },
      });
      const previous = logger();
      setRootLogger(pino({ level: 'info' }, sink));
      const schema = newSchema();
      const store = await PostgresStore.open({ url, schema, poolSize: 1 });
      try {
        const pid = (await store.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        // The connection is idle in the pool now; an administrator (or a server restart) ends it.
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await logged;
        const line = JSON.parse(lines.find((l) => l.includes('PostgreSQL connection'))!) as { level: number; err?: { message?: string } };
        assert.equal(line.level, 40, 'a warning');
        assert.match(line.err?.message ?? '', /terminat/i, 'the server’s reason is in the log');
        // The pool dropped the dead connection: the next query opens a new one.
        assert.deepEqual(await store.sources.list(), []);
      } finally {
        setRootLogger(previous);
        await store.close();
        await dropSchema(schema);
      }
    });

    test('an onError handler given by the composition root receives pool errors instead', { timeout: 30_000 }, async () => {
      const errors: Error[] = [];
      let heard: () => void = () => {};
      const got = new Promise<void>((resolve) => {
        heard = resolve;
      });
      const schema = newSchema();
      const store = await PostgresStore.open({
        url,
        schema,
        poolSize: 1,
        onError: (err) => {
          errors.push(err);
          heard();
        },
      });
      try {
        const pid = (await store.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await got;
        assert.equal(errors.length, 1);
        assert.equal((errors[0] as Error & { code?: string }).code, '57P01', 'admin_shutdown: the session was terminated');
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    });

    test('a bad schema name is refused with a clear message', async () => {
      await assert.rejects(PostgresStore.open({ url, schema: 'x; DROP TABLE y' }), /not a plain identifier/);
    });
  });
}
