// The other half of the SSRF proof: no outbound path can bypass the guarded client, because no
// module but the client holds the means to open a connection. Every source file under src/ is
// parsed (SWC's TypeScript parser, so comments and strings cannot fool it) and checked for
// imports of network modules (static, dynamic, require) and for calls to the global fetch.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'node:test';
import { parseSync } from '@swc/core';

const SRC = join(process.cwd(), 'src');

/** Modules that can open connections or resolve names. */
const NETWORK = new Set([
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'dns',
  'dns/promises',
  'undici',
  'node-fetch',
  'axios',
  'got',
  'ws',
]);
const isNetwork = (spec: string): boolean => NETWORK.has(spec.replace(/^node:/, ''));

/**
 * Where a network module may be imported, and why. The guarded client owns outbound HTTP; the
 * webhook poster builds its dispatcher on the client's guarded connector (checked below); servers
 * only listen; nodemailer's SMTP host is the operator's own configuration, never a feed's.
 */
const ALLOWED: Record<string, { modules: string[]; why: string }> = {
  'ingest/fetch/client.ts': { modules: ['undici'], why: 'the guarded client' },
  'ingest/fetch/guarded-connector.ts': { modules: ['node:dns', 'node:net', 'undici'], why: 'the connect-time guard' },
  'alerts/webhook.ts': { modules: ['undici'], why: 'POSTs through guardedConnector' },
  'server/listen.ts': { modules: ['node:http', 'node:net'], why: 'types of the listening server' },
  'server/demo-feeds.ts': { modules: ['node:http', 'node:net'], why: 'serves the demo feeds (inbound)' },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|cts)$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Finding {
  imports: { spec: string; typeOnly: boolean; names: string[] }[];
  /** Lines (1-based) calling the global fetch. */
  globalFetch: number[];
}

interface Node {
  type?: string;
  span?: { start: number };
  [k: string]: unknown;
}
const str = (n: unknown): string | undefined => {
  const x = n as Node | undefined;
  if (x?.type === 'StringLiteral') return x.value as string;
  // A template literal without substitutions names a module as surely as a string does.
  if (x?.type === 'TemplateLiteral' && (x.quasis as Node[]).length === 1) return ((x.quasis as Node[])[0]!.cooked as string) ?? undefined;
  return undefined;
};
const ident = (n: unknown): string | undefined =>
  (n as Node | undefined)?.type === 'Identifier' ? ((n as Node).value as string) : undefined;

