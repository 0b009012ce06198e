// Rendered responses with validators and compression: ETag/Last-Modified answered with 304,
// br or gzip chosen from Accept-Encoding. Bodies are kept per (URL, locale) until the store
// changes, so a busy topic page is rendered once per change, not once per reader.
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

function pickEncoding(accept: string | undefined): 'br' | 'gzip' | undefined {
  if (!accept) return undefined;
  const a = accept.toLowerCase();
  // q=0 means "not acceptable"; anything else counts as yes (we do not rank by q).
  const ok = (name: string): boolean => new RegExp(`(^|,)\\s*${name}\\s*(;\\s*q=(?!0(\\.0*)?\\s*(,|$))[0-9.]+)?\\s*(,|$)`).test(a);
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
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

/** Rendered bodies by key, valid while the store's change stamp is the same. */
export class RenderCache {
  private stamp = '';
  private readonly map = new Map<string, Rendered>();
  constructor(private readonly maxEntries = 500) {}

  get(stamp: string, key: string): Rendered | undefined {
    if (stamp !== this.stamp) {
      this.map.clear();
      this.stamp = stamp;
      return undefined;
    }
    const r = this.map.get(key);
    if (r) {
      // Refresh its place: the Map's order is the eviction order.
      this.map.delete(key);
      this.map.set(key, r);
    }
    return r;
  }

  set(stamp: string, key: string, r: Rendered): void {
    if (stamp !== this.stamp || this.maxEntries === 0) return; // the store changed while rendering: do not keep stale pages
    if (this.map.size >= this.maxEntries) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, r);
  }
}
