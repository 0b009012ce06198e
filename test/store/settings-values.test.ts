// One settings change, one stored value on both dialects (r-leftovers). PostgreSQL's jsonb holds no
// NUL and no lone UTF-16 surrogate: before, it dropped a NUL where SQLite kept it, and refused the
// whole write for a lone surrogate where SQLite stored it. Now both drop the NUL and store U+FFFD
// for the lone surrogate, in strings and nested keys, in a change and in a new source's settings;
// every other value (numbers, booleans, arrays, nested objects, NaN as null) comes back the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../helpers/dialects.js';

const given = {
  text: 'a\u0000b',
  lone: 'x\ud800y',
  pair: 'x\ud83d\ude00y',
  nested: { 'k\u0000ey': ['\udc00', 1.5, { deep: 'n\u0000' }], big: 1e21, none: null },
  flags: [true, false, 0, -0, NaN],
};
const stored = {
  text: 'ab',
  lone: 'x\ufffdy',
  pair: 'x\ud83d\ude00y',
  nested: { key: ['\ufffd', 1.5, { deep: 'n' }], big: 1e21, none: null },
  flags: [true, false, 0, 0, null],
};

forEachDialect((d) => {
  test('a settings change and a new source’s settings are stored alike on both dialects', async () => {
    const store = await d.open();
    const { source } = await store.sources.add({ url: 'https://values.example/news', kind: 'page', settings: { ...given } });
    assert.deepEqual((await store.sources.get(source.id))?.settings, stored, 'added');
    const other = (await store.sources.add({ url: 'https://values.example/other', kind: 'page' })).source;
    const patched = await store.sources.update(other.id, { settingsChanges: { ...given } });
    assert.deepEqual(patched?.settings, stored, 'changed');
  });
});
