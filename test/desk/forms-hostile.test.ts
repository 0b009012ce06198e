// The desk's forms with hostile or oversized input, through the whole HTTP app (its request-body
// cap included): an OPML file and a topic text larger than the server's general cap reach their
// routes, which take them or refuse them in the editor's language; a header value no request can
// carry and a selector that is not CSS are refused with nothing stored; an override in a stored
// name is closed inside the sentences and options that show it; a date that is no day filters
// nothing in the audit log. SQLite; the browser walk is test/browser/desk-forms-journey.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TOPIC_SOURCE_MAX } from '../../src/web/desk/body-limits.js';
import { ADMIN, CSRF, setLanguage, withDesk } from './helpers.js';

const RLO = '\u202e';

function opml(n: number): string {
  const outlines = Array.from({ length: n }, (_, i) => `<outline text="Feed ${i}" xmlUrl="https://feeds.example/${i}.xml"/>`);
  return `<?xml version="1.0"?><opml version="2.0"><body>${outlines.join('\n')}</body></opml>`;
}

describe('desk forms with hostile input', () => {
  test('an OPML file past the general request cap is imported; a topic text past it is read; a longer one refused in words', async () => {
    await withDesk(async (desk, store) => {
      const text = opml(2000);
      assert.ok(text.length > desk.config.maxRequestBodyBytes);
      const form = new FormData();
      form.set('_csrf', CSRF);
      form.set('opml', new File([text], 'subs.opml', { type: 'text/x-opml' }));
      const res = await desk.request('/desk/sources/opml', { method: 'POST', body: form });
      assert.equal(res.status, 303);
      assert.match(res.headers.get('location') ?? '', /^\/desk\/sources\/jobs\//);

      const topic = `- id: harbour\n  name: Harbour\n  entities:\n    - name: Harbour Board\n# ${'x'.repeat(100_000)}\n`;
      const preview = await desk.post('/desk/topics/save', { source: topic, action: 'preview', version: '0', originalId: '' });
      assert.equal(preview.status, 200);
      const long = `${topic}# ${'y'.repeat(TOPIC_SOURCE_MAX)}\n`;
      await setLanguage(store, ADMIN.name, 'fa');
      const refused = await desk.post('/desk/topics/save', { source: long, action: 'save', version: '0', originalId: '' });
      assert.equal(refused.status, 413);
      assert.match(await refused.text(), /<p role="alert">متن از [۰-۹٬]+ نویسه بلندتر است؛ چیزی ذخیره نشد.<\/p>/);
      assert.equal((await store.desk.listTopics()).length, 0);
    }, ADMIN);
  });

  test('a header value no request can carry and a selector that is not CSS are refused, nothing stored (en/ar)', async () => {
    await withDesk(async (desk, store) => {
      const s = (await store.sources.add({ url: 'https://hostile.example/news', kind: 'page', title: 'Wire' })).source;
      const save = (fields: Record<string, string>) =>
        desk.post(`/desk/sources/${s.id}/settings`, { interval: '30', extractMode: 'always', ...fields });
      let res = await save({ headers: `X-A: ok\nX-Token: ${RLO}secret` });
      assert.equal(res.status, 400);
      assert.ok((await res.text()).includes('Line 2: a header value holds printable Latin-1 characters only'));
      res = await save({ headers: 'X-A: a\u0085b' });
      assert.equal(res.status, 400);
      res = await save({ sel_item: '<img src=x onerror=alert(1)>' });
      assert.equal(res.status, 400);
      assert.ok((await res.text()).includes('The selector for “Each teaser block” is not valid CSS'));
      assert.equal(await store.desk.sourceSettings(s.id), undefined);
      assert.deepEqual((await store.sources.get(s.id))?.settings, {});
      await setLanguage(store, ADMIN.name, 'ar');
      res = await save({ sel_next: 'a[' });
      assert.equal(res.status, 400);
      assert.ok((await res.text()).includes('المحدِّد الخاص بـ«'));
      // Latin-1 and a valid selector are saved.
      res = await save({ headers: 'X-A: café', sel_item: 'article.story', sel_next: 'a[rel=next]' });
      assert.equal(res.status, 200);
      assert.deepEqual((await store.desk.sourceSettings(s.id))?.headers, { 'X-A': 'café' });
    }, ADMIN);
  });

  test('an override in a stored name is closed where the desk sets it into a sentence or an option', async () => {
    await withDesk(async (desk, store) => {
      const s = (await store.sources.add({ url: 'https://rlo.example/news', kind: 'page', title: `Wire ${RLO}gnp.exe` })).source;
      const removal = await (await desk.request(`/desk/sources/${s.id}/remove`)).text();
      assert.ok(removal.includes(`Remove “Wire ${RLO}gnp.exe\u202c” (`), 'the removal sentence');
      await store.curation.record({
        actorId: null,
        actorName: `Mallory ${RLO}rotide`,
        action: 'x.y',
        target: 'source:1',
        before: null,
        after: { t: `a${RLO}b` },
      });
      const audit = await (await desk.request('/desk/audit')).text();
      assert.ok(audit.includes(`>Mallory ${RLO}rotide\u202c</option>`), 'the actor option');
      assert.ok(audit.includes(`&quot;t&quot;: &quot;a${RLO}b\u202c&quot;`) || audit.includes(`"t": "a${RLO}b\u202c"`), 'the JSON value');
      await store.desk.saveTopic(
        {
          id: 'harbour',
          source: '- id: harbour\n  name: Harbour\n  entities:\n    - name: Harbour Board\n',
          definition: { id: 'harbour', name: 'Harbour', entities: [] } as never,
          updatedBy: `Eve ${RLO}evE`,
        },
        0,
      );
      const topics = await (await desk.request('/desk/topics')).text();
      assert.ok(topics.includes(`saved by Eve ${RLO}evE\u202c</li>`), 'the topic list');
    }, ADMIN);
  });

  test('a date that is no day filters nothing in the audit log and is not shown back', async () => {
    await withDesk(async (desk, store) => {
      await store.curation.record({ actorId: null, actorName: 'Ann', action: 'x.y', target: 'source:1', before: null, after: null });
      for (const q of ['to=9999-99-99', 'from=0000-00-00', 'from=2026-02-31', 'from=%3Cx%3E']) {
        const page = await (await desk.request(`/desk/audit?${q}`)).text();
        assert.ok(page.includes('<td><bdi>Ann</bdi></td>'), q);
        assert.ok(!/id="audit-(from|to)" type="date" name="(from|to)" value="[^"]/.test(page), q);
      }
    });
  });
});
