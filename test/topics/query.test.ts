import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueryNode } from '../../src/topics/query/ast.js';
import { QuerySyntaxError } from '../../src/topics/query/ast.js';
import { parseQuery } from '../../src/topics/query/parse.js';

function show(n: QueryNode): string {
  switch (n.kind) {
    case 'term':
      return JSON.stringify(n.text);
    case 'ref':
      return `@${n.name}`;
    case 'and':
    case 'or':
      return `(${n.kind} ${n.items.map(show).join(' ')})`;
    case 'not':
      return `(not ${show(n.item)})`;
    case 'near':
      return `(near/${n.distance} ${show(n.left)} ${show(n.right)})`;
    case 'field':
      return `${n.field}:${show(n.item)}`;
  }
}

test('precedence: OR < AND < NOT < NEAR, implicit AND', () => {
  assert.equal(show(parseQuery('a OR b c')), '(or "a" (and "b" "c"))');
  assert.equal(show(parseQuery('a AND NOT b OR c')), '(or (and "a" (not "b")) "c")');
  assert.equal(show(parseQuery('a NEAR/3 b AND c')), '(and (near/3 "a" "b") "c")');
  assert.equal(show(parseQuery('NOT a NEAR/2 b')), '(not (near/2 "a" "b"))');
  assert.equal(show(parseQuery('(a OR b) NEAR/5 "camp ashraf"')), '(near/5 (or "a" "b") "camp ashraf")');
});

test('field scopes, entity references, lower-case operators are words', () => {
  assert.equal(show(parseQuery('title:@mek OR text:(liberty camp)')), '(or title:@mek text:(and "liberty" "camp"))');
  assert.equal(show(parseQuery('title:"Camp Ashraf" and or not')), '(and title:"Camp Ashraf" "and" "or" "not")');
  assert.equal(show(parseQuery('polio NEAR campaign')), '(near/10 "polio" "campaign")');
});

function syntaxError(q: string): QuerySyntaxError {
  try {
    parseQuery(q);
  } catch (e) {
    assert.ok(e instanceof QuerySyntaxError, String(e));
    return e;
  }
  assert.fail(`expected a syntax error for ${q}`);
}

test('syntax errors carry line and column', () => {
  const e1 = syntaxError('(mek OR pmoi');
  assert.match(e1.message, /expected "\)"/);
  assert.equal(e1.line, 1);
  assert.equal(e1.column, 13);
  const e2 = syntaxError('mek OR\n  "camp ashraf');
  assert.match(e2.message, /unterminated phrase/);
  assert.deepEqual([e2.line, e2.column], [2, 3]);
  assert.match(syntaxError('a NEAR/0 b').message, /between 1 and/);
  assert.match(syntaxError('a OR').message, /unexpected end/);
  assert.match(syntaxError('a )').message, /no group open/);
  assert.match(syntaxError('@').message, /entity reference/);
  assert.match(syntaxError('a NEAR/3 NOT b').message, /NEAR needs words/);
});

// Found by the fuzzer: 9,000 nested groups exhausted the call stack (RangeError, not a syntax error).
test('deep nesting is a syntax error, not a stack overflow', () => {
  for (const open of ['(', 'NOT ', 'title:(']) {
    const q = `${open.repeat(9000)}x${')'.repeat(open.includes('(') ? 9000 : 0)}`;
    assert.throws(
      () => parseQuery(q),
      (e: unknown) => e instanceof QuerySyntaxError && /nested more than 100 deep/.test(e.message),
    );
  }
  assert.equal(parseQuery(`${'('.repeat(50)}x${')'.repeat(50)}`).kind, 'term');
});
