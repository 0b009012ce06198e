// The JSON API, /api/v1: sources, entries (keyset pages with filters), search, health.
// Documented by the OpenAPI document served at /api/openapi.json.
import { Hono, type Context } from 'hono';
import type { Config } from '../config/options.js';
import type { AuditRecord } from '../domain/audit.js';
import type { Entry } from '../domain/entry.js';
import { matchTotal } from '../domain/topic.js';
import type { Source } from '../domain/source.js';
import type { SourceCondition } from '../domain/shown-check.js';
import { isHidden, overrideIds } from '../store/curation.js';
import { shownStories } from '../store/public-story.js';
import type { Store } from '../store/store.js';
import { searchAsOf } from '../store/search.js';
import { nothingShown, shownCounts, type HiddenShare } from '../store/stories.js';
import { parseSearch } from '../search/query.js';
import { highlightHits } from '../search/highlight-hits.js';
import { publicFailure } from '../domain/failure.js';
import { sourceName } from '../domain/source-name.js';
import { cursorProblem, decodeCursor, encodeCursor, readCursor } from '../store/cursor.js';
import { canonicalId } from '../domain/canonical-id.js';
import { markedToHtml } from '../search/marks.js';
import { retagPercent, shownDefinition, topicInfo } from '../topics/summary.js';
import { teaserExcerpt } from '../text/teaser-excerpt.js';
import { cleanInput, hasControlChars } from '../text/control-chars.js';
import { redactUrl, shownSource } from '../text/redact-url.js';
import {
  checkSelectors,
  checkSourceAddress,
  isExtractMode,
  isSelectorKey,
  isSourceKind,
  SELECTOR_KEYS,
  SELECTOR_MAX_CHARS,
  type SelectorKey,
  sourceTitle,
} from '../ingest/listing/source-checks.js';
import type { ListingSelectors } from '../ingest/listing/types.js';
import { apiProblem, type ApiProblemKey } from '../locale/api-errors.js';
import { applyToKnown, kindAsked } from '../ingest/listing/known-source.js';
import type { Params } from '../locale/index.js';
import { auditRecord } from '../auth/viewer.js';
import { overSocket } from '../auth/request.js';
import { apiPrivate, checkAccess, type Access } from './auth.js';
import { readOutcome, strongTag, writeCondition } from './conditional.js';
import { hasBody, isJsonType } from './json-type.js';
import { openApiDocument } from './openapi.js';
import { queryTime } from './query-time.js';
import { entryJson, entryStoryJson, sourceJson, storyJson, topicJson } from './shapes.js';
import type { SameFeed } from '../domain/same-feed.js';

export interface ApiDeps {
  store: Store;
  config: Pick<Config, 'apiToken' | 'publicApi' | 'siteAccess' | 'pageSize' | 'excerptChars'> &
    Partial<Pick<Config, 'baseUrl' | 'trustProxy'>>;
  origin: (c: Context) => string;
  /** Where writes are recorded, as the desk's are (default: the store's audit log). */
  recordAudit?: (record: AuditRecord) => Promise<void>;
  /**
   * How the site's robots.txt refuses a listing page to Newsdesk, if it does (the server's fetcher,
   * HttpFetcher.robotsRefusal: the check `newsdesk add` and the desk's preview make). Unset: not asked.
   */
  robotsRefusal?: (url: string) => Promise<{ robots: string; agent: string; path: string } | undefined>;
}

type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 415 | 422;

/**
 * A problem: `{"error", "key"}`, the key a stable name of it for programs and the sentence the
 * catalogue's (src/locale/api-errors.ts) in the language Accept-Language picks (en, ar, fa).
 */
function problem(c: Context, status: ProblemStatus, key: ApiProblemKey, params?: Params, headers: Record<string, string> = {}): Response {
  const p = apiProblem(key, params, c.req.header('accept-language'));
  return c.json(p.body, status, { ...p.headers, ...headers });
}

/**
 * The body's "selectors" (undefined when not given), checked as the desk and `newsdesk add` check
 * them (src/ingest/listing/source-checks.ts), or the problem to answer: an object of known keys
 * and strings, CSS the listing reader can use, each at most SELECTOR_MAX_CHARS characters. A too
 * long one is refused, never cut (a cut selector is another selector).
 */