function scanText(text: string): Finding {
  const mod = parseSync(text, { syntax: 'typescript', target: 'es2022', comments: false }) as unknown as Node;
  const base = (mod.span?.start ?? 1) - 1;
  const lineAt = (n: Node): number => text.slice(0, (n.span?.start ?? 0) - 1 - base).split('\n').length;
  const found: Finding = { imports: [], globalFetch: [] };
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    if (!n || typeof n !== 'object') return;
    const node = n as Node;
    if (node.type === 'ImportDeclaration') {
      const specs = (node.specifiers as Node[]).filter((x) => !x.isTypeOnly).map((x) => ident(x.local) ?? '?');
      const typeOnly = node.typeOnly === true || ((node.specifiers as Node[]).length > 0 && specs.length === 0);
      found.imports.push({ spec: str(node.source) ?? '?', typeOnly, names: specs });
    } else if ((node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) {
      found.imports.push({ spec: str(node.source) ?? '?', typeOnly: node.typeOnly === true, names: ['(re-export)'] });
    } else if (node.type === 'CallExpression') {
      const callee = node.callee as Node;
      const arg = (node.arguments as Node[])[0]?.expression;
      if (callee.type === 'Import' || ident(callee) === 'require') {
        found.imports.push({ spec: str(arg) ?? '(computed)', typeOnly: false, names: ['(dynamic)'] });
      }
      if (ident(callee) === 'fetch') found.globalFetch.push(lineAt(node));
      if (callee.type === 'MemberExpression' && ident(callee.property) === 'fetch') {
        const owner = ident(callee.object);
        if (owner && ['globalThis', 'window', 'self', 'global'].includes(owner)) found.globalFetch.push(lineAt(node));
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'span' && v && typeof v === 'object') visit(v);
  };
  visit(mod);
  return found;
}

const scan = (file: string): Finding => scanText(readFileSync(file, 'utf8'));

const files = sourceFiles(SRC);

it('scans the whole source tree', () => {
  assert.ok(files.length > 100, `found ${files.length} source files`);
  assert.ok(files.some((f) => f.endsWith(join('ingest', 'fetch', 'client.ts'))));
});

it('only the guarded client (and the modules listed with a reason) import a network module', () => {
  const offences: string[] = [];
  for (const file of files) {
    const rel = relative(SRC, file).split('\\').join('/');
    for (const imp of scan(file).imports) {
      if (!isNetwork(imp.spec) || imp.typeOnly) continue;
      const allowed = ALLOWED[rel];
      if (!allowed?.modules.includes(imp.spec)) offences.push(`${rel} imports ${imp.spec} (${imp.names.join(', ')})`);
    }
  }
  assert.deepEqual(offences, [], 'outbound requests must go through src/ingest/fetch (HttpFetcher) or its guarded connector');
});

it('the listed exceptions use the network only as their reason says', () => {
  const uses = (rel: string): Finding['imports'] => scan(join(SRC, rel)).imports.filter((i) => isNetwork(i.spec) && !i.typeOnly);
  // The webhook poster's dispatcher connects through the guard, never through undici's default.
  const webhook = readFileSync(join(SRC, 'alerts/webhook.ts'), 'utf8');
  assert.match(webhook, /connect:\s*guardedConnector\(/);
  assert.deepEqual(
    uses('alerts/webhook.ts').flatMap((i) => i.names),
    ['Agent', 'request'],
  );
  assert.match(webhook, /dispatcher:\s*this\.agent/);
  // The servers only listen: node:http's createServer and types, nothing that makes requests.
  assert.deepEqual(
    uses('server/demo-feeds.ts').flatMap((i) => i.names),
    ['createServer'],
  );
  assert.deepEqual(uses('server/listen.ts'), []);
  // The guarded client hands undici the guarded dispatcher on every request.
  const client = readFileSync(join(SRC, 'ingest/fetch/client.ts'), 'utf8');
  assert.match(client, /connect:\s*guardedConnector\(/);
  assert.equal(client.match(/\brequest\(/g)?.length, client.match(/dispatcher:\s*this\.agent/g)?.length);
});

it('nothing calls the global fetch', () => {
  const offences = files.flatMap((file) => scan(file).globalFetch.map((l) => `${relative(SRC, file)}:${l}`));
  assert.deepEqual(offences, []);
});

it('the scanner itself sees what it must refuse', () => {
  const probe = (code: string): Finding => scanText(code);
  assert.deepEqual(probe('const a = 1;\n\nawait fetch(url);').globalFetch, [3]);
  assert.equal(probe("import { get } from 'node:https';").imports[0]?.spec, 'node:https');
  assert.equal(probe("const h = await import('node:http');").imports[0]?.spec, 'node:http');
  assert.deepEqual(probe('await fetch(url);').globalFetch, [1]);
  assert.deepEqual(probe('await globalThis.fetch(url);').globalFetch, [1]);
  assert.deepEqual(probe('// fetch(url)\nconst s = "fetch(url)"; await fetcher.fetch(url);').globalFetch, []);
  assert.equal(probe("import type { Server } from 'node:http';").imports[0]?.typeOnly, true);
  assert.equal(probe("import { type Server } from 'node:http';").imports[0]?.typeOnly, true);
  assert.deepEqual(probe("const { request } = require('undici');").imports[0]?.spec, 'undici');
  assert.ok(!isNetwork('node:fs') && isNetwork('node:http') && isNetwork('undici'));
});
