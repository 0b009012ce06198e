import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileAllowList, decideAddress, hostAllowed, parseAddress } from '../../../src/domain/address-guard.js';
import { guardedLookup, type Resolver } from '../../../src/ingest/fetch/guarded-connector.js';

const none = compileAllowList([]);

// [address, allowed, a word the reason must contain]
const TABLE: [string, boolean, string][] = [
  ['127.0.0.1', false, 'loopback'],
  ['127.1', false, 'loopback'],
  ['0x7f000001', false, 'loopback'],
  ['2130706433', false, 'loopback'],
  ['0177.0.0.1', false, 'loopback'],
  ['127.255.255.254', false, 'loopback'],
  ['10.0.0.1', false, 'private'],
  ['172.16.5.4', false, 'private'],
  ['192.168.1.1', false, 'private'],
  ['169.254.169.254', false, 'link-local'],
  ['100.64.0.1', false, 'carrier-grade'],
  ['224.0.0.251', false, 'multicast'],
  ['0.0.0.0', false, 'unspecified'],
  ['255.255.255.255', false, 'broadcast'],
  ['192.0.2.10', false, 'reserved'],
  ['240.0.0.1', false, 'reserved'],
  ['::1', false, 'loopback'],
  ['[::1]', false, 'loopback'],
  ['::', false, 'unspecified'],
  ['fe80::1', false, 'link-local'],
  ['fe80::1%eth0', false, 'link-local'],
  ['fc00::1', false, 'unique local'],
  ['fd12:3456::1', false, 'unique local'],
  ['ff02::1', false, 'multicast'],
  ['::ffff:127.0.0.1', false, 'loopback'],
  ['::ffff:7f00:1', false, 'IPv4-mapped'],
  ['::ffff:169.254.169.254', false, 'link-local'],
  ['::ffff:10.1.2.3', false, 'private'],
  ['::ffff:0:7f00:1', false, 'loopback'],
  ['64:ff9b::7f00:1', false, 'NAT64'],
  ['64:ff9b::a9fe:a9fe', false, 'link-local'],
  ['2002:7f00:1::1', false, '6to4'],
  ['2002:c0a8:0101::1', false, 'private'],
  ['2001:db8::1', false, 'documentation'],
  ['2001::1', false, 'Teredo'],
  ['8.8.8.8', true, 'public'],
  ['93.184.216.34', true, 'public'],
  ['2606:4700:4700::1111', true, 'public'],
  ['::ffff:8.8.8.8', true, 'public 8.8.8.8'],
  ['64:ff9b::808:808', true, 'public 8.8.8.8'],
  ['2002:808:808::1', true, 'public 8.8.8.8'],
];

describe('address guard decisions', () => {
  for (const [addr, allowed, word] of TABLE) {
    it(`${addr} → ${allowed ? 'allowed' : 'refused'}`, () => {
      const d = decideAddress(addr, none);
      assert.equal(d.allowed, allowed, d.reason);
      assert.ok(d.reason.includes(word), `reason "${d.reason}" should mention "${word}"`);
    });
  }

  it('reads the odd IPv4 spellings as the address they mean', () => {
    for (const s of ['127.1', '0x7f000001', '2130706433', '0177.0.0.1', '0x7f.1'])
      assert.equal(parseAddress(s)?.toString(), '127.0.0.1', s);
    assert.equal(parseAddress('example.com'), undefined);
  });

  it('refuses what is not an address', () => {
    assert.equal(decideAddress('example.com', none).allowed, false);
  });

  it('lets allowlisted CIDRs, single addresses and host names through, and nothing else', () => {
    const allow = compileAllowList(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'intranet.example', '.corp.example']);
    assert.equal(decideAddress('127.0.0.1', allow).allowed, true);
    assert.equal(decideAddress('127.0.0.2', allow).allowed, false);
    assert.equal(decideAddress('10.20.30.40', allow).allowed, true);
    assert.equal(decideAddress('192.168.0.1', allow).allowed, false);
    assert.equal(decideAddress('fd00::5', allow).allowed, true);
    assert.equal(decideAddress('169.254.169.254', allow).allowed, false);
    assert.equal(decideAddress('192.168.0.1', allow, 'intranet.example').allowed, true);
    assert.equal(decideAddress('192.168.0.1', allow, 'wiki.corp.example').allowed, true);
    assert.equal(decideAddress('192.168.0.1', allow, 'evil.example').allowed, false);
    assert.equal(hostAllowed('corp.example', allow), true);
    assert.equal(hostAllowed('notcorp.example', allow), false);
  });

  it('rejects a malformed CIDR in the allowlist with a clear message', () => {
    assert.throws(() => compileAllowList(['10.0.0.0/99']), /not a valid CIDR/);
  });
});

/** Runs the connect-time lookup with a stub resolver (nothing is connected). */
function lookup(resolve: Resolver, host: string, allowEntries: string[] = [], all = true): Promise<{ err: Error | null; addrs: string[] }> {
  const fn = guardedLookup(compileAllowList(allowEntries), resolve);
  return new Promise((done) => {
    fn(host, { all }, (err, address) => {
      const addrs = Array.isArray(address) ? address.map((a) => a.address) : address ? [address] : [];
      done({ err, addrs });
    });
  });
}

describe('connect-time lookup with a stub resolver', () => {
  const stub =
    (table: Record<string, string[]>): Resolver =>
    async (h) =>
      (table[h] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuses a name that resolves only to private or metadata addresses', async () => {
    const r = stub({ 'metadata.evil.test': ['169.254.169.254'], 'lan.evil.test': ['10.0.0.5', '192.168.1.9'] });
    for (const host of ['metadata.evil.test', 'lan.evil.test']) {
      const { err, addrs } = await lookup(r, host);
      assert.ok(err, `${host} must be refused`);
      assert.equal(err.name, 'AddressRefusedError');
      assert.deepEqual(addrs, []);
    }
  });

  it('drops the private addresses of a mixed answer (DNS rebinding) and keeps the public ones', async () => {
    const r = stub({ 'rebind.evil.test': ['127.0.0.1', '93.184.216.34', '::ffff:10.0.0.1', '2606:4700::1'] });
    const { err, addrs } = await lookup(r, 'rebind.evil.test');
    assert.equal(err, null);
    assert.deepEqual(addrs, ['93.184.216.34', '2606:4700::1']);
  });

  it('answers single-address lookups too', async () => {
    const r = stub({ 'a.test': ['10.1.1.1', '8.8.4.4'] });
    const { err, addrs } = await lookup(r, 'a.test', [], false);
    assert.equal(err, null);
    assert.deepEqual(addrs, ['8.8.4.4']);
  });

  it('lets an allowlisted host name resolve to a private address', async () => {
    const r = stub({ 'wiki.intranet.test': ['10.9.8.7'] });
    const { err, addrs } = await lookup(r, 'wiki.intranet.test', ['wiki.intranet.test']);
    assert.equal(err, null);
    assert.deepEqual(addrs, ['10.9.8.7']);
  });
});