function bodySelectors(given: unknown): { selectors?: ListingSelectors } | { key: ApiProblemKey; params: Params } {
  if (given === undefined) return {};
  const known =
    given !== null &&
    typeof given === 'object' &&
    !Array.isArray(given) &&
    Object.entries(given).every(([k, v]) => isSelectorKey(k) && typeof v === 'string');
  if (!known) return { key: 'selectors.invalid', params: { keys: SELECTOR_KEYS.join(', ') } };
  const checked = checkSelectors(given as Partial<Record<SelectorKey, string>>);
  if ('selectors' in checked) return Object.keys(checked.selectors).length ? { selectors: checked.selectors } : {};
  const field = `"selectors.${checked.badKey}"`;
  return checked.problem === 'too-long'
    ? { key: 'selector.tooLong', params: { field, length: checked.length, max: SELECTOR_MAX_CHARS } }
    : { key: 'selector.unusable', params: { field } };
}

/**
 * A read's 200 answer with its validators (conditional.ts): a strong ETag of the bytes sent and
 * `Cache-Control: no-cache` (a cache may keep it but asks again each time; on a private site the
 * server's privateCaching makes it `private, no-cache`, never shareable). If-None-Match naming the
 * tag answers 304 with no body, If-Match not naming it 412 (RFC 9110 section 13.2.2's order).
 */
function answer(c: Context, value: unknown, weakOf?: () => unknown): Response {
  const body = JSON.stringify(value);
  // A weak tag where the bytes drift while the answer means the same (search scores, see there).
  const tag = weakOf ? `W/${strongTag(JSON.stringify(weakOf()))}` : strongTag(body);
  const validators = { etag: tag, 'cache-control': 'no-cache' };
  const outcome = readOutcome(c, tag);
  if (outcome === 'failed') return problem(c, 412, 'precondition.failed');
  if (outcome === 'not-modified') return c.body(null, 304, validators);
  return c.body(body, 200, { 'content-type': 'application/json', ...validators });
}

/** The query parameters, each cleaned of control characters (text/control-chars.ts). */
function query(c: Context): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(c.req.query())) out[k] = cleanInput(v);
  return out;
}

/** A path segment naming something: one with control characters names nothing. */
function pathParam(c: Context, name: string): string {
  const v = c.req.param(name) ?? '';
  return hasControlChars(v) ? '' : v;
}

function int(s: string | undefined): number | undefined {
  return s !== undefined && /^\d{1,15}$/.test(s) ? Number(s) : undefined;
}

/**
 * The first of `names` given but not a whole number, as the parameters of a 400 (query.notInteger);
 * undefined when all are fine. Read leniently, `source=abc` filtered nothing and answered every
 * entry as if it had.
 */
function badInteger(q: Record<string, string | undefined>, names: readonly string[]): Params | undefined {
  const bad = names.find((n) => q[n] !== undefined && q[n] !== '' && int(q[n]) === undefined);
  return bad === undefined ? undefined : { name: bad, value: JSON.stringify(q[bad]) };
}

/**
 * The first of `names` given as a whole number but not written canonically (`source=01`,
 * `offset=010`: canonical-id.ts), as the parameters of a 400 (query.notId for id filters,
 * query.notCanonicalNumber for limit/offset since p-offsets: one page, one address, as cursors);
 * undefined when none is. Checked after badInteger, so anything not digits keeps its query.notInteger.
 */
function badId(q: Record<string, string | undefined>, names: readonly string[]): Params | undefined {
  const bad = names.find((n) => q[n] !== undefined && q[n] !== '' && canonicalId(q[n]) === undefined);
  return bad === undefined ? undefined : { name: bad, value: JSON.stringify(q[bad]) };
}

/** A date filter: an ISO date or RFC 3339 date-time, read strictly (query-time.ts). */
const time = queryTime;

/**
 * The first of `names` given more than once (`?source=1&source=2`), as the parameters of a 400
 * (query.repeated); undefined when none is. Hono's query() keeps the first value, so the second
 * filter was dropped with a 200 as if applied, and `?source=1&source=abc` was a 200 while
 * `?source=abc&source=1` was a 400 (p-edges). No parameter of the API takes a list.
 */
function repeatedParam(c: Context, names: readonly string[]): Params | undefined {
  const all = c.req.queries();
  const name = names.find((n) => (all[n]?.length ?? 0) > 1);
  return name === undefined ? undefined : { name };
}

/** Copy ids an entry resource lists (their number is given in full). */
const DUPLICATE_IDS = 100;

/**
 * The entries of `items` an editor hid (themselves, their whole story, or the article they copy),
 * in one query: API reads are public by default, so what the desk took off the public site stays
 * off here too.
 */
async function hiddenEntries(store: Store, items: readonly Pick<Entry, 'id' | 'storyId' | 'duplicateOf'>[]): Promise<Set<number>> {
  if (items.length === 0) return new Set();
  const keys = overrideIds(items);
  const o = await store.curation.overrides(keys.entries, keys.stories);
  const out = new Set<number>();
  for (const e of items) if (isHidden(o, e)) out.add(e.id);
  return out;
}

