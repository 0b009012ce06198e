import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseFeed } from '../../../src/ingest/parse/index.js';
import { fixture, parseText } from './helpers.js';

test('billion laughs: nested entities are never expanded', () => {
  const before = process.memoryUsage().heapUsed;
  const r = parseFeed({ bytes: fixture('billion-laughs.xml') });
  assert.equal(r.bozo, true);
  assert.match(r.bozoReason ?? '', /not expanded/);
  assert.equal(r.entries[0]?.title, '&lol9;');
  assert.equal(r.entries[0]?.summary, 'lol', 'a plain-text entity is still usable');
  assert.ok(JSON.stringify(r).length < 10_000);
  assert.ok(process.memoryUsage().heapUsed - before < 50e6);
});

test('many references to one plain entity stay within a bounded expansion', () => {
  const big = 'x'.repeat(4000);
  const refs = '&big;'.repeat(20000);
  const r = parseText(`<!DOCTYPE rss [<!ENTITY big "${big}">]><rss><channel><title>${refs}</title></channel></rss>`);
  assert.ok((r.feed.title?.length ?? 0) < 5_000_000, 'expansion is capped');
  assert.equal(r.bozo, true);
  assert.match(r.bozoReason ?? '', /expansion limit/);
});

test('external entities: no file is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-xxe-'));
  try {
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-CONTENT');
    const r = parseText(
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://${secret}">]><rss version="2.0"><channel><title>&xxe;</title><item><description>&xxe;</description></item></channel></rss>`,
    );
    assert.ok(!JSON.stringify(r).includes('TOP-SECRET'));
    assert.equal(r.feed.title, '&xxe;');
    assert.equal(r.bozo, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('external entities and DTDs: no network request is made', async () => {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.end('<!ENTITY leak "LEAKED">');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const r = parseText(
      `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "${url}/dtd" [<!ENTITY % ext SYSTEM "${url}/param"> %ext; <!ENTITY net SYSTEM "${url}/entity">]><rss version="2.0"><channel><title>&net;&leak;</title></channel></rss>`,
    );
    assert.ok(!JSON.stringify(r).includes('LEAKED'));
    // Give any stray request time to arrive before checking.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(hits, 0);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('script in feed HTML never comes out', () => {
  const r = parseText(
    '<rss version="2.0"><channel><title>&lt;script&gt;alert(1)&lt;/script&gt;t</title><item><description>&lt;img src=x onerror=alert(1)&gt;&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<iframe src="javascript:alert(1)"></iframe><p style="x:expression(alert(1))">p</p>]]></content:encoded></item></channel></rss>',
  );
  const out = JSON.stringify(r);
  assert.ok(!/<script|onerror|javascript:|expression\(/i.test(out), out);
});

test('absurdly deep nesting is cut off instead of overflowing the stack', () => {
  const depth = 100_000;
  const r = parseText(
    `<rss version="2.0"><channel><item><title>deep</title><description>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</description></item></channel></rss>`,
  );
  assert.equal(r.entries[0]?.title, 'deep');
  assert.equal(r.bozo, true);
  assert.match(r.bozoReason ?? '', /nested deeper/);
});

test('hostile plain text full of unclosed tags is read in linear time', () => {
  const text = '&lt;a '.repeat(200_000);
  const r = parseText(`<feed xmlns="http://www.w3.org/2005/Atom"><title>${text}</title></feed>`);
  assert.equal(r.feed.title, '<a '.repeat(200_000).trim());
});
