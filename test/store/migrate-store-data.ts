// A store with something of every kind in it, for the migrate-store tests: sources with feed
// metadata and previous addresses, entries (full text, tombstones, non-Latin text, a NUL), topic
// definitions and tags, alert deliveries and their log — written through the Store API, as the
// application writes them — plus two tables no migration makes, to show the copy is generic.
import type BetterSqlite3 from 'better-sqlite3';
import type { NewEntry } from '../../src/domain/entry.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { textEntry } from '../helpers/entries.js';

export interface Populated {
  entries: number;
  tombstones: number;
  sourceIds: number[];
  /** The id of one live entry and a word in its title (for a search after the move). */
  searchable: { id: number; word: string };
}

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export async function populate(store: SqliteStore, entriesPerSource = 40): Promise<Populated> {
  const sourceIds: number[] = [];
  let entries = 0;
  const urls = ['https://news.example/feed.xml', 'https://بی‌بی‌سی.example/rss', 'https://blog.example/atom'];
  for (const [si, url] of urls.entries()) {
    const { source } = await store.sources.add({ url, title: `Source ${si} «${url}»` }, T0);
    sourceIds.push(source.id);
    const items: NewEntry[] = [];
    for (let i = 0; i < entriesPerSource; i++) {
      const title = i % 7 === 0 ? `تظاهرات در تهران ${i}` : `Harbour strike day ${i} — café owners say “no”`;
      items.push(
        textEntry(
          { dedupeKey: `s${si}-${i}`, fingerprint: `fp-${si}-${i}`, url: `${url.replace(/\/[^/]*$/, '')}/story/${i}` },
          i === 3 ? `Title with a NUL\u0000 inside ${i}` : title,
          `Body ${i} of source ${si}. ${'Lorem ipsum dolor sit amet. '.repeat(1 + (i % 5))}`,
          T0 + i * 60_000 + si,
          {
            categories: i % 2 ? ['world', `tag-${i}`] : [],
            author: i % 3 ? `Reporter ${i}` : null,
            lang: i % 7 === 0 ? 'fa' : 'en',
            dir: i % 7 === 0 ? 'rtl' : 'ltr',
          },
        ),
      );
    }
    const saved = await store.entries.saveBatch(source.id, items, T0 + 1000);
    entries += saved.inserted.length;
    await store.sources.setFeedMeta(source.id, {
      title: `Feed ${si}`,
      language: si === 1 ? 'fa' : 'en',
      links: [{ href: url, rel: 'self', type: 'application/rss+xml' }],
      authors: [{ name: 'Desk', email: 'desk@news.example' }],
    });
    await store.sources.update(source.id, { status: 'ok', etag: `"e${si}"`, lastModified: 'Mon, 05 Jan 2026 09:00:00 GMT' });
    const first = saved.inserted[0]!;
    await store.entries.setFullText(first.id, {
      fullHtml: `<article><p>Full text ${si}</p></article>`,
      text: `Full text ${si}`,
      extractStatus: 'done',
      leadImage: 'https://img.example/1.jpg',
    });
  }
  // Redirected source: an address history, as the fetcher records a permanent redirect.
  store.db
    .prepare('UPDATE sources SET previous_urls = ? WHERE id = ?')
    .run(JSON.stringify([{ url: 'http://old.example/feed', movedAt: T0 - 86_400_000 }]), sourceIds[2]);

  const all = (await store.entries.scan(0, 100_000)).map((e) => e.id);
  await store.entries.remove(all[5]!);
  await store.entries.remove(all[entriesPerSource + 6]!);

  await store.topics.saveDefinition(
    { id: 'strikes', definition: { name: 'Strikes', aliases: ['strike', 'walkout'], alerts: { webhook: 'https://hook.example/x' } } },
    T0,
  );
  await store.topics.saveDefinition({ id: 'tehran', definition: { name: 'Tehran', aliases: ['تهران'] } }, T0);
  for (const id of all.slice(10, 30)) {
    await store.topics.setEntryTopics(
      id,
      T0,
      [{ topicId: 'strikes', matches: [{ field: 'title', start: 8, end: 14, text: 'strike', alias: 'strike', reason: 'exact' }] }],
      T0 + 5,
    );
  }
  await store.topics.setEntryTopics(
    all[0]!,
    T0,
    [{ topicId: 'tehran', matches: [{ field: 'title', start: 11, end: 16, text: 'تهران', alias: 'تهران' }] }],
    T0 + 5,
  );

  await store.alerts.enqueue(
    all.slice(10, 16).map((entryId) => ({ topicId: 'strikes', entryId, channel: 'webhook' as const, dueAt: T0 })),
    T0,
  );
  const claimed = await store.alerts.claimDue(T0 + 10, 3, 'worker-1', 60_000, 'webhook');
  await store.alerts.settle(
    {
      ids: claimed.map((d) => d.id),
      attempt: {
        topicId: 'strikes',
        channel: 'webhook',
        deliveryIds: claimed.map((d) => d.id),
        ok: true,
        target: 'https://hook.example/x',
        statusCode: 204,
        error: null,
        durationMs: 42,
      },
    },
    T0 + 20,
  );

  // Accounts: a disabled user (a boolean that must stay true), a revoked session, a used token, a lock.
  const editor = await store.accounts.createUser(
    { name: 'Zoë', passwordHash: 'scrypt$N=2,r=1,p=1$AA==$AA==', role: 'editor', lang: 'fa' },
    { now: T0 },
  );
  await store.accounts.updateUser(editor!.id, { disabled: true });
  await store.accounts.createSession({ id: 'a'.repeat(64), userId: editor!.id, csrf: 'c', createdAt: T0, expiresAt: T0 + 86_400_000 });
  await store.accounts.revokeSession('a'.repeat(64), T0 + 1);
  const token = await store.accounts.createToken({ userId: editor!.id, name: 'feeds', hash: 'b'.repeat(64), scope: 'read' }, T0);
  await store.accounts.touchToken(token.id, T0 + 2, 60_000);
  await store.accounts.recordFailure('account:zoë', { windowMs: 60_000, limit: 1, lockMs: 60_000 }, T0);

  addExtraTables(store.db);
  return { entries, tombstones: 2, sourceIds, searchable: { id: all[1]!, word: 'harbour' } };
}

