// A fixture of many feeds spread over several hosts, all on this machine: one HTTP server per
// loopback address (127.0.0.2, 127.0.0.3, …), so each is a host of its own to the fetcher. It
// counts every request per path and the requests open at once per host (the highest ever seen),
// which is what politeness limits are judged by.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedHosts {
  /** Every feed URL, in order. */
  urls: string[];
  /** Requests per path (/feed/N.xml) so far. */
  hits(url: string): number;
  totalHits(): number;
  /** Highest number of requests open at once, per host (host:port). */
  peakConcurrency(): Map<string, number>;
  /** The guids of a feed's items (what a complete ingest stores for it). */
  guids(url: string): string[];
  close(): Promise<void>;
}

export interface FeedHostsOptions {
  hosts: number;
  feeds: number;
  itemsPerFeed: number;
  /** Milliseconds each response waits before it is sent (keeps requests open, so they overlap). */
  delayMs: number;
}

export async function startFeedHosts(o: FeedHostsOptions): Promise<FeedHosts> {
  const hits = new Map<string, number>();
  const open = new Map<string, number>();
  const peak = new Map<string, number>();
  const servers: Server[] = [];
  const origins: string[] = [];
  const guidsOf = (path: string): string[] => Array.from({ length: o.itemsPerFeed }, (_, k) => `${path}#item-${k}`);
  for (let h = 0; h < o.hosts; h++) {
    const address = `127.0.0.${h + 2}`;
    const server = createServer((req, res) => {
      const host = req.headers.host ?? address;
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const now = (open.get(host) ?? 0) + 1;
      open.set(host, now);
      peak.set(host, Math.max(peak.get(host) ?? 0, now));
      let closed = false;
      const done = (): void => {
        if (closed) return;
        closed = true;
        open.set(host, (open.get(host) ?? 1) - 1);
      };
      // A request stops counting when its response is complete (or the client left): the client
      // cannot start its next request on that slot before it has read the end.
      res.on('close', done);
      setTimeout(() => {
        done();
        if (!/^\/feed\/\d+\.xml$/.test(path)) {
          res.writeHead(404).end();
          return;
        }
        const items = guidsOf(path)
          .map(
            (g, k) =>
              `<item><title>Story ${k} of ${path}</title><link>http://${host}${path.replace('.xml', '')}/${k}</link>` +
              `<guid isPermaLink="false">${g}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1, 0, k)).toUTCString()}</pubDate>` +
              `<description>Enough text that the feed item stands on its own as a story about ${path}, item ${k}.</description></item>`,
          )
          .join('');
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${path}</title><link>http://${host}/</link>${items}</channel></rss>`,
        );
      }, o.delayMs);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, address, () => resolve());
    });
    servers.push(server);
    origins.push(`http://${address}:${(server.address() as AddressInfo).port}`);
  }
  const urls = Array.from({ length: o.feeds }, (_, i) => `${origins[i % origins.length]}/feed/${i}.xml`);
  return {
    urls,
    hits: (url) => hits.get(new URL(url).pathname) ?? 0,
    totalHits: () => [...hits.values()].reduce((a, b) => a + b, 0),
    peakConcurrency: () => new Map(peak),
    guids: (url) => guidsOf(new URL(url).pathname),
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
