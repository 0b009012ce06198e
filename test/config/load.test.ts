import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/options.js';
import { runCli } from '../helpers/run-cli.js';

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

test("webhooks' allow list is its own: empty by default, whatever allowHosts holds", () => {
  const c = loadConfig({ env: { NEWSDESK_ALLOW_HOSTS: '10.0.0.0/8, feeds.intranet' } });
  assert.deepEqual(c.alertAllowHosts, []);
  const both = loadConfig({ env: { NEWSDESK_ALLOW_HOSTS: '10.0.0.0/8', NEWSDESK_ALERT_ALLOW_HOSTS: 'hooks.intranet, 10.1.2.0/24' } });
  assert.deepEqual(both.allowHosts, ['10.0.0.0/8']);
  assert.deepEqual(both.alertAllowHosts, ['hooks.intranet', '10.1.2.0/24']);
});

test('a bad alertAllowHosts entry stops the start, naming the option, the entry and where it came from', () => {
  const refused = (env: Record<string, string>, want: RegExp): void =>
    assert.throws(
      () => loadConfig({ env }),
      (err: unknown) => err instanceof ConfigError && want.test(err.message) && /NEWSDESK_ALERT_ALLOW_HOSTS/.test(err.message),
    );
  refused({ NEWSDESK_ALERT_ALLOW_HOSTS: '10.0.0.0/99' }, /alertAllowHosts: "10\.0\.0\.0\/99" is not a CIDR \(write e\.g\. 10\.0\.0\.0\/8/);
  refused(
    { NEWSDESK_ALERT_ALLOW_HOSTS: 'https://hooks.intranet/newsdesk' },
    /alertAllowHosts: "https:\/\/hooks\.intranet\/newsdesk" is not a CIDR, an address or a host name \(no scheme, path or user\)/,
  );
  // The fetcher's list is checked the same way, under its own name.
  assert.throws(
    () => loadConfig({ env: { NEWSDESK_ALLOW_HOSTS: '10.0.0.0/99' } }),
    /allowHosts: "10\.0\.0\.0\/99" is not a CIDR.*NEWSDESK_ALLOW_HOSTS/,
  );
});

test('a host-list entry with a port, a wildcard or another separator stops the start: it would match no connection', () => {
  for (const [entry, want] of [
    ['hooks.intranet:8443', /alertAllowHosts: "hooks\.intranet:8443" is not an address or a host name without a port/],
    ['10.20.0.5:9000', /alertAllowHosts: "10\.20\.0\.5:9000" is not an address or a host name without a port/],
    ['[fd00::5]:443', /without a port/],
    ['*.intranet', /alertAllowHosts: "\*\.intranet" is not a host name without a wildcard \(write \.example\.org/],
  ] as const) {
    assert.throws(
      () => loadConfig({ env: { NEWSDESK_ALERT_ALLOW_HOSTS: entry } }),
      (err: unknown) => err instanceof ConfigError && want.test(err.message) && /NEWSDESK_ALERT_ALLOW_HOSTS/.test(err.message),
      entry,
    );
  }
  assert.throws(
    () => loadConfig({ env: { NEWSDESK_ALERT_ALLOW_HOSTS: 'hooks.intranet;10.20.0.5' } }),
    /alertAllowHosts: "hooks\.intranet;10\.20\.0\.5" is not a CIDR, an address or a host name \(entries are separated by commas\)/,
  );
  assert.throws(
    () => loadConfig({ env: { NEWSDESK_ALLOW_HOSTS: 'feeds.intranet:8080' } }),
    /allowHosts: "feeds\.intranet:8080".*without a port/,
  );
  // IPv6 addresses, bracketed or not, a subdomain form, spaces, empty items and duplicates are fine.
  const ok = loadConfig({
    env: { NEWSDESK_ALERT_ALLOW_HOSTS: ' fd00::5 , [fd00::6], .intranet,, fd00::5, bücher.intranet., 0x7f.1, hooks_1.intranet ' },
  });
  assert.deepEqual(ok.alertAllowHosts, ['fd00::5', '[fd00::6]', '.intranet', 'fd00::5', 'bücher.intranet.', '0x7f.1', 'hooks_1.intranet']);
  assert.deepEqual(loadConfig({ env: { NEWSDESK_ALERT_ALLOW_HOSTS: ' ' } }).alertAllowHosts, []);
});

test('a secret option is read from NAME_FILE, not both; its value never appears in an error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-config-'));
  const tokenFile = join(dir, 'api_token');
  writeFileSync(tokenFile, 'token-from-a-file-0123\n');
  const smtpFile = join(dir, 'smtp_url');
  writeFileSync(smtpFile, 'smtp://mailer:p4ss-from-file@mail.example:587');
  const c = loadConfig({ env: { NEWSDESK_API_TOKEN_FILE: tokenFile, NEWSDESK_SMTP_URL_FILE: smtpFile } });
  assert.equal(c.apiToken, 'token-from-a-file-0123', 'the line end of the file is not part of the secret');
  assert.equal(c.smtpUrl, 'smtp://mailer:p4ss-from-file@mail.example:587');
  assert.throws(
    () => loadConfig({ env: { NEWSDESK_API_TOKEN: 'x', NEWSDESK_API_TOKEN_FILE: tokenFile } }),
    /apiToken: both NEWSDESK_API_TOKEN and NEWSDESK_API_TOKEN_FILE are set/,
  );
  assert.throws(
    () => loadConfig({ env: { NEWSDESK_API_TOKEN_FILE: join(dir, 'none') } }),
    /apiToken: cannot read NEWSDESK_API_TOKEN_FILE=.*none: no such file/,
  );
  // An option that holds no secret has no _FILE form: the variable is simply not read.
  assert.equal(loadConfig({ env: { NEWSDESK_PORT_FILE: tokenFile } }).port, 8080);
  const file = join(dir, 'c.yaml');
  writeFileSync(file, 'apiToken: 123456789012345678\n');
  assert.throws(
    () => loadConfig({ file, env: {} }),
    (err: unknown) =>
      err instanceof ConfigError && /apiToken: the value is not a string/.test(err.message) && !err.message.includes('12345678'),
  );
});

test('newsdesk config masks secret options, in text and JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-config-'));
  const tokenFile = join(dir, 'api_token');
  writeFileSync(tokenFile, 'token-from-a-file-0123\n');
  const env = {
    NEWSDESK_API_TOKEN_FILE: tokenFile,
    NEWSDESK_SMTP_URL: 'smtp://mailer:smtp-pass-0123@mail.example:587',
    NEWSDESK_DATABASE: 'postgres://desk:db-pass-0123@db.example/news?sslmode=require&password=db-pass-4567',
  };
  for (const args of [['config'], ['config', '--json']]) {
    const r = await runCli(args, env);
    assert.equal(r.code, 0, r.stderr);
    for (const secret of ['token-from-a-file-0123', 'smtp-pass-0123', 'db-pass-0123', 'db-pass-4567']) {
      assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `${args.join(' ')} shows ${secret}`);
    }
    assert.match(r.stdout, /smtp:\/\/mailer:\*\*\*@mail\.example:587/, 'the rest of a URL is still shown');
    assert.match(r.stdout, /postgres:\/\/desk:\*\*\*@db\.example\/news\?sslmode=require&password=\*\*\*/);
  }
  const text = await runCli(['config'], env);
  assert.match(text.stdout, /apiToken\n {2}env NEWSDESK_API_TOKEN or NEWSDESK_API_TOKEN_FILE \(secret\), default "", now "\*\*\*"/);
});
