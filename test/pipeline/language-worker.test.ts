// The language model is loaded and run on a worker thread of its own (detect-language.ts
// WorkerLanguageGuesser): loading its n-gram tables is a few hundred milliseconds of synchronous
// work that stalled the thread checking feeds and renewing their leases. Here: the guess is made
// on another thread, gives the policy's answers, and the tables stay out of this thread's heap.
import assert from 'node:assert/strict';
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { test } from 'node:test';
import { WorkerLanguageGuesser } from '../../src/pipeline/detect-language.js';

test('the model loads and guesses on a thread other than the checking one, and its tables stay there', async () => {
  const guesser = new WorkerLanguageGuesser();
  try {
    const before = getHeapStatistics().used_heap_size;
    const langs = await guesser.guess([
      'Harbour authority approves new ferry terminal after long public consultation',
      'وزارة الزراعة تعلن خطة جديدة لدعم مزارعي النخيل في الجنوب',
      'Bus Radio Festival',
    ]);
    const grown = getHeapStatistics().used_heap_size - before;
    assert.deepEqual(langs, ['en', 'ar', null]);
    assert.equal(typeof guesser.threadId, 'number');
    assert.notEqual(guesser.threadId, threadId, 'guessed on the checking thread');
    // Loaded in this thread, the "small" tables add about 50 MB to its heap (docs/desk.md, p-langid2).
    assert.ok(grown < 25 * 1024 * 1024, `this thread's heap grew by ${(grown / 1e6).toFixed(0)} MB`);
    // Loaded once: a second batch is answered by the same thread.
    const first = guesser.threadId;
    assert.deepEqual(await guesser.guess(['Stadtrat beschließt neuen Radweg entlang des Flussufers']), ['de']);
    assert.equal(guesser.threadId, first);
    assert.deepEqual(await guesser.guess([]), []);
  } finally {
    await guesser.close();
  }
});

test('a guesser whose worker was ended fails the guesses it held and starts another at the next guess', async () => {
  const guesser = new WorkerLanguageGuesser();
  try {
    const held = assert.rejects(guesser.guess(['Harbour authority approves new ferry terminal after consultation']), /worker was closed/);
    await guesser.close();
    await held;
    assert.deepEqual(await guesser.guess(['Harbour authority approves new ferry terminal after consultation']), ['en']);
    await guesser.close();
    assert.deepEqual(await guesser.guess(['Harbour authority approves new ferry terminal after consultation']), ['en']);
  } finally {
    await guesser.close();
  }
});
