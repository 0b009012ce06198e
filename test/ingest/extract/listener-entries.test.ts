// linkedom's per-node listener tables are left unmade while extraction runs
// (listener-entries.ts): the DOM must behave as before for anyone who does use events, inside
// and outside, and the tables must really be skipped inside (the point of the change).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { hasListenerEntry, listenerEntriesTuned, withoutListenerEntries } from '../../../src/ingest/extract/listener-entries.js';

type Target = {
  addEventListener(type: string, fn: (e: unknown) => void, opts?: unknown): void;
  removeEventListener(type: string, fn: (e: unknown) => void): void;
  dispatchEvent(e: unknown): boolean;
};
type Doc = { body: Target & { firstChild: Target }; createElement(name: string): Target; defaultView: Target };

function page(): { doc: Doc; Event: new (type: string) => unknown } {
  const win = parseHTML('<html><body><p>one</p></body></html>') as unknown as { document: Doc; Event: new (type: string) => unknown };
  return { doc: win.document, Event: win.Event };
}

test('the installed linkedom has the layout the tuning needs (else it changes nothing)', () => {
  assert.equal(listenerEntriesTuned(), true);
});

test('nodes made inside get no listener table; nodes made outside do, as before', () => {
  const outside = page().doc;
  assert.equal(hasListenerEntry(outside.body), true);
  const inside = withoutListenerEntries(() => {
    const p = page().doc;
    return { body: p.body, made: p.createElement('div') };
  });
  assert.equal(hasListenerEntry(inside.body), false);
  assert.equal(hasListenerEntry(inside.made), false);
  // and after the call, making nodes registers them again
  assert.equal(hasListenerEntry(page().doc.createElement('span')), true);
});

test('events work on nodes made inside: a table is made when the first listener is added', () => {
  const { doc, Event } = withoutListenerEntries(() => page());
  const heard: string[] = [];
  const fn = (e: unknown) => heard.push((e as { type: string }).type);
  // removing from a node without a table, and dispatching to it, are no-ops as on an empty table
  doc.body.removeEventListener('ping', fn);
  assert.equal(doc.body.dispatchEvent(new Event('ping')), true);
  doc.body.addEventListener('ping', fn);
  assert.equal(hasListenerEntry(doc.body), true);
  doc.body.dispatchEvent(new Event('ping'));
  doc.body.removeEventListener('ping', fn);
  doc.body.dispatchEvent(new Event('ping'));
  assert.deepEqual(heard, ['ping']);
  // also when the listener is added while skipping, and through the window's event target
  withoutListenerEntries(() => {
    const el = doc.createElement('b');
    el.addEventListener('pong', fn, { once: true });
    el.dispatchEvent(new Event('pong'));
    el.dispatchEvent(new Event('pong'));
    doc.defaultView.addEventListener('load', fn);
    doc.defaultView.dispatchEvent(new Event('load'));
  });
  assert.deepEqual(heard, ['ping', 'pong', 'load']);
});

test('extraction leaves the skipping off behind it, also when the page is bad input', () => {
  extractArticle({ bytes: Buffer.from([0, 1, 2, 255, 254]), url: 'https://example.org/x' });
  extractArticle({ bytes: '<p>A short paragraph of text for the page.</p>', url: 'https://example.org/y' });
  assert.equal(hasListenerEntry(page().doc.body), true);
  assert.throws(() =>
    withoutListenerEntries(() => {
      throw new Error('boom');
    }),
  );
  assert.equal(hasListenerEntry(page().doc.body), true);
});
