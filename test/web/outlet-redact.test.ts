// An outlet's address stored with a secret in it (a row written before ingest redacted it, r2-feeds)
// is shown redacted on the site and in the API, as every address shown is (text/redact-url.ts).
// Both dialects: the teaser, article and API read the row from the store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { BASE_TIME, HOUR, entry, makeApp } from './helpers.js';

forEachDialect((d) => {
  describe('an outlet address with a secret, stored before ingest redacted it', () => {
    it('is shown without the password and the token on the teaser, the article page and the API', async () => {
      const store = await d.open();
      const { source } = await store.sources.add({ url: 'https://aggregator.example/search.rss', title: 'Aggregator Feed' });
      const saved = await store.entries.saveBatch(source.id, [
        entry('s1', 'Relay story about the harbour', 'The harbour reopened.', BASE_TIME - HOUR, {
          outletName: 'Relay Outlet',
          outletUrl: 'https://reader:hunter2@relay.example/private.rss?access_token=SECRET123&page=2',
        }),
      ]);
      const id = saved.inserted[0]!.id;
      const app = makeApp(store);
      const front = await (await app.request('/')).text();
      const article = await (await app.request(`/entries/${id}`)).text();
      const api = (await (await app.request(`/api/v1/entries/${id}`)).json()) as { outlet: { url: string | null } };
      const redacted = 'https://relay.example/private.rss?access_token=redacted&page=2';
      assert.equal(api.outlet.url, redacted);
      for (const page of [front, article]) {
        assert.match(page, /href="https:\/\/relay\.example\/private\.rss\?access_token=redacted&amp;page=2"/);
        assert.doesNotMatch(page, /SECRET123|hunter2/);
      }
      await store.close();
    });
  });
});
