// After signing in, `next` may only lead to a path of this site: a test per way a browser could
// read it as another origin or a script, and the paths that must still work.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { safeNextPath } from '../../src/auth/next-path.js';

describe('safeNextPath refuses', () => {
  for (const [label, next] of [
    ['a protocol-relative URL', '//evil.example'],
    ['a protocol-relative URL with a path', '//evil.example/desk'],
    ['a backslash after the slash', '/\\evil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['an encoded backslash, lower case', '/%5cevil.example'],
    ['encoded slashes', '/%2F%2Fevil.example'],
    ['a scheme without slashes', 'https:evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'desk/sources'],
    ['a tab inside the slashes', '/\t/evil.example'],
    ['a newline', '/desk\n/x'],
    ['broken percent-encoding', '/%E0%A4%A'],
  ] as const) {
    test(label, () => {
      assert.equal(safeNextPath(next), '/');
      assert.equal(safeNextPath(next, '/desk'), '/desk');
    });
  }
  test('nothing, or something absurdly long', () => {
    assert.equal(safeNextPath(undefined), '/');
    assert.equal(safeNextPath(''), '/');
    assert.equal(safeNextPath(`/${'a'.repeat(3000)}`), '/');
  });
});

describe('safeNextPath keeps', () => {
  for (const next of [
    '/',
    '/desk',
    '/desk/sources?filter=failing',
    '/topics/acme%20corp',
    '/search?q=camp+ashraf&lang=ar',
    '/stories/12#copies',
  ])
    test(next, () => assert.equal(safeNextPath(next, '/fallback'), next));
});
