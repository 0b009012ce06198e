// The reading site: HTML pages and the feeds beside them. Built on Hono so routes can be tested
// with app.request() without a socket; src/server mounts it beside the JSON API.
import { Hono, type Context } from 'hono';
import type { Config } from '../config/options.js';
import type { Logger } from '../log/logger.js';
import type { FeedFormat } from '../publish/index.js';
import { searchAsOf } from '../store/search.js';
import type { Store } from '../store/store.js';
import type { Story } from '../store/stories.js';
import { cacheKey, requestUi, translateEnglish } from './ui.js';
import { RenderCache, rendered, send, type Rendered } from './respond.js';
import { HttpError, Site, type ListingSpec, type SearchParams } from './site.js';
import { cleanInput, hasControlChars } from '../text/control-chars.js';
import { SITE_CSS, SITE_CSS_PATH } from './styles.js';
import { recordAudit } from './desk/audit-log.js';
import { createDesk, type DeskDeps } from './desk/index.js';
import { Auth, authOptions } from '../auth/session.js';
import { viewerOf } from '../auth/viewer.js';
import { createAccountPages } from './account/index.js';
import { personalise } from './account/header.js';
import { crossSiteGuard } from './cross-site.js';
import { methodCheck } from './method-check.js';
import { canonicalId } from '../domain/canonical-id.js';

const uiOf = requestUi;

export interface WebDeps {
  store: Store;
  config: Config;
  log: Logger;
  /** The site's origin for absolute URLs in feeds (the composition root decides: baseUrl or the request). */
  origin: (c: Context) => string;
  /** Keep rendered pages until the store changes (default true; benchmarks turn it off to measure rendering). */
  renderCache?: boolean;
  /** The render cache's clock (default Date.now): tests step it to judge the refresh interval without reading wall time. */
  renderClock?: (() => number) | undefined;
  /** What the desk needs beyond the store (built by src/server); absent, the desk has only store-backed pages. */
  desk?: Omit<DeskDeps, 'store' | 'config' | 'log' | 'catalog'>;
  /** Sign-in and sessions (built by src/server, which also mounts its middleware); absent, one of its own. */
  auth?: Auth;
}

export interface WebSite {
  /** The pages, to mount at "/". */
  app: Hono;
  /** The site's error page for a status (404s and failures outside the pages' own routes). */
  errorResponse(c: Context, status: number, message: string): Response | Promise<Response>;
  /** The site's 405 page: the address does not take this request's method; `allow` names those it does. */
  methodNotAllowed(c: Context, allow: readonly string[]): Response;
  /** What the render cache holds now (for metrics). */
  cacheStats(): { bytes: number; entries: number };
  /** This process changed the store (an API write): pages rendered before now are not served again. */
  storeWritten(): void;
}

/** Within the stale window, how often a changed page is rendered again (at most; a fifth of the window if that is less). */
const REFRESH_MS = 1000;

const FORMATS: FeedFormat[] = ['rss', 'atom', 'json'];

/**
 * A page number or offset as the site's own links write it: canonical decimal (canonical-id.ts's
 * grammar), absent or empty meaning the first page. Anything else is a 400 (p-offsets): `offset=010`
 * read as 10 gave one page a second address (its own render-cache entry, a crawler's duplicate), and
 * `offset=abc`, `-1` or 16 digits read as absent gave the first page more; a malformed cursor is
 * already refused the same way (error.badCursor).
 */
function numberParam(s: string | undefined): number | undefined {
  if (s === undefined || s === '') return undefined;
  const n = canonicalId(s);
  if (n === undefined) throw new HttpError(400, 'error.numberNotCanonical');
  return n;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A language tag as stored (en, pt-BR, zh-Hant-TW); anything else filters nothing. */
const LANG_TAG = /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,4}$/;

/** `v` when it has the shape `re`, else undefined: a value the page cannot use is not carried around. */
function matching(v: string | undefined, re: RegExp): string | undefined {
  return v !== undefined && re.test(v) ? v : undefined;
}

/** A query parameter, cleaned of control characters (text/control-chars.ts). */
function query(c: Context, name: string): string | undefined {
  return cleanInput(c.req.query(name));
}

