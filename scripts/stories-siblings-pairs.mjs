// The pairs and streams of the sibling-events probe (stories-siblings.mjs, issue 10), kept apart
// from the script so that a test can check them without clustering anything. Pure functions of
// the rows given; rows of any split but dev are dropped here, whatever the caller read.

const HOUR = 3_600_000;
/** Hours of real dev stream kept before the event's first article, as context. */
export const CONTEXT_HOURS = 72;
/** Events with fewer dated articles give no follow-up (lone) or too little coverage (established). */
export const MIN_ARTICLES = 3;

/**
 * The dev events with at least MIN_ARTICLES dated articles, each its articles in time order
 * (file order breaks ties), in order of first appearance in the file. `time(published)` is the
 * engine's date parser (a number for a usable date). Also returns every dated dev row (`arts`,
 * each with `t` and its file position `i`), the stream the context is cut from.
 */
export function probeEvents(rows, time) {
  const arts = [];
  rows.forEach((a, i) => {
    if (a.split !== 'dev') return;
    const t = time(a.published);
    if (typeof t === 'number') arts.push({ ...a, t, i });
  });
  const byEvent = new Map();
  for (const a of arts) {
    let list = byEvent.get(a.event);
    if (!list) byEvent.set(a.event, (list = []));
    list.push(a);
  }
  const events = [];
  for (const list of byEvent.values()) {
    list.sort((x, y) => x.t - y.t || x.i - y.i);
    if (list.length >= MIN_ARTICLES) events.push(list);
  }
  return { arts, events };
}

/**
 * The probe's pairs for one starting point (`from`: 'lone', the event's first article alone, or
 * 'established', with its coverage so far): for each event A, every other event B of the same
 * fold gives a sibling (B's first article, which should start its own story), and some of A's own
 * later articles give follow-ups (which should join): its 2nd to 4th when lone, every third of
 * its later articles when established. `foldOf(event)` is stories-dev.mjs's fold; pairs across
 * folds are left out (the out-of-fold models of one fold must not have seen either event).
 */
export function probePairs(events, foldOf, from) {
  const pairs = [];
  for (const A of events) {
    const fold = foldOf(A[0].event);
    for (const B of events) {
      if (B === A || B[0].event === A[0].event || foldOf(B[0].event) !== fold) continue;
      pairs.push({ kind: 'sibling', A, X: B[0], fold });
    }
    const later = from === 'lone' ? A.slice(1, 4) : A.slice(1).filter((_, k) => k % 3 === 0);
    for (const X of later) pairs.push({ kind: 'follow-up', A, X, fold });
  }
  return pairs;
}

/**
 * The stream one pair is clustered in: the dated dev articles from CONTEXT_HOURS before A's first
 * article up to the probe's time (A's first + `gap` hours), without any article of a sibling's
 * event, without the probe article itself, and without A's other articles when lone (with those
 * before the probe's time when established); then the probe article moved to that time, under a
 * new id (`<id>-probe`). Returns the stream in time order and the probe row in it.
 */
export function probeStream(arts, pair, gap, from) {
  const { A, X, kind } = pair;
  const tA = A[0].t;
  const tX = tA + gap * HOUR;
  const aEvent = A[0].event;
  const context = arts.filter(
    (a) =>
      a.t >= tA - CONTEXT_HOURS * HOUR &&
      a.t < tX &&
      a.id !== X.id &&
      !(kind === 'sibling' && a.event === X.event) &&
      (a.event !== aEvent || a.id === A[0].id || from === 'established'),
  );
  const probe = { ...X, id: `${X.id}-probe`, t: tX, published: new Date(tX).toISOString(), i: Number.MAX_SAFE_INTEGER };
  const stream = [...context, probe].sort((p, q) => p.t - q.t || p.i - q.i);
  return { stream, probe };
}
