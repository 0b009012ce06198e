// The demo's fixture server: serves samples/feeds/ on 127.0.0.1 so the demo works offline,
// with the files' date tokens filled in relative to the server's start.
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Store } from '../store/store.js';

export interface SampleSource {
  file: string;
  title: string;
}

const TYPES: Record<string, string> = {
  xml: 'application/rss+xml; charset=utf-8',
  rdf: 'application/rdf+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

function rfc822(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Fills {{date:FORMAT:-Nm}} and {{base}} tokens. */
export function fillTokens(text: string, startedAt: number, base: string): string {
  return text
    .replace(/\{\{date:(rfc822|iso):-(\d+)m\}\}/g, (_, fmt: string, mins: string) => {
      const t = startedAt - Number(mins) * 60_000;
      return fmt === 'iso' ? new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z') : rfc822(t);
    })
    .replace(/\{\{base\}\}/g, base);
}

export function readSampleSources(samplesDir: string): SampleSource[] {
  const doc = JSON.parse(readFileSync(join(samplesDir, 'sources.json'), 'utf8')) as { sources: SampleSource[] };
  return doc.sources;
}

export interface SampleServer {
  base: string;
  urlOf(file: string): string;
  close(): Promise<void>;
}

export function startSampleServer(feedsDir: string, port = 0, startedAt = Date.now()): Promise<SampleServer> {
  const files = new Map<string, Buffer>();
  let base = '';
  const server: Server = createServer((req, res) => {
    const m = /^\/feeds\/([A-Za-z0-9._-]+)$/.exec(req.url ?? '');
    const name = m?.[1];
    let body = name ? files.get(name) : undefined;
    if (!body && name && readdirSync(feedsDir).includes(name)) {
      body = Buffer.from(fillTokens(readFileSync(join(feedsDir, name), 'utf8'), startedAt, base));
      files.set(name, body);
    }
    if (!name || !body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const ext = name.split('.').pop() ?? '';
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'content-length': body.length,
      'last-modified': new Date(startedAt).toUTCString(),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address() as AddressInfo;
      base = `http://127.0.0.1:${p}`;
      resolve({
        base,
        urlOf: (file) => `${base}/feeds/${file}`,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * Adds the sample sources, or points the ones added by an earlier run at this run's sample
 * server (its port changes per run); returns how many were added.
 */
export async function registerSampleSources(store: Store, samplesDir: string, server: SampleServer): Promise<number> {
  const known = await store.sources.list();
  let added = 0;
  for (const s of readSampleSources(samplesDir)) {
    const url = server.urlOf(s.file);
    const old = known.find((k) => k.url.endsWith(`/feeds/${s.file}`) && /^http:\/\/127\.0\.0\.1:\d+\/feeds\//.test(k.url));
    if (old) {
      if (old.url !== url)
        await store.sources.update(old.id, { url, nextCheckAt: await store.clock.now(), etag: null, lastModified: null });
    } else {
      await store.sources.add({ url, title: s.title, extractMode: 'off' });
      added++;
    }
  }
  return added;
}