/** A path segment naming something: one with control characters names nothing. */
function pathParam(c: Context, name: string): string | undefined {
  const v = c.req.param(name);
  return v === undefined || hasControlChars(v) ? undefined : v;
}

export function createWebSite({
  store,
  config,
  log,
  origin,
  renderCache = true,
  renderClock = Date.now,
  desk = {},
  auth,
}: WebDeps): WebSite {
  const app = new Hono();
  const site = new Site(store, config);
  const cache = new RenderCache(renderCache ? config.renderCacheBytes : 0);

  // Renderings under way, one per key: readers of a page that is being rendered wait for it
  // instead of rendering it again (under ingest every request would otherwise start its own).
  const rendering = new Map<string, { done: Promise<Rendered>; stamp: string; at: number; writes: number }>();
  // Changes made through this process so far (desk and API writes, counted once each request has
  // ended): no rendering begun before the latest is served, stale or shared, so an editor sees
  // their change on the next page they load.
  let writes = 0;
  const staleMs = renderCache ? config.renderStaleMs : 0;
  const refreshMs = Math.min(REFRESH_MS, staleMs / 5);

  function render(key: string, stamp: string, make: (stamp: string) => Promise<Rendered>): Promise<Rendered> {
    const at = renderClock();
    const w = writes;
    const done = make(stamp).then((r) => {
      if (r.status === 200) cache.set(stamp, key, r, at, w);
      return r;
    });
    const job = { done, stamp, at, writes: w };
    rendering.set(key, job);
    const forget = (): void => {
      if (rendering.get(key) === job) rendering.delete(key);
    };
    done.then(forget, forget);
    return done;
  }

  // Background stamp checks under way, one per key.
  const checking = new Set<string>();

  /** Asks the change stamp off the request path: confirms the kept page, or renders a fresh one. */
  function revalidate(key: string, page: string, make: (stamp: string) => Promise<Rendered>): void {
    if (checking.has(key)) return;
    checking.add(key);
    const w = writes;
    const asked = renderClock();
    void (async () => {
      const stamp = await store.search.changeStamp();
      const kept = cache.latest(key);
      if (w !== writes) return; // a write through this process meanwhile: the next reader decides
      if (kept && kept.stamp === stamp && kept.writes === w) cache.confirm(key, asked);
      else if (rendering.get(key)?.writes !== w) await render(key, stamp, make);
    })()
      .catch((err: unknown) => {
        if (!(err instanceof HttpError)) log.warn({ err, page }, 'background revalidation failed');
      })
      .finally(() => checking.delete(key));
  }

  /**
   * Serves from the render cache, rendering on a miss. `page` names the page by what its renderer
   * reads (path and the parameters it uses, as parsed), never by the raw URL: parameters a page
   * ignores must not make new entries. `vary` adds what else changes the body (locale, origin).
   *
   * After the store changed, the last rendering is still served while it is younger than
   * `renderStaleMs` (its age counts from when it was last known to match the store) and no change
   * was made through this process since; one fresh rendering is started beside it. Past that bound
   * the reader waits for a fresh rendering. Within the refresh interval the stamp is not asked;
   * past it but within the bound, it is asked in the background (revalidate) while the kept page is served.
   */
  async function cached(c: Context, page: string, vary: string, make: (stamp: string) => Promise<Rendered>): Promise<Response> {
    const key = `${page}|${vary}`;
    const before = cache.latest(key);
    if (before && before.writes === writes) {
      // Nothing the stamp could say would change what is sent: the kept rendering is younger than
      // the refresh interval, or a fresh one is under way and it is within the bound. Under ingest
      // that is most requests, and asking costs a round trip that waits behind the ingest's writes.
      const age = renderClock() - before.at;
      const ahead = rendering.get(key);
      if (age < refreshMs || (ahead && ahead.writes === writes && age <= staleMs)) return answer(c, key, before.r);
      // Within the bound the reader is not kept waiting for the stamp either: the kept page is
      // served and the stamp asked beside it (a fresh rendering started if the store changed).
      // Under ingest that round trip queues behind the workers' writes, and was the slow tail.
      if (age <= staleMs) {
        revalidate(key, page, make);
        return answer(c, key, before.r);
      }
    }
    const asked = renderClock();
    const stamp = await store.search.changeStamp();
    const now = renderClock();
    const usable = (k: { at: number; stamp: string; writes: number }): boolean =>
      k.writes === writes && (k.stamp === stamp || now - k.at <= staleMs);
    const kept = cache.latest(key);
    const running = rendering.get(key);
    let r: Rendered;
    if (kept && kept.stamp === stamp && kept.writes === writes) {
      r = kept.r;
      cache.confirm(key, asked); // still what the store holds: its age counts from now on
    } else if (kept && usable(kept)) {
      r = kept.r;
      if (!running || running.writes !== writes)
        render(key, stamp, make).catch((err: unknown) => {
          // A page gone since (404) is the next reader's to find out; anything else is worth a line.
          if (!(err instanceof HttpError)) log.warn({ err, page }, 'background rendering failed');
        });
    } else if (running && usable(running)) r = await running.done;
    else r = await render(key, stamp, make);
    return answer(c, key, r);
  }

  function answer(c: Context, key: string, r: Rendered): Response {
    // A signed-in viewer's copy carries their own header corner and is theirs alone (account/header.ts).
    const v = viewerOf(c);
    if (v?.via === 'session' && r.type.startsWith('text/html'))
      return send(c, rendered(personalise(r.body.toString(), v, requestUi(c)), r.type, r.lastModified, r.status), 'private, no-store');
    const res = send(c, r);
    cache.recount(key);
    return res;
  }

  // Before anything reads a body: a state-changing request the browser marks as cross-site is
  // refused, whatever token it carries (cross-site.ts; the forms' CSRF tokens are still checked after).
  app.use(
    '*',
    crossSiteGuard(config, (c, reason) => {
      log.info({ method: c.req.method, path: c.req.path, reason }, 'a cross-site request was refused');
      const ui = uiOf(c);
      return send(c, site.errorPage(403, ui.t('error.crossSite'), ui));
    }),
  );

  // A known address asked with a method it does not take: 405 with Allow (method-check.ts), after
  // the cross-site guard (a marked write is refused as such) and before the desk's role check, so
  // every reader gets the same answer for an address. The table is read from the routes registered
  // below, at the first request.
  const methodNotAllowed = (c: Context, allow: readonly string[]): Response => {
    const ui = uiOf(c);
    return send(c, site.errorPage(405, ui.t('error.method', { method: c.req.method, allow: allow.join(', ') }), ui), 'no-store');
  };
  app.use(
    '*',
    methodCheck(
      () => app.routes,
      () => false,
      methodNotAllowed,
    ),
  );

  // A change made through this process (desk forms, account pages; the API through storeWritten)
  // is shown at once: renderings begun before it are no longer served.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') writes++;
  });

  app.onError((err, c) => {
    const ui = uiOf(c);
    if (err instanceof HttpError) return send(c, site.errorPage(err.status, ui.t(err.key, err.params), ui));
    log.error({ err, url: c.req.url }, 'request failed');
    return send(c, site.errorPage(500, ui.t('error.server'), ui));
  });

  // Sign-in, set-up and the account pages; before the desk, so /desk/account is open to every role.
  // Account and desk changes go to one audit log: the server's writer, else the store's.
  const audit = desk.recordAudit ?? recordAudit(store);
  app.route('/', createAccountPages({ store, log, auth: auth ?? new Auth(store, authOptions(config)), recordAudit: audit }));
  // The desk is per-user and never cached; it sits behind a role (desk/index.ts).
  app.route('/desk', createDesk({ store, config, log, catalog: site.catalog, ...desk, recordAudit: audit }));

  const cssRendered = rendered(SITE_CSS, 'text/css; charset=utf-8');
  app.get(SITE_CSS_PATH, (c) => send(c, cssRendered, 'public, max-age=31536000, immutable'));

  // Topic pages: all stories, a source, a topic. Each has feeds beside it.
  // The spec is looked up inside the rendering (`path` and `days` name the page without it): a
  // page served from the cache costs no query beyond the change stamp.
  // The spec is read with the rendering's own stamp: a second stamp read in one request could name
  // another snapshot (any commit in the database moves it), miss every per-stamp cache and read the
  // topics and sources again.
  const listing = (
    c: Context,
    path: string,
    days: number | undefined,
    spec: (stamp: string) => Promise<ListingSpec>,
  ): Promise<Response> => {
    const ui = uiOf(c);
    const cursor = { older: query(c, 'older'), newer: query(c, 'newer') };
    const page = `${path}?days=${days ?? ''}&older=${cursor.older ?? ''}&newer=${cursor.newer ?? ''}`;
    return cached(c, page, cacheKey(ui), async (stamp) => site.listing(await spec(stamp), cursor, ui, stamp));
  };
  const listingFeed = (c: Context, path: string, spec: (stamp: string) => Promise<ListingSpec>, f: FeedFormat): Promise<Response> =>
    cached(c, `${path}/feed.${f}`, origin(c), async (stamp) => site.listingFeed(await spec(stamp), f, origin(c), stamp));
  /** Registers <prefix>/feed.rss, .atom and .json. */
  const feedRoutes = (prefix: string, handler: (c: Context, f: FeedFormat) => Promise<Response>): void => {
    for (const f of FORMATS) app.get(`${prefix}/feed.${f}`, (c) => handler(c, f));
  };

  const allSpec: ListingSpec = {
    path: '/',
    // One teaser per story; its other coverage folds under it.
    query: { onePerStory: true },
    heading: 'All stories',
    headingKey: 'shell.allStories',
    current: 'all',
    empty: 'listing.allEmpty',
    desk: true,
  };
  const all = async (): Promise<ListingSpec> => allSpec;
  app.get('/', (c) => listing(c, allSpec.path, allSpec.days, all));
  feedRoutes('', (c, f) => listingFeed(c, allSpec.path, all, f));

  const sourceSpec = async (c: Context, stamp: string): Promise<ListingSpec> => {
    const id = canonicalId(c.req.param('id'));
    const info = id === undefined ? undefined : (await site.catalog.current(stamp)).get(id);
    if (!info || id === undefined) throw new HttpError(404, 'error.noSource');
    return {
      path: `/sources/${id}`,
      query: { sourceId: id },
      heading: info.name,
      current: 'sources',
      empty: 'listing.sourceEmpty',
      sourceId: id,
    };
  };
  app.get('/sources', (c) => {
    const ui = uiOf(c);
    return cached(c, '/sources', cacheKey(ui), (stamp) => site.sourcesPage(ui, stamp));
  });
  const sourcePath = (c: Context): string => `/sources/${canonicalId(c.req.param('id')) ?? ''}`;
  app.get('/sources/:id', (c) => listing(c, sourcePath(c), undefined, (stamp) => sourceSpec(c, stamp)));
  feedRoutes('/sources/:id', (c, f) => listingFeed(c, sourcePath(c), (stamp) => sourceSpec(c, stamp), f));

  const topicDays = (c: Context): number => (query(c, 'days') === '90' ? 90 : 30);
  const topicSpec = async (c: Context, stamp: string): Promise<ListingSpec> => {
    const id = pathParam(c, 'id') ?? '';
    const topic = id ? await site.topic(id, stamp) : undefined;
    if (!topic) throw new HttpError(404, 'error.noTopic');
    return {
      path: `/topics/${encodeURIComponent(id)}`,
      query: { topicId: id, onePerStory: true },
      heading: topic.name,
      intro: topic.description,
      current: 'topics',
      empty: topic.retag.status === 'done' ? 'listing.topicEmpty' : 'listing.topicEmptyRetag',
      topic,
      days: topicDays(c),
    };
  };
  app.get('/topics', (c) => {
    const ui = uiOf(c);
    return cached(c, '/topics', cacheKey(ui), (stamp) => site.topicsPage(ui, stamp));
  });
  const topicPath = (c: Context): string => `/topics/${encodeURIComponent(pathParam(c, 'id') ?? '')}`;
  app.get('/topics/:id', (c) => listing(c, topicPath(c), topicDays(c), (stamp) => topicSpec(c, stamp)));
  app.get('/topics/:id/entries/:entryId/explain', (c) => {
    const entryId = canonicalId(c.req.param('entryId'));
    const topicId = pathParam(c, 'id');
    if (entryId === undefined || !topicId) throw new HttpError(404, 'error.noAddress');
    const ui = uiOf(c);
    return cached(c, `/topics/${encodeURIComponent(topicId)}/entries/${entryId}/explain`, cacheKey(ui), (stamp) =>
      site.explain(topicId, entryId, ui, stamp),
    );
  });
  feedRoutes('/topics/:id', (c, f) => listingFeed(c, topicPath(c), (stamp) => topicSpec(c, stamp), f));

  app.get('/entries/:id', (c) => {
    const id = canonicalId(c.req.param('id'));
    if (id === undefined) throw new HttpError(404, 'error.noAddress');
    const ui = uiOf(c);
    return cached(c, `/entries/${id}`, cacheKey(ui), (stamp) => site.article(id, ui, stamp));
  });

  // Stories: one event's coverage. A merged story's address leads to the story it joined.
  const storyOf = async (c: Context): Promise<Story | Response> => {
    const id = canonicalId(c.req.param('id'));
    const story = id === undefined ? undefined : await store.stories.get(id);
    if (!story || (story.mergedInto === null && story.size === 0)) throw new HttpError(404, 'error.noStory');
    if (story.mergedInto !== null) {
      // What follows the id segment as it was written, cut by the segment and not by the id as a
      // number (ids are canonical now, p-api3, but a cut by length once made story 121 of 12).
      const rest = c.req.path.replace(/^\/stories\/[^/]*/, '');
      const q = new URL(c.req.url).search;
      return c.redirect(`/stories/${story.mergedInto}${rest}${q}`, 301);
    }
    return story;
  };
  app.get('/stories/:id', async (c) => {
    const story = await storyOf(c);
    if (story instanceof Response) return story;
    const page = Math.max(1, Math.min(numberParam(query(c, 'page')) ?? 1, 100_000));
    const ui = uiOf(c);
    return cached(c, `/stories/${story.id}?page=${page}`, cacheKey(ui), (stamp) => site.story(story, page, ui, stamp));
  });
  app.get('/stories/:id/copies/:entryId', async (c) => {
    const story = await storyOf(c);
    if (story instanceof Response) return story;
    const entryId = canonicalId(c.req.param('entryId'));
    if (entryId === undefined) throw new HttpError(404, 'error.noStoryArticle');
    const offset = Math.min(numberParam(query(c, 'offset')) ?? 0, 10_000_000);
    const ui = uiOf(c);
    return cached(c, `/stories/${story.id}/copies/${entryId}?offset=${offset}`, cacheKey(ui), (stamp) =>
      site.storyCopies(story, entryId, offset, ui, stamp),
    );
  });
  feedRoutes('/stories/:id', async (c, f) => {
    const story = await storyOf(c);
    if (story instanceof Response) return story;
    return cached(c, `/stories/${story.id}/feed.${f}`, origin(c), (stamp) => site.storyFeed(story, f, origin(c), stamp));
  });

  const searchParams = (c: Context): SearchParams => ({
    q: (query(c, 'q') ?? '').slice(0, 500),
    sourceId: canonicalId(query(c, 'source')),
    topicId: query(c, 'topic') || undefined,
    lang: matching(query(c, 'lang'), LANG_TAG),
    from: matching(query(c, 'from'), ISO_DAY),
    to: matching(query(c, 'to'), ISO_DAY),
    offset: Math.min(numberParam(query(c, 'offset')) ?? 0, 10_000),
    asOf: searchAsOf(numberParam(query(c, 'upto')), numberParam(query(c, 'at'))),
  });
  app.get('/search', (c) => {
    const ui = uiOf(c);
    const p = searchParams(c);
    return cached(c, `/search?${site.searchQueryString(p, true)}`, cacheKey(ui), (stamp) => site.search(p, ui, stamp));
  });
  feedRoutes('/search', (c, f) => {
    const p = searchParams(c);
    if (!p.q.trim()) throw new HttpError(400, 'error.searchFeedWords');
    return cached(c, `/search/feed.${f}?${site.searchQueryString(p)}`, origin(c), (stamp) => site.searchFeed(p, f, origin(c), stamp));
  });

  return {
    app,
    errorResponse: (c, status, message) => {
      const ui = uiOf(c);
      return send(c, site.errorPage(status, translateEnglish(ui, message), ui));
    },
    methodNotAllowed,
    cacheStats: () => ({ bytes: cache.bytes, entries: cache.size }),
    storeWritten: () => {
      writes++;
    },
  };
}
