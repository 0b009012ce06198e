// Hostile config files (r-ingest4, docs/security.md): keys named like Object.prototype's members
// are unknown options like any other, `__proto__` included, and a file nested past what the YAML
// library can read is refused before it reads it (src/config/nesting.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.js';

const dir = mkdtempSync(join(tmpdir(), 'nd-config-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function load(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    loadConfig({ file, env: {} });
    return 'loaded';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('config file keys and nesting', () => {
  it('constructor, toString and __proto__ are reported as unknown options, not silently ignored', () => {
    assert.match(load('proto.yaml', 'constructor: 1\ntoString: 2\n'), /unknown option\(s\) in .*proto\.yaml: constructor, toString/);
    assert.match(load('proto2.yaml', '__proto__:\n  port: 9999\n'), /unknown option\(s\) in .*proto2\.yaml: __proto__/);
  });

  it('a file nested 5,000 levels deep is refused by name, with where', () => {
    const message = load('deep.yaml', `port: 8080\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    assert.match(message, /deep\.yaml nests lists and mappings more than 100 levels deep \(at character 114\)/);
  });

  it('block nesting without brackets is refused the same way (r2-ingest4)', () => {
    for (const text of [`port: 8080\nx:\n  - ${'- '.repeat(5000)}1\n`, `port: 8080\nx: ${'[ "]", '.repeat(5000)}1${']'.repeat(5000)}\n`]) {
      assert.match(load('deep2.yaml', text), /deep2\.yaml nests lists and mappings more than 100 levels deep/);
    }
  });

  it('brackets in comments and quoted values are not nesting (r2-ingest4)', () => {
    assert.equal(load('ok2.yaml', `# ${'['.repeat(150)}\nport: 8080\nuserAgent: "Newsdesk ${'{'.repeat(150)}"\n`), 'loaded');
  });

  it('an ordinary file with a BOM and flow lists still loads', () => {
    assert.equal(load('ok.yaml', '\uFEFFport: 8080\nallowHosts: [127.0.0.1, "10.0.0.0/8"]\n'), 'loaded');
  });
});
