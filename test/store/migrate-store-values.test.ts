// The canonical forms the copy's checksums compare: one logical value read from SQLite and from
// PostgreSQL must give one text, and different values different texts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeKey, encodeKey } from '../../src/store/copy/keys.js';
import { canonical, commonKind, sqliteKind, toPostgres, toSqlite } from '../../src/store/copy/values.js';

test('one value, two dialects, one canonical text', () => {
  assert.equal(canonical(1n, 'bool'), canonical(true, 'bool'));
  assert.notEqual(canonical(0n, 'bool'), canonical(true, 'bool'));
  assert.equal(canonical('{"b":1,"a":[1,{"y":2,"x":null}]}', 'json'), canonical({ a: [1, { x: null, y: 2 }], b: 1 }, 'json'));
  assert.notEqual(canonical('{"a":1}', 'json'), canonical('{"a":"1"}', 'json'));
  assert.equal(canonical(1767603600000n, 'timestamp'), canonical('2026-01-05 09:00:00+00', 'timestamp'));
  assert.equal(canonical(9007199254740993n, 'int'), canonical('9007199254740993', 'int'), 'past 2^53, exactly');
  assert.equal(canonical(Buffer.from([0, 255]), 'bytes'), '00ff');
  assert.equal(canonical('a\u0000b', 'text'), canonical('ab', 'text'), 'PostgreSQL cannot hold NUL; the copy drops it');
  assert.equal(canonical(null, 'text'), null);
  assert.notEqual(canonical('', 'text'), canonical(null, 'text'));
  assert.equal(canonical(0.1 + 0.2, 'real'), canonical(0.30000000000000004, 'real'));
});

test('kinds: PostgreSQL decides when one side is PostgreSQL; SQLite affinities otherwise', () => {
  assert.equal(sqliteKind('INTEGER'), 'int');
  assert.equal(sqliteKind('BOOLEAN'), 'bool');
  assert.equal(sqliteKind('VARCHAR(20)'), 'text');
  assert.equal(sqliteKind(''), 'any');
  assert.equal(commonKind({ dialect: 'sqlite', kind: 'int' }, { dialect: 'postgres', kind: 'bool' }), 'bool');
  assert.equal(commonKind({ dialect: 'postgres', kind: 'json' }, { dialect: 'sqlite', kind: 'text' }), 'json');
  assert.equal(commonKind({ dialect: 'sqlite', kind: 'text' }, { dialect: 'sqlite', kind: 'int' }), 'text');
});

test('values written to each dialect', () => {
  assert.equal(toPostgres(1n, 'bool'), true);
  assert.equal(toPostgres(12n, 'int'), '12');
  assert.deepEqual(toPostgres(1767603600000n, 'timestamp'), new Date(1767603600000));
  assert.equal(toPostgres('{"s":"a\\u0000b"}', 'json'), '{"s":"ab"}');
  assert.deepEqual(toPostgres(['x', 'y'], 'text'), ['x', 'y']);
  assert.equal(toSqlite(false, 'bool', 'int'), 0);
  assert.equal(toSqlite({ a: 1 }, 'json', 'text'), '{"a":1}');
  assert.equal(toSqlite('2026-01-05 09:00:00+00', 'timestamp', 'int'), 1767603600000);
  assert.equal(toSqlite('2026-01-05 09:00:00+00', 'timestamp', 'text'), '2026-01-05T09:00:00.000Z');
});

test('high-water marks keep their types', () => {
  const key = [9007199254740993n, 'topic-a', Buffer.from([1, 2]), null, 1.5];
  assert.deepEqual(decodeKey(encodeKey(key)), key);
  assert.equal(decodeKey(null), undefined);
});
