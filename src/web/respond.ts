// Rendered responses with validators and compression: ETag/Last-Modified answered with 304,
// br or gzip chosen from Accept-Encoding. Bodies are kept per (URL, locale) with the store's
// change stamp, so a busy topic page is rendered once per change, not once per reader (and, under
// ingest, at most once at a time: app.ts serves the last rendering for a bounded while meanwhile).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as z, gzipSync } from 'node:zlib';
import type { Context } from 'hono';

export interface Rendered {
  body: Buffer;
  type: string;
  etag: string;
  /** Epoch ms, whole seconds (HTTP dates have no finer resolution). */
  lastModified?: number;
  status: number;
  br?: Buffer;
  gzip?: Buffer;
}

const MIN_COMPRESS = 1024;

export function rendered(body: string | Buffer, type: string, lastModified?: number, status = 200): Rendered {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  const etag = `W/"${createHash('sha1').update(buf).digest('base64url').slice(0, 22)}"`;
  const r: Rendered = { body: buf, type, etag, status };
  if (lastModified !== undefined && Number.isFinite(lastModified)) r.lastModified = Math.floor(lastModified / 1000) * 1000;
  return r;
}

/**
 * The encoding to send, from Accept-Encoding: br before gzip, any q but 0 counts as yes (we do
 * not rank by q). Read in one pass of splits, never by a regular expression that can backtrack:
 * "br" and thousands of spaces before ";" once cost a quadratic 200 ms a request (issue 9).
 */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | undefined {
  if (!accept) return undefined;
  let br = false;
  let gzip = false;
  // Browsers send a few dozen bytes; a longer header is read only as far as that.
  for (const part of accept.slice(0, 1024).toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';');
    const coding = name.trim();
    if (coding !== 'br' && coding !== 'gzip') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined) {
      const v = q.slice(2).trim();
      if (!/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(v)) continue; // malformed: ignore the coding
      if (Number(v) === 0) continue;
    }
    if (coding === 'br') br = true;
    else gzip = true;
  }
  return br ? 'br' : gzip ? 'gzip' : undefined;
}

function notModified(c: Context, r: Rendered): boolean {
  const inm = c.req.header('if-none-match');
  if (inm) return inm.split(',').some((t) => t.trim() === r.etag || t.trim() === '*' || t.trim() === r.etag.slice(2));
  const ims = c.req.header('if-modified-since');
  if (ims && r.lastModified !== undefined) {
    const t = Date.parse(ims);
    return Number.isFinite(t) && r.lastModified <= t;
  }
  return false;
}

export function send(c: Context, r: Rendered, cacheControl = 'no-cache'): Response {
  const headers: Record<string, string> = {
    'content-type': r.type,
    etag: r.etag,
    'cache-control': cacheControl,
    vary: 'Accept-Encoding, Accept-Language',
    // Readers' addresses never reach outlets, through links or images (sanitize/README.md).
    'referrer-policy': 'same-origin',
  };
  if (r.lastModified !== undefined) headers['last-modified'] = new Date(r.lastModified).toUTCString();
  if (r.status === 200 && (c.req.method === 'GET' || c.req.method === 'HEAD') && notModified(c, r)) {
    return new Response(null, { status: 304, headers });
  }
  let body = r.body;
  if (r.body.length >= MIN_COMPRESS) {
    const enc = pickEncoding(c.req.header('accept-encoding'));
    if (enc === 'br') {
      r.br ??= brotliCompressSync(r.body, { params: { [z.BROTLI_PARAM_QUALITY]: 5, [z.BROTLI_PARAM_SIZE_HINT]: r.body.length } });
      body = r.br;
      headers['content-encoding'] = 'br';
    } else if (enc === 'gzip') {
      r.gzip ??= gzipSync(r.body, { level: 6 });
      body = r.gzip;
      headers['content-encoding'] = 'gzip';
    }
  }
  headers['content-length'] = String(body.length);
  // Our buffers are never SharedArrayBuffer-backed, which is all BodyInit's type rules out.
  return new Response(c.req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: r.status, headers });
}

/** Bytes an entry holds: its body, the compressed copies made so far, and the key. */
function entryBytes(key: string, r: Rendered): number {
  return r.body.length + (r.br?.length ?? 0) + (r.gzip?.length ?? 0) + key.length * 2 + 256;
}

/** A kept rendering: the store's change stamp it was rendered under and when its rendering began. */
export interface Kept {
  r: Rendered;
  stamp: string;
  /** Epoch ms when it last matched the store (its rendering began, or its stamp was found current). */
  at: number;
  /** The caller's count of its own writes when the rendering began (app.ts). */
  writes: number;
}

/**
 * Rendered bodies by key, each with the change stamp it was rendered under, bounded by bytes (the
 * bodies and their br/gzip copies), not by count: a count lets a few huge pages take any amount
 * of memory. An entry larger than `maxEntryBytes` (by default a sixteenth of the budget) is not
 * kept at all, so one outlier cannot empty the cache of every ordinary page either.
 *
 * A store change does not empty the cache: under steady ingest the stamp moves every few
 * milliseconds, and a cache emptied by each write re-renders every request. `get` answers only
 * a rendering of the current stamp; `latest` answers the newest rendering whatever its stamp, for
 * the caller to serve within its own staleness bound (app.ts) while a fresh one is made.
 */
export class RenderCache {
  private readonly map = new Map<string, Kept & { bytes: number }>();
  private used = 0;
  readonly maxEntryBytes: number;

  constructor(
    readonly maxBytes: number,
    maxEntryBytes?: number,
  ) {
    this.maxEntryBytes = maxEntryBytes ?? Math.floor(maxBytes / 16);
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.map.size;
  }

  /** The rendering of `key` made under `stamp`, if that is the one kept. */
  get(stamp: string, key: string): Rendered | undefined {
    const e = this.latest(key);
    return e?.stamp === stamp ? e.r : undefined;
  }

  /** The newest rendering of `key`, whatever store it was rendered from. */
  latest(key: string): Kept | undefined {
    const e = this.map.get(key);
    if (e) {
      // Refresh its place: the Map's order is the eviction order.
      this.map.delete(key);
      this.map.set(key, e);
    }
    return e;
  }

  /** Keeps `r`, rendered under `stamp` from `at` on, unless a rendering begun later is kept already. */
  set(stamp: string, key: string, r: Rendered, at = Date.now(), writes = 0): void {
    const old = this.map.get(key);
    if (old && old.at > at) return; // a slower, older rendering finishing last must not win
    this.drop(key);
    const bytes = entryBytes(key, r);
    if (bytes > this.maxEntryBytes) return;
    this.map.set(key, { r, stamp, at, writes, bytes });
    this.used += bytes;
    this.evict();
  }
  /** The store was found still at the stamp `key` was rendered under at `at`: it is that fresh. */
  confirm(key: string, at: number): void {
    const e = this.map.get(key);
    if (e && e.at < at) e.at = at;
  }

  /** Counts what send() added to a kept entry (a br or gzip copy) and evicts to stay in budget. */
  recount(key: string): void {
    const e = this.map.get(key);
    if (!e) return;
    const bytes = entryBytes(key, e.r);
    if (bytes > this.maxEntryBytes) {
      this.drop(key);
      return;
    }
    this.used += bytes - e.bytes;
    e.bytes = bytes;
    this.evict();
  }

  private drop(key: string): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.used -= e.bytes;
  }

  private evict(): void {
    while (this.used > this.maxBytes && this.map.size > 0) this.drop(this.map.keys().next().value!);
  }
}
