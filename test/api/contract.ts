// Holds the API to its OpenAPI document: `checked(app)` wraps a Hono app so that every response
// to an /api request is validated against the document the app itself serves — the status must
// be documented for that operation, the content type must be the documented one, and the JSON
// body must satisfy the response schema (JSON Schema 2020-12, OpenAPI 3.1's dialect, with ajv).
// Unknown paths must answer 404 with the Error schema.
//
// ajv rather than a schema library generating the document: the document stays one readable file,
// the routes keep their plain handlers, and what is checked is exactly what clients download.
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../../src/api/openapi.js';

// ajv-formats is CommonJS with a default export; under NodeNext its default is the module.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type Json = Record<string, unknown>;

export interface OpenApiDoc {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, unknown> };
}

export interface PathItem {
  servers?: { url: string }[];
  parameters?: { name: string; in: string }[];
  [method: string]: unknown;
}

export interface Operation {
  parameters?: { name: string; in: string }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** One documented operation: its full path (mount point included) as a template and a matcher. */
export interface DocOperation {
  method: string;
  /** The document's path key, e.g. /sources/{id}. */
  key: string;
  /** The path as the app serves it, e.g. /api/v1/sources/{id}. */
  fullPath: string;
  pattern: RegExp;
  op: Operation;
}

export function operations(doc: OpenApiDoc): DocOperation[] {
  const out: DocOperation[] = [];
  for (const [key, item] of Object.entries(doc.paths)) {
    const base = new URL((item.servers ?? doc.servers)[0]!.url).pathname.replace(/\/$/, '');
    const fullPath = `${base}${key}`;
    const pattern = new RegExp(`^${fullPath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (op) out.push({ method: method.toUpperCase(), key, fullPath, pattern, op });
    }
  }
  return out;
}

/** Compiles every response schema of the document, its component refs resolved by ajv. */
export class ApiContract {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<unknown, ValidateFunction>();
  readonly ops: DocOperation[];
  /** "GET /sources/{id} 404" for every response validated, to show what the tests reached. */
  readonly seen = new Set<string>();

  constructor(readonly doc: OpenApiDoc) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(this.ajv);
    // OpenAPI refs point into the document (#/components/schemas/X); the components become one
    // schema of $defs that every response schema refers to.
    this.ajv.addSchema({ $id: 'urn:newsdesk:components', $defs: this.rewrite(doc.components.schemas) as Json });
    this.ops = operations(doc);
  }

  private rewrite(schema: unknown): unknown {
    return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"urn:newsdesk:components#/$defs/')) as unknown;
  }

  private validator(schema: unknown): ValidateFunction {
    let v = this.cache.get(schema);
    if (!v) {
      v = this.ajv.compile(this.rewrite(schema) as Json);
      this.cache.set(schema, v);
    }
    return v;
  }

  /** Validates one response to `method path`; throws an AssertionError naming what broke the promise. */
  async check(method: string, path: string, res: Response): Promise<void> {
    const where = `${method} ${path} → ${res.status}`;
    const found = this.ops.find((o) => o.method === method && o.pattern.test(path));
    const body = await res.text();
    if (!found && this.ops.some((o) => o.pattern.test(path))) {
      // A documented path, a method it does not take: 405 naming the documented ones, in JSON.
      assert.equal(res.status, 405, `${where}: a method the path does not take must answer 405`);
      const allow = (res.headers.get('allow') ?? '').split(/,\s*/);
      for (const o of this.ops.filter((x) => x.pattern.test(path)))
        assert.ok(allow.includes(o.method), `${where}: Allow names ${o.method}`);
      this.assertValid(this.validator({ $ref: '#/components/schemas/Error' }), body, res, where);
      this.seen.add(`${method} (not allowed) 405`);
      return;
    }
    if (!found) {
      // Not a documented operation: the API must say so in JSON, like any other problem.
      assert.equal(res.status, 404, `${where}: an undocumented operation must answer 404`);
      this.assertValid(this.validator({ $ref: '#/components/schemas/Error' }), body, res, where);
      this.seen.add(`${method} (unknown) 404`);
      return;
    }
    const response = found.op.responses[String(res.status)];
    assert.ok(response, `${where}: status ${res.status} is not documented for ${found.method} ${found.key}`);
    this.seen.add(`${found.method} ${found.key} ${res.status}`);
    if (!response.content) {
      assert.equal(body, '', `${where}: documented without a body, but one was sent`);
      return;
    }
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const media = response.content[type];
    assert.ok(media, `${where}: content type "${type}" is not one of ${Object.keys(response.content).join(', ')}`);
    this.assertValid(this.validator(media.schema), body, res, where);
  }

  private assertValid(validate: ValidateFunction, body: string, res: Response, where: string): void {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      assert.fail(`${where}: the body is not JSON: ${body.slice(0, 200)}`);
    }
    assert.match(res.headers.get('content-type') ?? '', /^application\/json\b/, `${where}: content type`);
    if (!validate(data))
      assert.fail(
        `${where}: the body breaks the documented schema: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}\n${body.slice(0, 500)}`,
      );
  }
}

const contracts = new WeakMap<object, Promise<ApiContract>>();

/**
 * The app's own served document, compiled once per app. A private site answers it only with a
 * token (p-edges), which this helper does not hold: then the document a signed-in client gets,
 * built by the same function for the same origin, after checking that the anonymous answer is the
 * documented 401.
 */
export function contractOf(app: Hono): Promise<ApiContract> {
  let c = contracts.get(app);
  if (!c) {
    c = (async () => {
      const res = await app.request('/api/openapi.json');
      if (res.status === 401) {
        const doc = openApiDocument('http://localhost') as unknown as OpenApiDoc;
        const contract = new ApiContract(doc);
        await contract.check('GET', '/api/openapi.json', res);
        return contract;
      }
      assert.equal(res.status, 200);
      return new ApiContract((await res.json()) as OpenApiDoc);
    })();
    contracts.set(app, c);
  }
  return c;
}

/** The app, with every /api response checked against its OpenAPI document before the test sees it. */
export function checked(app: Hono): Pick<Hono, 'request'> & { contract: () => Promise<ApiContract> } {
  return {
    contract: () => contractOf(app),
    request: (async (input: string | Request | URL, init?: RequestInit) => {
      const res = await app.request(input as string, init);
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
      if (url.pathname.startsWith('/api/')) {
        const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
        await (await contractOf(app)).check(method, url.pathname, res.clone());
      }
      return res;
    }) as Hono['request'],
  };
}
