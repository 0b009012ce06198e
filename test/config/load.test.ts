import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/options.js';

test('defaults, then file, then environment, then overrides', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-config-'));
  const file = join(dir, 'newsdesk.yaml');
  writeFileSync(file, 'port: 9000\nworkers: 3\nallowHosts: [10.0.0.0/8]\n');
  const c = loadConfig({ file, env: { NEWSDESK_WORKERS: '5' }, overrides: { logLevel: 'warn' } });
  assert.equal(c.port, 9000);
  assert.equal(c.workers, 5);
  assert.deepEqual(c.allowHosts, ['10.0.0.0/8']);
  assert.equal(c.logLevel, 'warn');
  assert.equal(c.pageSize, 50);
});

test('a bad value names the option, the value and where it came from', () => {
  assert.throws(
    () => loadConfig({ env: { NEWSDESK_PORT: 'eighty' } }),
    (err: unknown) =>
      err instanceof ConfigError && /port: "eighty" is not a whole number/.test(err.message) && /NEWSDESK_PORT/.test(err.message),
  );
  assert.throws(() => loadConfig({ env: { NEWSDESK_EXTRACT: 'sometimes' } }), /one of off, short, always/);
});

test('unknown keys in the file are reported, not ignored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-config-'));
  const file = join(dir, 'c.json');
  writeFileSync(file, '{"prot": 80}');
  assert.throws(() => loadConfig({ file, env: {} }), /unknown option\(s\).*prot/);
});

test('environment lists are comma-separated', () => {
  const c = loadConfig({ env: { NEWSDESK_ALLOW_HOSTS: '127.0.0.1/32, intranet.local' } });
  assert.deepEqual(c.allowHosts, ['127.0.0.1/32', 'intranet.local']);
});