/**
 * The 400 for a route's numeric query parameters, in the order a client fixes them: any of `counts`
 * (limit, offset) or `ids` (id filters) not a whole number (query.notInteger), then a count written
 * otherwise than canonically (query.notCanonicalNumber), then an id so written (query.notId).
 * Undefined when every one is fine.
 */
function numbersProblem(
  q: Record<string, string | undefined>,
  counts: readonly string[],
  ids: readonly string[] = [],
): { key: 'query.notInteger' | 'query.notCanonicalNumber' | 'query.notId'; params: Params } | undefined {
  const notInteger = badInteger(q, [...counts, ...ids]);
  if (notInteger) return { key: 'query.notInteger', params: notInteger };
  const notCanonical = badId(q, counts);
  if (notCanonical) return { key: 'query.notCanonicalNumber', params: notCanonical };
  const notId = badId(q, ids);
  return notId && { key: 'query.notId', params: notId };
}

function encodeStoryCursor(c: { lastPublished: number; id: number }): string {
  return `${c.lastPublished}.${c.id}`;
}

// A story cursor as encodeStoryCursor writes it: no leading zeros (p-edges; see store/cursor.ts).
// Its time may be negative: a story whose last article was published before 1970 (r-edges; the
// unsigned reading refused the cursor the page before wrote, ending a client's walk there).
const STORY_CURSOR = /^(0|-?[1-9]\d{0,15})\.(0|[1-9]\d{0,14})$/;
const STORY_CURSOR_SHAPE = /^-?\d{1,16}\.\d{1,15}$/;

function decodeStoryCursor(s: string): { lastPublished: number; id: number } | undefined {
  const r = readCursor(s, STORY_CURSOR);
  return r && { lastPublished: r[0], id: r[1] };
}

/**
 * The problem of refused cursors: `malformed` (the route's own key) when any given one is no cursor
 * at all, else `cursor.notCanonical` (a cursor's shape written otherwise than a page gave it: one
 * page, one address, p-edges).
 */
function cursorKey(
  given: (string | undefined)[],
  malformed: 'cursor.invalid' | 'cursor.storyInvalid',
  shape?: RegExp,
  canonical?: RegExp,
): 'cursor.invalid' | 'cursor.storyInvalid' | 'cursor.notCanonical' {
  return given.some((s) => s && cursorProblem(s, shape, canonical) === 'malformed') ? malformed : 'cursor.notCanonical';
}

