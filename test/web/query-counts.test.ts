// Read paths make a fixed number of queries, however long the page: the SQL statements a request
// runs are counted (every statement the store sends, via its onQuery hook) for a page of 5 and a
// page of 50 and must be the same. A query per teaser for its topics, or a count per source,
// makes the second count grow by tens.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/store.js';
import { type Dialect, forEachDialect, QueryCounter } from '../helpers/dialects.js';
import { BASE_TIME, entry, HOUR, makeApp } from './helpers.js';

const LEAD =
  'The provincial council met on Monday to discuss the budget for roads, schools and clinics. ' +
  'Members argued for hours over the share of each district, and the vote was put off to next week. ' +
  'Residents who came to listen said the roads had not been repaired in years. ';
const STORIES = 60;

/** A store with `STORIES` stories tagged with topic "mek", each naming it only deep in the text. */
async function taggedStore(d: Dialect, counter: QueryCounter, sources = 1, topics = 1): Promise<Store> {
  const store = await d.open({ onQuery: counter.onQuery });
  const sourceIds: number[] = [];
  for (let s = 0; s < sources; s++) sourceIds.push((await store.sources.add({ url: `https://s${s}.example/feed.xml` })).source.id);
  for (let t = 0; t < topics; t++) {
    const id = t === 0 ? 'mek' : `topic-${t}`;
    await store.topics.saveDefinition({ id, definition: { id, name: id.toUpperCase(), entities: [{ name: 'Mojahedin-e Khalq' }] } });
  }
  for (let i = 0; i < STORIES; i++) {
    // The match lies past the text a teaser reads, so every teaser also needs the full text.
    const text = `${LEAD.repeat(4)}Officials said the MEK had held the land. ${i}`;
    const at = text.indexOf('MEK');
    const [e] = (await store.entries.saveBatch(sourceIds[i % sources]!, [entry(`k${i}`, `Council story ${i}`, text, BASE_TIME - i * HOUR)]))
      .inserted;
    const tags = Array.from({ length: topics }, (_, t) => ({
      topicId: t === 0 ? 'mek' : `topic-${t}`,
      matches: [{ field: 'text', start: at, end: at + 3, text: 'MEK', alias: 'MEK', entity: 'mojahedin-e-khalq', reason: 'acronym' }],
    }));
    await store.topics.setEntryTopics(e!.id, e!.publishedAt, tags);
  }
  return store;
}

/** The statements one cold request runs (a new app: no page or catalogue cache from earlier requests). */
async function coldQueries(store: Store, counter: QueryCounter, path: string, pageSize: number): Promise<number> {
  const app = makeApp(store, { pageSize, excerptChars: 120 });
  counter.reset();
  const res = await app.request(path);
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  await res.arrayBuffer();
  return counter.count;
}

/**
 * The fewer of two cold requests' counts. On a loaded machine a request once counted two statements
 * more for 5 teasers than for 50 on PostgreSQL (a review's run, 2026-12-07; never reproduced quiet):
 * a statement that comes and goes is not one per teaser, and one per teaser or per source shows in
 * every request, so the smaller count is the request's own.
 */
async function queriesFor(store: Store, counter: QueryCounter, path: string, pageSize: number): Promise<number> {
  const first = await coldQueries(store, counter, path, pageSize);
  return Math.min(first, await coldQueries(store, counter, path, pageSize));
}

forEachDialect((d) => {
  test('a topic page, its feed and the API entry list make as many queries for 50 teasers as for 5', async (t) => {
    const counter = new QueryCounter();
    const store = await taggedStore(d, counter);
    const page = await (await makeApp(store, { pageSize: 50, excerptChars: 120 }).request('/topics/mek')).text();
    // The fixture does what it claims: 50 teasers, each with its match in context from deep in the text.
    assert.equal([...page.matchAll(/<article class="teaser"/g)].length, 50);
    assert.equal([...page.matchAll(/class="kwic"/g)].length, 50, 'every teaser shows its match in context');
    for (const path of ['/topics/mek', '/topics/mek/feed.atom', '/', '/search?q=officials']) {
      const few = await queriesFor(store, counter, path, 5);
      const many = await queriesFor(store, counter, path, 50);
      t.diagnostic(`${path}: ${few} queries for 5 teasers, ${many} for 50`);
      assert.equal(many, few, `${path}: ${few} queries for 5 teasers, ${many} for 50`);
    }
    for (const path of ['/api/v1/topics/mek/entries', '/api/v1/entries', '/api/v1/search?q=officials']) {
      const few = await queriesFor(store, counter, `${path}${path.includes('?') ? '&' : '?'}limit=5`, 50);
      const many = await queriesFor(store, counter, `${path}${path.includes('?') ? '&' : '?'}limit=50`, 50);
      t.diagnostic(`${path}: ${few} queries for 5 entries, ${many} for 50`);
      assert.equal(many, few, `${path}: ${few} queries for 5 entries, ${many} for 50`);
    }
  });

  test('the sources page and the topic cards make as many queries for 12 sources or topics as for 2', async (t) => {
    const counterFew = new QueryCounter();
    const counterMany = new QueryCounter();
    const few = await taggedStore(d, counterFew, 2, 2);
    const many = await taggedStore(d, counterMany, 12, 12);
    const page = await (await makeApp(many).request('/sources')).text();
    assert.match(page, /s11\.example/, 'the fixture lists its 12 sources');
    for (const path of ['/sources', '/topics', '/']) {
      const a = await queriesFor(few, counterFew, path, 50);
      const b = await queriesFor(many, counterMany, path, 50);
      t.diagnostic(`${path}: ${a} queries with 2, ${b} with 12`);
      assert.equal(b, a, `${path}: ${a} queries with 2, ${b} with 12`);
    }
  });
});
