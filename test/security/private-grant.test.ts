// A source's "allow a private or local network address" (the desk's per-source permission) opens the
// source's own host to private and loopback addresses, never to link-local ones (169.254.0.0/16,
// fe80::/10: the cloud metadata service), unspecified, multicast or broadcast ones. Found by the night
// probe of 2026-12-04 (docs/security.md): the permission was added to allowHosts as it was, so a
// source on 169.254.169.254, or on a name resolving there, was fetched. Only the operator's
// allowHosts opens those addresses. No test here connects to a link-local address: the refusals are
// checked on the guard's decision, on its resolver step, and through the desk fetcher on fe80::1
// without a zone, which no socket can reach.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { compileAllowList, decideAddress } from '../../src/domain/address-guard.js';
import { guardedLookup, type Resolver } from '../../src/ingest/fetch/guarded-connector.js';
import { deskFetcher } from '../../src/server/desk-fetcher.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

describe("a source's private-address permission", () => {
  test('covers private and loopback addresses of its own host name only', () => {
    const list = compileAllowList([], ['intranet.test']);
    for (const a of ['10.1.2.3', '192.168.7.7', '127.0.0.1', 'fd00::5', '::1'])
      assert.equal(decideAddress(a, list, 'intranet.test').allowed, true, `${a} for the source's own host`);
    assert.equal(decideAddress('10.1.2.3', list, 'INTRANET.test.').allowed, true, 'names compare as DNS does');
    assert.equal(decideAddress('10.1.2.3', list, 'other.test').allowed, false, 'another host keeps the guard');
    assert.equal(decideAddress('10.1.2.3', list).allowed, false, 'an address literal is not the granted name');
  });

  test('never covers link-local (the metadata service), unspecified, multicast or broadcast addresses', () => {
    const list = compileAllowList([], ['metadata.test']);
    for (const a of [
      '169.254.169.254',
      '169.254.0.1',
      'fe80::1',
      '::ffff:169.254.169.254',
      '0.0.0.0',
      '::',
      '224.0.0.1',
      '255.255.255.255',
    ]) {
      const d = decideAddress(a, list, 'metadata.test');
      assert.equal(d.allowed, false, `${a} must stay refused`);
    }
  });

  test('a granted address literal covers that address only, and never a link-local one', () => {
    assert.equal(decideAddress('10.0.0.5', compileAllowList([], ['10.0.0.5'])).allowed, true);
    assert.equal(decideAddress('10.0.0.6', compileAllowList([], ['10.0.0.5'])).allowed, false);
    assert.equal(decideAddress('::1', compileAllowList([], ['[::1]'])).allowed, true);
    assert.equal(decideAddress('169.254.169.254', compileAllowList([], ['169.254.169.254'])).allowed, false);
    assert.equal(decideAddress('fe80::1', compileAllowList([], ['[fe80::1]'])).allowed, false);
  });

  test("the operator's allowHosts is unchanged: it can still open a link-local address", () => {
    assert.equal(decideAddress('169.254.169.254', compileAllowList(['169.254.0.0/16'])).allowed, true);
    assert.equal(decideAddress('169.254.10.10', compileAllowList(['metadata.test']), 'metadata.test').allowed, true);
  });

  test("the resolver step drops a granted name's link-local answers before a socket is opened", async () => {
    const resolve: Resolver = async () => [{ address: '169.254.169.254', family: 4 }];
    const lookup = guardedLookup(compileAllowList([], ['metadata.test']), resolve);
    const answer = await new Promise<{ err: Error | null; address: unknown }>((done) =>
      lookup('metadata.test', {}, (err, address) => done({ err, address })),
    );
    assert.ok(answer.err, 'the lookup must fail');
    assert.match(answer.err.message, /link-local/);
    assert.equal(answer.address, '');
  });
});

describe('the desk fetcher of a source allowed a private address', () => {
  let srv: FixtureServer;
  before(async () => {
    srv = await startFixtureServer({
      '/feed.xml': {
        headers: { 'content-type': 'application/rss+xml' },
        body: '<rss version="2.0"><channel><title>Intranet</title><item><title>Inside</title><link>https://intranet.test/1</link></item></channel></rss>',
      },
    });
  });
  after(() => srv.close());

  test("reads its own host on loopback, and no other host's private address", async () => {
    const config = loadConfig({ env: {}, overrides: { allowHosts: [], connectTimeoutMs: 2000, totalTimeoutMs: 5000 } });
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const f = deskFetcher(config, `http://intranet.test:${srv.port}/feed.xml`, { allowPrivate: true }, { resolve });
    try {
      const ok = await f.fetch(`http://intranet.test:${srv.port}/feed.xml`);
      assert.equal(ok.status, 200);
      await assert.rejects(f.fetch(`http://elsewhere.test:${srv.port}/feed.xml`), /loopback/);
    } finally {
      await f.close();
    }
  });

  test("does not reach its own host's link-local address (before the fix the permission did)", async () => {
    const config = loadConfig({ env: {}, overrides: { allowHosts: [], connectTimeoutMs: 2000, totalTimeoutMs: 5000 } });
    // fe80::1 without a zone cannot be connected to on Linux (EINVAL, no packet leaves), so even the
    // build before the fix sends nothing anywhere here; it fails with that error instead of the refusal.
    const resolve: Resolver = async () => [{ address: 'fe80::1', family: 6 }];
    const f = deskFetcher(config, 'http://metadata.test/computeMetadata/v1/', { allowPrivate: true }, { resolve });
    try {
      await assert.rejects(f.fetch('http://metadata.test/computeMetadata/v1/'), /refused to connect to metadata\.test: .*link-local/);
    } finally {
      await f.close();
    }
  });
});
