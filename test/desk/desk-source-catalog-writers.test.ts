// r2-smalls (review of p-smalls): the desk's sources table reads the site's SourceCatalog once per
// store change stamp. Editors watch failures there, so a write by ANOTHER connection (the ingest
// thread's own SQLite connection, a worker process on PostgreSQL) must move the stamp and be shown
// at the next view: status, failure text, last success, a rename, a pause, a removal, an add. The
// writes here go through a second store opened on the same database (d.reopen), the real stamp
// (not the test's own, as desk-source-catalog.test.ts uses), each view after a warm one. Held at
// the review: these pin it. The feed credentials stay out of the table (the catalog's shown copy).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';
import { mountDesk, type TestDesk } from './helpers.js';

const AT = Date.UTC(2026, 11, 1, 9, 30);

async function row(desk: TestDesk, id: number): Promise<string> {
  const page = await (await desk.request('/desk/sources')).text();
  const m = new RegExp(`<tr data-source="${id}">(.*?)</tr>`, 's').exec(page);
  return m?.[1] ?? '';
}

/** The row's status cell (the table's third column). */
const statusCell = (r: string): string => [...r.matchAll(/<td>(.*?)<\/td>/gs)][2]?.[1] ?? '';

forEachDialect((d) => {
  test('held: the sources table shows another connection’s writes at the next view (real change stamp)', async () => {
    const web = await d.open();
    const other = await d.reopen(web);
    const desk = await mountDesk(web);
    try {
      const { source } = await web.sources.add({ url: 'https://wire.example/feed.xml?token=s3cret', title: 'Wire' });
      const id = source.id;
      assert.match(await row(desk, id), /Wire/);
      assert.doesNotMatch(await row(desk, id), /s3cret/, 'the table shows no feed credential');

      // A poll's failure written by the worker's connection.
      await other.sources.finishCheck(id, { status: 'failing', lastError: 'HTTP 503 from upstream', lastErrorKey: null });
      const failing = await row(desk, id);
      assert.match(failing, /HTTP 503 from upstream/, 'failure text of another connection shown');
      const failingStatus = statusCell(failing);

      // Its recovery: status and last success.
      await other.sources.finishCheck(id, { status: 'ok', lastError: null, lastErrorKey: null, lastSuccessAt: AT });
      const ok = await row(desk, id);
      assert.doesNotMatch(ok, /HTTP 503/);
      assert.match(ok, /2026-12-01 09:30/, 'last success of another connection shown');
      assert.notEqual(statusCell(ok), failingStatus, 'status of another connection shown');

      // The fetch time lives in the desk's settings (read per view).
      await other.desk.setSourceSettings(id, { lastFetchMs: 4321 });
      assert.match(await row(desk, id), /4[.,\u066b]?3|4321/);

      // A rename and a pause by another connection.
      await other.sources.update(id, { title: 'Renamed wire' });
      assert.match(await row(desk, id), /Renamed wire/);
      const before = statusCell(await row(desk, id));
      await other.sources.update(id, { status: 'disabled' });
      const paused = statusCell(await row(desk, id));
      assert.notEqual(paused, before, 'a pause by another connection shown');
      assert.notEqual(paused, failingStatus);

      // An add and a removal by another connection.
      const added = (await other.sources.add({ url: 'https://second.example/feed.xml', title: 'Second wire' })).source;
      assert.match(await row(desk, added.id), /Second wire/);
      assert.equal(await other.sources.remove(added.id), true);
      assert.equal(await row(desk, added.id), '', 'a removed source is gone at the next view');
    } finally {
      await desk.stop();
    }
  });
});
