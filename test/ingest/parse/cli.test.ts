import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import iconv from 'iconv-lite';
import { fixture, fixturesDir } from './helpers.js';

// Run the real binary: compiled next to dist/test, or from source through tsx.
const compiled = import.meta.url.endsWith('.js');
const cli = fileURLToPath(new URL(`../../../src/cli/index.${compiled ? 'js' : 'ts'}`, import.meta.url));
const nodeArgs = compiled ? [cli] : ['--import', 'tsx', cli];

interface Run {
  code: number;
  lines: Record<string, unknown>[];
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const cleanEnv: NodeJS.ProcessEnv = { ...process.env, NEWSDESK_ALLOW_HOSTS: '', NEWSDESK_CONFIG: '', ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeArgs, 'parse', ...args], { env: cleanEnv }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      const lines = stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, lines, stderr });
    });
  });
}

let server: Server;
let base = '';
let hits = 0;
const routes: Record<string, { type: string; body: Uint8Array | string }> = {
  '/illformed': { type: 'application/rss+xml', body: fixture('illformed.xml') },
  '/page': { type: 'text/html; charset=utf-8', body: fixture('html-page.html') },
  '/empty': { type: 'application/rss+xml', body: '' },
  '/wrong-charset': {
    type: 'application/rss+xml; charset=utf-8',
    body: iconv.encode('<rss version="2.0"><channel><title>Caf\u00e9 \u201cnews\u201d</title></channel></rss>', 'windows-1252'),
  },
  '/laughs': { type: 'application/xml', body: fixture('billion-laughs.xml') },
};

before(async () => {
  server = createServer((req, res) => {
    hits++;
    const r = routes[req.url ?? ''];
    if (!r) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', r.type);
    res.end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('one NDJSON line per file, in order; an unreadable file gives {path,error} and exit 1', async () => {
  const good = `${fixturesDir}rss20-namespaces.xml`;
  const missing = `${fixturesDir}no-such-file.xml`;
  const r = await run([good, missing, `${fixturesDir}rss10.rdf`]);
  assert.equal(r.code, 1);
  assert.equal(r.lines.length, 3);
  assert.deepEqual(
    r.lines.map((l) => l.path),
    [good, missing, `${fixturesDir}rss10.rdf`],
  );
  assert.equal(r.lines[0]?.version, 'rss20');
  assert.equal(r.lines[0]?.bozo, false);
  assert.equal(r.lines[0]?.encoding, 'utf-8');
  assert.ok(Array.isArray(r.lines[0]?.entries));
  assert.deepEqual(Object.keys(r.lines[1] ?? {}), ['path', 'error']);
  assert.equal(r.lines[2]?.version, 'rss10');
});

test('exit 0 when every file parses', async () => {
  const r = await run([`${fixturesDir}atom10-xhtml.xml`]);
  assert.equal(r.code, 0);
  assert.equal(r.lines[0]?.version, 'atom10');
});

test('--url and --header describe a file as if it had been fetched', async () => {
  const r = await run([
    '--url',
    'https://origin.example/dir/feed.xml',
    '--header',
    'Content-Location: /moved/feed.xml',
    '--header',
    'Content-Type: text/plain',
    `${fixturesDir}rss20-namespaces.xml`,
  ]);
  const entry = (r.lines[0]?.entries as { content?: { value: string }[] }[] | undefined)?.[0];
  assert.match(entry?.content?.[0]?.value ?? '', /href="https:\/\/origin\.example\/timetable"/);
  assert.equal(r.lines[0]?.bozo, true, 'text/plain is not a feed media type');
});

test('an HTML page gives an error line with the autodiscovery hint', async () => {
  const r = await run([`${fixturesDir}html-page.html`]);
  assert.equal(r.code, 1);
  assert.match(String(r.lines[0]?.error), /HTML page, not a feed; try `newsdesk add <site url>`/);
});

test('a URL on a loopback address is refused by default, with the reason, and never contacted', async () => {
  hits = 0;
  const r = await run([`${base}/illformed`]);
  assert.equal(r.code, 1);
  assert.equal(r.lines[0]?.path, `${base}/illformed`);
  assert.match(String(r.lines[0]?.error), /127\.0\.0\.1|loopback|refus|private/i);
  assert.equal(hits, 0);
});

test('bad input from a real local server (loopback allowed): each outcome as documented', async () => {
  const urls = ['/illformed', '/page', '/empty', '/wrong-charset', '/laughs'].map((p) => `${base}${p}`);
  const r = await run(urls, { NEWSDESK_ALLOW_HOSTS: '127.0.0.1/32' });
  assert.equal(r.code, 1, 'the HTML page and the empty body fail');
  const [ill, page, empty, charset, laughs] = r.lines;
  assert.equal(ill?.bozo, true);
  assert.equal((ill?.entries as unknown[] | undefined)?.length, 2, 'ill-formed: entries read');
  assert.match(String(page?.error), /HTML page, not a feed/);
  assert.match(String(empty?.error), /empty/);
  assert.equal(
    (charset?.feed as { title?: string } | undefined)?.title,
    'Caf\u00e9 \u201cnews\u201d',
    'wrong declared charset: text still right',
  );
  assert.equal(laughs?.bozo, true);
  assert.ok(JSON.stringify(laughs).length < 10_000, 'billion laughs: not expanded');
});

test('a bad command line is a usage error', async () => {
  const r = await run(['--header', 'no-colon', 'x.xml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--header wants/);
});
