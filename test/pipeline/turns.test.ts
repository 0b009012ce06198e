// nextTurn gives each caller a turn of the event loop of its own, first come first served: a timer
// that fell due while one piece of work ran fires before the next piece, where plain promise
// continuations would have run both pieces back to back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextTurn } from '../../src/pipeline/turns.js';

const busy = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // a synchronous piece of work (a SQLite transaction, say)
  }
};

test('waiters get turns in order, and the loop’s timers run between two of them', async () => {
  const order: string[] = [];
  setTimeout(() => order.push('timer'), 0);
  const piece = (name: string) =>
    nextTurn().then(() => {
      order.push(name);
      busy(5);
    });
  await Promise.all([piece('a'), piece('b'), piece('c')]);
  assert.deepEqual(
    order.filter((x) => x !== 'timer'),
    ['a', 'b', 'c'],
  );
  // The timer is due at the latest once 'a' has run its 5 ms, so it fires before 'b' does.
  assert.ok(order.indexOf('timer') < order.indexOf('b'), order.join(' '));
});

test('without turns the same pieces run back to back before the timer (what turns prevent)', async () => {
  const order: string[] = [];
  setTimeout(() => order.push('timer'), 0);
  const piece = (name: string) =>
    Promise.resolve().then(() => {
      order.push(name);
      busy(5);
    });
  await Promise.all([piece('a'), piece('b'), piece('c')]);
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(order, ['a', 'b', 'c', 'timer']);
});