export function apiRoutes({ store, config, origin, recordAudit = (r) => store.curation.record(r), robotsRefusal }: ApiDeps): Hono {
  const api = new Hono();
  /**
   * Writes through the API go to the audit log like the desk's: a write token's holder could add
   * and remove sources without a trace before the night probe of 2026-12-04. Addresses redacted.
   */
  const audit = (c: Context, action: string, target: string, before: unknown, after: unknown): Promise<void> =>
    recordAudit(auditRecord(c, action, target, before, after, 'API'));
  const guard = (access: Access) => async (c: Context, next: () => Promise<void>) => {
    const denied = checkAccess(c, access, config);
    if (denied) return problem(c, denied.status, denied.key, undefined, denied.challenge ? { 'www-authenticate': denied.challenge } : {});
    await next();
    return undefined;
  };

  /**
   * A body is read as JSON only when it says it is (json-type.ts): else 415 naming what to send.
   * After the route's credential check, so a client without the right token learns that first.
   */
  const jsonBody = async (c: Context, next: () => Promise<void>) => {
    if (hasBody(c.req.raw, overSocket(c)) && !isJsonType(c.req.header('content-type'))) return problem(c, 415, 'body.notJsonType');
    await next();
    return undefined;
  };

  /** The ETag of GET /v1/sources/:id's answer for `s`: what a write's If-Match is compared with. */
  const sourceTag = (s: Source, o: string, same: Map<number, SameFeed>): string =>
    strongTag(JSON.stringify(sourceJson(s, sourceName(shownSource(s)), o, same.get(s.id))));
  /**
   * A write's conditions on a source, judged by the store on the row its write reads (undefined:
   * none sent). The answer's sameFeedAs is read once before the write (one query, only when a
   * condition is sent): the row is judged in the write's transaction, its peers as read here.
   */
  const sourceCondition = async (c: Context): Promise<{ ifMatch: boolean; whole: SourceCondition } | undefined> => {
    const cond = writeCondition(c);
    if (!cond) return undefined;
    const o = origin(c);
    const same = await store.sources.sameFeeds();
    return { ifMatch: cond.ifMatch, whole: (s) => cond.holds(sourceTag(s, o, same)) };
  };

  // On a private site nothing under /api answers an anonymous client but the 401 (p-edges): not the
  // OpenAPI document (which names the server's origin and what it runs), not an unknown address's
  // 404 (which echoes the path), not a 405 (which lists the methods an address takes). Before any
  // route, so the 405s and the 404 registered below are behind it too. A public site's document
  // stays open to any client, a bad token included (it reads nothing stored).
  if (apiPrivate(config)) api.use('*', guard('read'));

  api.get('/openapi.json', (c) => answer(c, openApiDocument(origin(c))));

  api.get('/v1/health', guard('read'), async (c) => {
    const sources = await store.sources.list();
    const by = (st: string): number => sources.filter((s) => s.status === st).length;
    return answer(c, {
      status: 'ok',
      entries: await store.entries.count(),
      sources: { total: sources.length, ok: by('ok'), new: by('new'), failing: by('failing'), disabled: by('disabled') },
      failing: sources
        .filter((s) => s.status === 'failing')
        .map((s) => {
          // The catalogued reason only: the stored message can quote credentials or internal addresses.
          const f = publicFailure(s);
          return {
            id: s.id,
            name: sourceName(shownSource(s)),
            lastError: f?.text ?? null,
            lastErrorKey: f?.key ?? null,
            errorCount: s.errorCount,
          };
        }),
    });
  });

  api.get('/v1/sources', guard('read'), async (c) => {
    // Two queries whatever the number of sources: the rows, and the feed addresses held twice.
    const [all, same] = await Promise.all([store.sources.list(), store.sources.sameFeeds()]);
    return answer(c, { items: all.map((s) => sourceJson(s, sourceName(shownSource(s)), origin(c), same.get(s.id))) });
  });
  api.get('/v1/sources/:id', guard('read'), async (c) => {
    const id = canonicalId(c.req.param('id'));
    const s = id === undefined ? undefined : await store.sources.get(id);
    if (!s) return problem(c, 404, 'source.notFound');
    return answer(c, sourceJson(s, sourceName(shownSource(s)), origin(c), (await store.sources.sameFeeds()).get(s.id)));
  });
  api.post('/v1/sources', guard('write'), jsonBody, async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return problem(c, 400, 'body.notJson');
    }
    const b = body as { url?: unknown; title?: unknown; kind?: unknown; extractMode?: unknown; selectors?: unknown } | null;
    if (!b || typeof b.url !== 'string') return problem(c, 400, 'source.urlMissing');
    // The desk's checks (one module for the desk, the CLI and this route); the API takes the full address only.
    const address = checkSourceAddress(b.url, { assumeHttps: false });
    if ('problem' in address)
      return address.problem === 'not-url' ? problem(c, 400, 'source.urlInvalid', { url: b.url }) : problem(c, 400, 'source.urlNotHttp');
    if (b.kind !== undefined && !isSourceKind(b.kind)) return problem(c, 400, 'source.kindInvalid');
    if (b.extractMode !== undefined && !isExtractMode(b.extractMode)) return problem(c, 400, 'source.extractModeInvalid');
    const sel = bodySelectors(b.selectors);
    if ('key' in sel) return problem(c, 400, sel.key, sel.params);
    if (sel.selectors && b.kind !== undefined && b.kind !== 'page') return problem(c, 400, 'selectors.notPage');
    const title = typeof b.title === 'string' ? sourceTitle(b.title) : null;
    const url = address.url.href;
    const kind = sel.selectors ? 'page' : b.kind;
    const cond = await sourceCondition(c);
    // A new listing page is crawled at every poll: one its site's robots.txt refuses to Newsdesk is
    // refused now, as `newsdesk add` and the desk refuse it, not left to fail at its first poll. A
    // file that cannot be read refuses nothing (the poll asks again).
    if (kind === 'page' && !cond?.ifMatch && robotsRefusal && !(await store.sources.getByUrl(url))) {
      const refused = await robotsRefusal(url).catch(() => undefined);
      if (refused) return problem(c, 422, 'robots.refused', { robots: refused.robots, agent: refused.agent, path: refused.path });
    }
    let source: Source;
    let created = false;
    if (cond?.ifMatch) {
      // If-Match is a condition on the source at this address (p-http): with none it is false, and
      // nothing is created.
      const known = await store.sources.getByUrl(url);
      if (!known) return problem(c, 412, 'precondition.failed');
      source = known;
    } else {
      // A known URL (p-keys): the fields given are applied to it, as `newsdesk add` applies its
      // options, and named; its kind never changes (a kind or selectors asking another is refused).
      // (The store's add answers a known URL with the source as stored, nothing written.) An
      // If-None-Match holds for an address not yet known; the add is one statement, so a source
      // added meanwhile by another writer comes back known and is judged below.
      ({ source, created } = await store.sources.add({
        url,
        ...(title !== null ? { title } : {}),
        kind,
        extractMode: b.extractMode,
        ...(sel.selectors ? { settings: { selectors: sel.selectors } } : {}),
      }));
    }
    if (created) {
      await audit(c, 'source.add', `source:${source.id}`, null, {
        url: redactUrl(source.url),
        kind: source.kind,
        title: source.title,
        extractMode: source.extractMode,
        ...(sel.selectors ? { selectors: sel.selectors } : {}),
      });
      return c.json(sourceJson(source, sourceName(source), origin(c)), 201, { location: `/api/v1/sources/${source.id}` });
    }
    // Preconditions before the method's own refusals (RFC 9110 section 13.2.1): judged here on the
    // source as read, and again by the store on the row its write reads.
    if (cond && !cond.whole(source)) return problem(c, 412, 'precondition.failed');
    const asked = kindAsked(source, kind, sel.selectors);
    // The address as a string: a number parameter is written in the answer's digits (Persian ۱۲).
    if (asked)
      return problem(c, 409, 'source.kindConflict', { id: source.id, kind: source.kind, asked, path: `/api/v1/sources/${source.id}` });
    const given = {
      ...(title !== null ? { title } : {}),
      ...(b.extractMode !== undefined ? { extractMode: b.extractMode } : {}),
      ...(sel.selectors ? { selectors: sel.selectors } : {}),
    };
    let change = applyToKnown(source, given);
    let now = source;
    // Written and recorded only when something changed, as the desk's settings form records its
    // saves, through the store's checked write (sources.updateShown): the change and the
    // conditions are judged against the row as that write reads it, and the audit row's "before"
    // is that row (r-meanwhile), not this route's earlier read.
    // With a condition the store judges it even when nothing is to change, so that the answer is
    // never a 200 for a source that had moved from the tag sent.
    if (change.audit || cond) {
      const selectors = given.selectors;
      const wrote = await store.sources.updateShown(source.id, {
        ...(given.title !== undefined ? { title: { to: given.title } } : {}),
        ...(given.extractMode !== undefined ? { extractMode: { to: given.extractMode } } : {}),
        // Replaced: the keys not given are removed, as applyToKnown says.
        ...(selectors ? { selectors: Object.fromEntries(SELECTOR_KEYS.map((k) => [k, { to: selectors[k] }])) } : {}),
        ...(cond ? { whole: cond.whole } : {}),
      });
      if (!wrote) return problem(c, cond ? 412 : 404, cond ? 'precondition.failed' : 'source.notFound');
      if (wrote.unmet) return problem(c, 412, 'precondition.failed');
      change = applyToKnown(wrote.before, given);
      now = wrote.source;
      if (change.audit) await audit(c, 'source.settings', `source:${source.id}`, change.audit.before, change.audit.after);
    }
    return c.json(
      {
        ...sourceJson(now, sourceName(now), origin(c), (await store.sources.sameFeeds()).get(now.id)),
        applied: change.fields.map((f) => f.field),
        changed: change.fields.filter((f) => f.changed).map((f) => f.field),
      },
      200,
    );
  });
  api.delete('/v1/sources/:id', guard('write'), jsonBody, async (c) => {
    const id = canonicalId(c.req.param('id'));
    const before = id === undefined ? undefined : await store.sources.get(id);
    if (id === undefined || !before) return problem(c, 404, 'source.notFound');
    // If-Match / If-None-Match, judged by the removal's own transaction on the row it removes —
    // and first here, on the route's own read, as POST does (r-http): a tag already stale is refused
    // before the removal's transaction, which on PostgreSQL takes the story gate exclusively, locks
    // every story of the source's entries and hands its sightings over before it reaches the row,
    // and then rolls all of it back; a write-scope client repeating a stale DELETE held the story
    // step's checked writes back each time. The store's check still decides a race.
    const cond = await sourceCondition(c);
    if (cond && !cond.whole(before)) return problem(c, 412, 'precondition.failed');
    // The audit's "before" is the row the removal's own transaction read and removed, not this
    // route's read above (p-edges; r-meanwhile's rule for updateShown): a rename landing between
    // the two is the source that went, not a title it no longer had.
    const done = await store.sources.remove(id, cond?.whole ?? (() => true));
    if (done.outcome !== 'removed')
      return done.outcome === 'unmet' ? problem(c, 412, 'precondition.failed') : problem(c, 404, 'source.notFound');
    const gone = done.before;
    await audit(c, 'source.remove', `source:${id}`, { url: redactUrl(gone.url), kind: gone.kind, title: gone.title }, null);
    return c.body(null, 204);
  });

  api.get('/v1/entries', guard('read'), async (c) => {
    const q = query(c);
    const repeated = repeatedParam(c, ['limit', 'source', 'after', 'before', 'since', 'until', 'topic', 'lang']);
    if (repeated) return problem(c, 400, 'query.repeated', repeated);
    const badNumber = numbersProblem(q, ['limit'], ['source']);
    if (badNumber) return problem(c, 400, badNumber.key, badNumber.params);
    const limit = Math.min(int(q.limit) ?? config.pageSize, 200);
    const after = decodeCursor(q.after);
    const before = decodeCursor(q.before);
    if ((q.after && !after) || (q.before && !before)) return problem(c, 400, cursorKey([q.after, q.before], 'cursor.invalid'));
    const since = time(q.since);
    const until = time(q.until);
    if (since === 'bad' || until === 'bad') return problem(c, 400, 'date.invalid');
    const page = await store.entries.list({
      limit: Math.max(1, limit),
      after,
      before,
      withoutHidden: true,
      sourceId: canonicalId(q.source),
      topicId: q.topic || undefined,
      lang: q.lang || undefined,
      since,
      until,
    });
    return answer(c, {
      items: page.items.map((e) => entryJson(e, teaserExcerpt(e, config.excerptChars), origin(c), false)),
      cursors: { older: page.older ? encodeCursor(page.older) : null, newer: page.newer ? encodeCursor(page.newer) : null },
    });
  });
  api.get('/v1/entries/:id', guard('read'), async (c) => {
    const id = canonicalId(c.req.param('id'));
    const e = id === undefined ? undefined : await store.entries.get(id);
    if (!e || (await hiddenEntries(store, [e])).has(e.id)) return problem(c, 404, 'entry.notFound');
    // Its story's counts, languages and span, and its copies, as the public reads them: what
    // editors hid left out (p-counts), as the story's own answer leaves it out of its entries.
    const [stored, copies, sightings, edits, share] = await Promise.all([
      e.storyId ? store.stories.get(e.storyId) : undefined,
      store.stories.copies([e.id], DUPLICATE_IDS, 0, true),
      store.stories.sightings([e.id]),
      store.stories.history(e.id),
      e.storyId ? store.stories.hiddenShare([e.storyId]) : new Map<number, HiddenShare>(),
    ]);
    // A story the public is shown nothing of (this entry is a copy of a hidden article) is not named:
    // its own answer is 404 (r-counts).
    const story = stored && !nothingShown(stored, share.get(stored.id)) ? shownCounts(stored, share.get(stored.id)) : undefined;
    const c0 = copies.get(e.id);
    const shown = story ? (await shownStories(store, [story], false)).get(story.id) : undefined;
    return answer(c, {
      ...entryJson(e, teaserExcerpt(e, config.excerptChars), origin(c), true),
      ...entryStoryJson(
        story && { story, shown },
        { total: c0?.total ?? 0, ids: (c0?.items ?? []).map((x) => x.entryId) },
        sightings.get(e.id) ?? [],
        edits,
        origin(c),
      ),
    });
  });

  // Stories: one event's coverage across outlets and languages.
  api.get('/v1/stories', guard('read'), async (c) => {
    const q = query(c);
    const repeated = repeatedParam(c, ['limit', 'topic', 'after']);
    if (repeated) return problem(c, 400, 'query.repeated', repeated);
    const badNumber = numbersProblem(q, ['limit']);
    if (badNumber) return problem(c, 400, badNumber.key, badNumber.params);
    const after = q.after === undefined ? undefined : decodeStoryCursor(q.after);
    if (q.after !== undefined && !after)
      return problem(c, 400, cursorKey([q.after], 'cursor.storyInvalid', STORY_CURSOR_SHAPE, STORY_CURSOR));
    const page = await store.stories.list({
      limit: Math.max(1, Math.min(int(q.limit) ?? config.pageSize, 200)),
      topicId: q.topic || undefined,
      // Listed under a topic by a shown tagged entry only, as its topic page lists (p-copies).
      shown: true,
      after,
    });
    // A page may come out shorter than asked when an editor hid some of it; the cursor still goes on.
    // The leads' overrides in the same query: a hidden lead's title does not name its story.
    // Their sizes, languages and spans leave out what editors hid (p-counts), in one query more.
    const [hidden, share] = await Promise.all([
      store.curation.overrides(
        page.items.flatMap((s) => (s.leadEntryId === null ? [] : [s.leadEntryId])),
        page.items.map((s) => s.id),
      ),
      store.stories.hiddenShare(page.items.map((s) => s.id)),
    ]);
    // Left out too: a story the public is shown nothing of (every article hidden; r-counts), as the
    // list leaves out a story with no live entry.
    const listed = page.items.filter((s) => !hidden.stories.get(s.id)?.hidden && !nothingShown(s, share.get(s.id)));
    const shown = await shownStories(store, listed, false, hidden);
    return answer(c, {
      items: listed.map((s) => storyJson(shownCounts(s, share.get(s.id)), origin(c), shown.get(s.id))),
      cursors: { older: page.older ? encodeStoryCursor(page.older) : null },
    });
  });
  api.get('/v1/stories/:id', guard('read'), async (c) => {
    const id = canonicalId(c.req.param('id'));
    const story = id === undefined ? undefined : await store.stories.get(id);
    const o = story && (await store.curation.overrides(story.leadEntryId === null ? [] : [story.leadEntryId], [story.id]));
    if (!story || !o || o.stories.get(story.id)?.hidden) return problem(c, 404, 'story.notFound');
    const shown = (await shownStories(store, [story], false, o)).get(story.id);
    const q = query(c);
    const repeated = repeatedParam(c, ['limit', 'offset']);
    if (repeated) return problem(c, 400, 'query.repeated', repeated);
    const badNumber = numbersProblem(q, ['limit', 'offset']);
    if (badNumber) return problem(c, 400, badNumber.key, badNumber.params);
    const limit = Math.max(1, Math.min(int(q.limit) ?? 200, 200));
    const offset = Math.min(int(q.offset) ?? 0, 10_000_000);
    // A merged story answers with its row (mergedInto says where its entries went) and no entries.
    // Shown articles only, paged in the query, so `offset`/`nextOffset` count shown ones and a page is
    // full while any are left (p-storypages; paged over all, a page of hidden ones came out empty).
    const articles = story.mergedInto === null ? await store.stories.articles(story.id, offset, limit + 1, true) : [];
    const more = articles.length > limit;
    if (more) articles.pop();
    const ids = articles.map((a) => a.entryId);
    // The story's counts, languages and span, and each entry's copies, leave out what editors hid
    // (p-counts), as the entries listed do.
    const [entries, copies, share] = await Promise.all([
      store.entries.getMany(ids),
      store.stories.copies(ids, 0, 0, true),
      store.stories.hiddenShare([story.id]),
    ]);
    // A story the public is shown nothing of (every article hidden) answers as a hidden one (r-counts).
    if (nothingShown(story, share.get(story.id))) return problem(c, 404, 'story.notFound');
    const hiddenHere = await hiddenEntries(store, entries);
    return answer(c, {
      ...storyJson(shownCounts(story, share.get(story.id)), origin(c), shown),
      entries: entries
        .filter((e) => !hiddenHere.has(e.id))
        .map((e) => ({
          ...entryJson(e, teaserExcerpt(e, config.excerptChars), origin(c), false),
          copies: copies.get(e.id)?.total ?? 0,
        })),
      nextOffset: more ? offset + limit : null,
    });
  });

  api.get('/v1/topics', guard('read'), async (c) => {
    const [defs, counts] = await Promise.all([store.topics.listDefinitions(), store.topics.counts()]);
    const n = new Map(counts.map((x) => [x.topicId, x.count]));
    return answer(c, { items: defs.map((d) => topicJson(topicInfo(d), n.get(d.id) ?? 0, retagPercent(d.retag), origin(c))) });
  });
  api.get('/v1/topics/:id', guard('read'), async (c) => {
    const id = pathParam(c, 'id');
    const d = id ? await store.topics.getDefinition(id) : undefined;
    if (!d) return problem(c, 404, 'topic.notFound');
    const count = (await store.topics.counts()).find((x) => x.topicId === d.id)?.count ?? 0;
    // Names, query and description only: alert settings (webhook, secrets, recipients) are server
    // configuration, and API reads are public by default.
    return answer(c, { ...topicJson(topicInfo(d), count, retagPercent(d.retag), origin(c)), definition: shownDefinition(d) ?? null });
  });
  api.get('/v1/topics/:id/entries', guard('read'), async (c) => {
    const id = pathParam(c, 'id');
    if (!id || !(await store.topics.getDefinition(id))) return problem(c, 404, 'topic.notFound');
    const q = query(c);
    const repeated = repeatedParam(c, ['limit', 'after', 'before']);
    if (repeated) return problem(c, 400, 'query.repeated', repeated);
    const badNumber = numbersProblem(q, ['limit']);
    if (badNumber) return problem(c, 400, badNumber.key, badNumber.params);
    const after = decodeCursor(q.after);
    const before = decodeCursor(q.before);
    if ((q.after && !after) || (q.before && !before)) return problem(c, 400, cursorKey([q.after, q.before], 'cursor.invalid'));
    const page = await store.entries.list({
      limit: Math.max(1, Math.min(int(q.limit) ?? config.pageSize, 200)),
      after,
      before,
      withoutHidden: true,
      topicId: id,
    });
    // The page's matches in one query, not one per entry.
    const tags = await store.topics.tagsFor(
      page.items.map((e) => e.id),
      id,
    );
    const items = page.items.map((e) => {
      const tag = tags.get(e.id)?.find((t) => t.topicId === id);
      return {
        ...entryJson(e, teaserExcerpt(e, config.excerptChars), origin(c), false),
        matches: tag?.matches ?? [],
        matchCount: tag ? matchTotal(tag) : 0,
        explain: `${origin(c)}/topics/${encodeURIComponent(id)}/entries/${e.id}/explain`,
      };
    });
    return answer(c, {
      items,
      cursors: { older: page.older ? encodeCursor(page.older) : null, newer: page.newer ? encodeCursor(page.newer) : null },
    });
  });

  api.get('/v1/search', guard('read'), async (c) => {
    const q = query(c);
    const repeated = repeatedParam(c, ['q', 'limit', 'offset', 'source', 'topic', 'lang', 'since', 'until', 'upto', 'at']);
    if (repeated) return problem(c, 400, 'query.repeated', repeated);
    const parsed = parseSearch(q.q ?? '');
    if (!parsed.ast) return problem(c, 400, parsed.reason === 'excluded-only' ? 'search.excludedOnly' : 'search.empty');
    const badNumber = numbersProblem(q, ['limit', 'offset', 'at'], ['source', 'upto']);
    if (badNumber) return problem(c, 400, badNumber.key, badNumber.params);
    const since = time(q.since);
    const until = time(q.until);
    if (since === 'bad' || until === 'bad') return problem(c, 400, 'date.invalid');
    const page = await store.search.search({
      ast: parsed.ast,
      sourceId: canonicalId(q.source),
      topicId: q.topic || undefined,
      lang: q.lang || undefined,
      since,
      until,
      offset: Math.min(int(q.offset) ?? 0, 10_000),
      limit: Math.max(1, Math.min(int(q.limit) ?? config.pageSize, 200)),
      // What editors hid is left out by the store before paging: full pages, and a next offset
      // only when a shown match follows (r-search).
      withoutHidden: true,
      // The moment the first page was ranked as (its asOf): later pages continue that ranking.
      asOf: searchAsOf(canonicalId(q.upto), canonicalId(q.at)),
    });
    const items = highlightHits(page.hits, parsed.ast).map((h) => ({
      ...entryJson(h.entry, teaserExcerpt(h.entry, config.excerptChars), origin(c), false),
      score: h.score,
      titleHtml: markedToHtml(h.titleMarked),
      snippetHtml: markedToHtml(h.snippetMarked),
    }));
    const result = { items, nextOffset: page.nextOffset ?? null, asOf: page.asOf ?? null };
    // The score blends relevance with recency, so it moves with the clock between two identical
    // searches: the tag is weak, of the answer without the scores (the hits, their order and
    // text) and without the moment (asOf): a 304 keeps the client's scores and moment, which rank
    // the same hits in the same order.
    return answer(c, result, () => ({ items: items.map(({ score: _score, ...rest }) => rest), nextOffset: result.nextOffset }));
  });

  // A known address asked with a method it does not take: 405 naming the ones it does (HEAD goes
  // with GET). Registered last, so it only answers when no route above did.
  const methods = new Map<string, Set<string>>();
  for (const r of api.routes) {
    if (r.method === 'ALL') continue;
    const set = methods.get(r.path) ?? new Set<string>();
    set.add(r.method);
    if (r.method === 'GET') set.add('HEAD');
    methods.set(r.path, set);
  }
  for (const [path, allowed] of methods) {
    const allow = [...allowed].join(', ');
    api.all(path, (c) => {
      c.header('allow', allow);
      return problem(c, 405, 'method.notAllowed', { method: c.req.method, allow });
    });
  }
  api.notFound((c) => problem(c, 404, 'endpoint.notFound', { method: c.req.method, path: c.req.path }));
  return api;
}