/** Tables another branch might add: booleans, bytes, times, JSON, a real, and a table without a key. */
export function addExtraTables(db: BetterSqlite3.Database): void {
  db.exec(`
    CREATE TABLE sightings_extra (id INTEGER PRIMARY KEY, story TEXT NOT NULL, payload BLOB, seen BOOLEAN NOT NULL,
      seen_at INTEGER, score REAL, meta TEXT);
    CREATE TABLE notes_nokey (body TEXT, n INTEGER);
  `);
  const ins = db.prepare('INSERT INTO sightings_extra (id, story, payload, seen, seen_at, score, meta) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let i = 1; i <= 30; i++) {
    ins.run(
      i * 3,
      `story-${i}`,
      i % 4 ? Buffer.from([0, i, 255, 10]) : null,
      i % 2,
      T0 + i * 1000,
      i / 7,
      i % 5 ? JSON.stringify({ z: i, a: [1, 'x'], nested: { b: true, a: null } }) : null,
    );
  }
  const note = db.prepare('INSERT INTO notes_nokey (body, n) VALUES (?, ?)');
  for (let i = 0; i < 12; i++) note.run(i === 4 ? null : `note ${i % 6}`, i % 3);
}

/** The same two tables as a PostgreSQL migration would write them. */
export const EXTRA_TABLES_POSTGRES = `
  CREATE TABLE sightings_extra (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, story TEXT NOT NULL, payload BYTEA,
    seen BOOLEAN NOT NULL, seen_at TIMESTAMPTZ, score DOUBLE PRECISION, meta JSONB);
  CREATE TABLE notes_nokey (body TEXT, n INTEGER);
`;
