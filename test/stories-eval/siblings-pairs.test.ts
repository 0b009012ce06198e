// The pairs and streams of the sibling-events probe (scripts/stories-siblings-pairs.mjs) on a
// hand-made stream: deterministic, a sibling is always another event of the same fold, rows of
// other splits never reach a pair or a stream, and the context is cut as documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Compiled to dist/test/stories-eval/, run from source by tsx: find the repo root either way.
const here = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(here, here.includes(`${join('dist', 'test')}`) ? '../../..' : '../..');
const P = await import(new URL(`file://${join(ROOT, 'scripts', 'stories-siblings-pairs.mjs')}`).href);

interface Row {
  id: string;
  event: string;
  split: string;
  published: string | null;
  title: string;
  text: string;
}
interface Art extends Row {
  t: number;
}
interface Pair {
  kind: 'sibling' | 'follow-up';
  A: Art[];
  X: Art;
  fold: number;
}

const H = 3_600_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * H).toISOString();
const time = (p: unknown) => (typeof p === 'string' ? Date.parse(p) : null);
const row = (id: string, event: string, hours: number | null, split = 'dev'): Row => ({
  id,
  event,
  split,
  published: hours === null ? null : at(hours),
  title: `${event} ${id}`,
  text: '',
});

// Events a (5 articles), b (3), c (3, in another fold), d (2: too few), h (heldout only), and a
// heldout row inside event a; one undated row of b.
const rows: Row[] = [
  row('a1', 'a', 0),
  row('d1', 'd', 1),
  row('a2', 'a', 2),
  row('b1', 'b', 3),
  row('h1', 'h', 3.5, 'heldout'),
  row('a3', 'a', 4),
  row('ah', 'a', 4.5, 'heldout'),
  row('b2', 'b', 5),
  row('bx', 'b', null),
  row('a4', 'a', 6),
  row('d2', 'd', 7),
  row('b3', 'b', 8),
  row('h2', 'h', 9, 'heldout'),
  row('h3', 'h', 10, 'heldout'),
  row('a5', 'a', 30),
  row('c1', 'c', 80),
  row('c2', 'c', 81),
  row('c3', 'c', 82),
];
const foldOf = (e: string) => (e === 'c' ? 1 : 0);
const ids = (pairs: Pair[]) => pairs.map((p) => `${p.kind}:${p.A[0]?.id}<-${p.X.id}`);

test('events: dev rows with a date only, 3+ articles, in time order', () => {
  const { arts, events } = P.probeEvents(rows, time);
  assert.deepEqual(
    (events as Art[][]).map((l) => l.map((a) => a.id)),
    [
      ['a1', 'a2', 'a3', 'a4', 'a5'],
      ['b1', 'b2', 'b3'],
      ['c1', 'c2', 'c3'],
    ],
  );
  assert.ok((arts as Art[]).every((a) => a.split === 'dev' && typeof a.t === 'number'));
});

test('pairs: deterministic, siblings are other events of the same fold, follow-ups the event’s own', () => {
  const { events } = P.probeEvents(rows, time);
  const lone: Pair[] = P.probePairs(events, foldOf, 'lone');
  assert.deepEqual(ids(lone), [
    'sibling:a1<-b1',
    'follow-up:a1<-a2',
    'follow-up:a1<-a3',
    'follow-up:a1<-a4',
    'sibling:b1<-a1',
    'follow-up:b1<-b2',
    'follow-up:b1<-b3',
    'follow-up:c1<-c2',
    'follow-up:c1<-c3',
  ]);
  assert.deepEqual(ids(P.probePairs(P.probeEvents(rows, time).events, foldOf, 'lone')), ids(lone));
  for (const p of lone) {
    if (p.kind === 'sibling') {
      assert.notEqual(p.X.event, p.A[0]?.event);
      assert.equal(foldOf(p.X.event), p.fold);
    } else assert.equal(p.X.event, p.A[0]?.event);
  }
  // Established: every third of the later articles (2nd, 5th, …).
  const est: Pair[] = P.probePairs(events, foldOf, 'established');
  assert.deepEqual(
    ids(est).filter((s) => s.startsWith('follow-up:a1')),
    ['follow-up:a1<-a2', 'follow-up:a1<-a5'],
  );
});

test('streams: no heldout row, no sibling event, lone without the event’s other articles', () => {
  const { arts, events } = P.probeEvents(rows, time);
  const pairs: Pair[] = P.probePairs(events, foldOf, 'lone');
  for (const from of ['lone', 'established'])
    for (const p of P.probePairs(events, foldOf, from) as Pair[])
      for (const gap of [6, 20]) for (const a of P.probeStream(arts, p, gap, from).stream as Art[]) assert.equal(a.split, 'dev');

  const sib = pairs.find((p) => p.kind === 'sibling' && p.A[0]?.id === 'a1' && p.X.id === 'b1') as Pair;
  const s = P.probeStream(arts, sib, 20, 'lone');
  assert.deepEqual(
    (s.stream as Art[]).map((a) => a.id),
    ['a1', 'd1', 'd2', 'b1-probe'],
  );
  assert.equal(s.probe.published, at(20));
  // Established: A's coverage before the probe's time stays (a5, 30 h, is later).
  assert.deepEqual(
    (P.probeStream(arts, sib, 20, 'established').stream as Art[]).map((a) => a.id),
    ['a1', 'd1', 'a2', 'a3', 'a4', 'd2', 'b1-probe'],
  );
  // A follow-up moved to 6 h: the probe article itself is not also in the context.
  const fol = pairs.find((p) => p.kind === 'follow-up' && p.X.id === 'a3') as Pair;
  assert.deepEqual(
    (P.probeStream(arts, fol, 6, 'established').stream as Art[]).map((a) => a.id),
    ['a1', 'd1', 'a2', 'b1', 'b2', 'a3-probe'],
  );
  // Context reaches 72 h back from the event's first article (b3, exactly 72 h before c1), no further.
  const c = pairs.find((p) => p.A[0]?.id === 'c1') as Pair;
  assert.deepEqual(
    (P.probeStream(arts, c, 6, 'lone').stream as Art[]).map((a) => a.id),
    ['b3', 'a5', 'c1', 'c2-probe'],
  );
});
