// The "extract" pipeline step: for new entries whose source asks for it (extract mode "always",
// or "short" when the feed's text is a teaser), fetch the article page with the guarded fetcher
// and extract the article in a worker thread, then store the outcome:
//   done         sanitised article HTML and its text (language, direction and lead image only
//                where the entry had none),
//   not-article  the page is no article (a listing, a video page): the entry keeps its feed text,
//                and the reason, from what the extractor reported (a refresh elsewhere, no text,
//                too little prose, no article shape), is stored beside the status,
//   failed       the fetch or the extraction failed, or the link is no web page (a PDF, an image,
//                audio or video, another file: its Content-Type says so): nothing is lost, the
//                feed text stays, and the reason's key is stored for the article page and the desk
//                (src/domain/extract-failure.ts).
// Entries are changed in place too, so the steps after this one (topic tagging) see the full text.
// No "pending" state is written: the step runs right after the check, and a crash in between
// would otherwise leave entries pending for ever; "none" already means "not tried".
import { bylineName } from '../../text/byline.js';
import type { Config } from '../../config/options.js';
import type { Entry } from '../../domain/entry.js';
import { notArticleKind, notHtmlKind, type ExtractFailureKind } from '../../domain/extract-failure.js';
import { safeHttpUrl } from '../../domain/safe-url.js';
import { ExtractMemoryError, ExtractTimeoutError } from '../../ingest/extract/isolated.js';
import {
  findFetchError,
  HttpFetcher,
  type CrawlPacer,
  RobotsRefusedError,
  RobotsUnreachableError,
  type FetchRequest,
  type FetchResult,
} from '../../ingest/fetch/index.js';
import type { ExtractResult } from '../../ingest/extract/types.js';
import type { Logger } from '../../log/logger.js';
import type { FullTextUpdate, Store } from '../../store/store.js';
import type { PipelineStep } from '../step.js';
import { entryLanguageText, languageGuesser, type LanguageGuesser } from '../detect-language.js';
import { languageTag } from '../language-tag.js';
import { directionOfLanguage } from '../text-direction.js';
import { ExtractorPool, type PageExtractor } from './extractor-pool.js';
import { needsFullText } from './needs-full-text.js';
import { forEachBounded, HostSlots } from './slots.js';

export interface ArticleFetcher {
  fetch(url: string, req?: FetchRequest): Promise<FetchResult>;
}

export interface ExtractStepOptions {
  fetcher: ArticleFetcher;
  extractor: PageExtractor;
  /** Article fetches at once, over every source (default 4). */
  concurrency?: number;
  /** Article fetches at once to one host (default 2). */
  perHost?: number;
  /**
   * Entries whose article is fetched per run, i.e. per check (default: all). The others keep their
   * feed text (extract status stays "none"; they are not fetched later): one feed naming 100,000
   * links must not become 100,000 requests to the hosts it names.
   */
  maxPerRun?: number;
  /** Called by close(), after the extractor is closed (to close a fetcher the step owns). */
  onClose?: () => Promise<void>;
  /** Where the language of a text read is guessed (default: the process's, detect-language.ts). */
  guesser?: LanguageGuesser;
}

export interface ExtractStep extends PipelineStep {
  /**
   * Extracts one entry (the desk's retry job, `newsdesk extract`-like tools, tests); never throws.
   * Stopped by `signal`, it records nothing and answers status "none".
   */
  extractEntry(entry: Entry, store: Pick<Store, 'entries'>, log: Logger, signal?: AbortSignal): Promise<FullTextUpdate>;
  close(): Promise<void>;
}

const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

/** Media types that cannot hold an article (PDFs, images, feeds are no pages to extract). */
function isPageType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  return /\b(html|xhtml|text\/plain)\b/i.test(contentType);
}

/**
 * The reason's key, from the error's class, never its message: the extraction pool's own limits
 * (its heap cap, its hard time limit), the site's robots.txt, a failed fetch of the page, or anything else.
 */
export function extractFailureKind(err: unknown): ExtractFailureKind {
  if (err instanceof ExtractMemoryError) return 'memory';
  if (err instanceof ExtractTimeoutError) return 'timeout';
  const fe = findFetchError(err);
  // The site's robots.txt refuses the page: the site's choice, said as such (one that could not be
  // read is a fetch that may succeed later).
  if (fe instanceof RobotsRefusedError && !(fe instanceof RobotsUnreachableError)) return 'robots';
  if (fe) return 'fetch';
  return 'other';
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The update a successful extraction makes; the entry's own metadata wins over the page's. A page
 * with no article gets its reason (`pageUrl`, the address read, tells a refresh elsewhere).
 */
export function fullTextUpdate(entry: Entry, r: ExtractResult, pageUrl?: string): FullTextUpdate {
  const text = r.text?.trim() ?? '';
  if (!r.readerable || !r.html || text === '')
    return { fullHtml: null, extractStatus: 'not-article', notArticle: notArticleKind(r, pageUrl) };
  const u: FullTextUpdate = { fullHtml: r.html, extractStatus: 'done' };
  // A page whose extracted text is shorter than the feed's is a poor extraction; keep the feed's.
  if (text.length >= entry.text.trim().length) u.text = text;
  const leadImage = safeHttpUrl(r.leadImage);
  if (!entry.leadImage && leadImage) u.leadImage = leadImage;
  // The page's language in the spelling the feeds' languages are stored in (../language-tag.ts).
  // A language guessed from the feed's text yields to the page's declaration: the page is the
  // publisher's word, the guess only ours (../detect-language.ts). A declared one is kept.
  const lang = languageTag(r.lang);
  if ((!entry.lang || entry.langGuessed) && lang) {
    u.lang = lang;
    const dir = r.dir === 'rtl' || r.dir === 'ltr' ? r.dir : directionOfLanguage(lang);
    if (dir) u.dir = dir;
  }
  // The page's "By …" line as a name: pages add their own "By" before it (../../text/byline.ts).
  if (r.byline) u.author = bylineName(r.byline);
  return u;
}

/**
 * Sets `u.lang` (and its direction) from the entry's headline and the text read, when sure. A
 * guess that fails or is stopped leaves the language as it was: the text read is kept all the
 * same (r2-langid2: it was thrown away and the read counted as failed).
 */
async function guessFromFullText(
  guesser: LanguageGuesser,
  entry: Entry,
  u: FullTextUpdate,
  log: Logger,
  signal?: AbortSignal,
): Promise<void> {
  const text = u.text ?? entry.text;
  let lang: string | null;
  try {
    [lang = null] = await guesser.guess([entryLanguageText(entry.title, text)], signal);
  } catch (err) {
    if (signal?.aborted) throw err;
    log.warn({ entryId: entry.id, error: errorText(err) }, 'language guess failed; the text read is kept without one');
    return;
  }
  if (lang === null) return;
  u.lang = lang;
  u.langGuessed = true;
  const dir = directionOfLanguage(lang);
  if (dir) u.dir = dir;
}

function applyToEntry(entry: Entry, u: FullTextUpdate): void {
  entry.extractStatus = u.extractStatus;
  entry.extractError = u.extractStatus === 'failed' ? (u.extractError ?? null) : null;
  entry.notArticle = u.extractStatus === 'not-article' ? (u.notArticle ?? null) : null;
  if (u.extractStatus !== 'done') return;
  entry.fullHtml = u.fullHtml;
  if (u.text !== undefined) entry.text = u.text;
  if (u.leadImage !== undefined) entry.leadImage = u.leadImage;
  if (u.lang !== undefined) {
    entry.lang = u.lang;
    if (u.langGuessed) entry.langGuessed = true;
    else delete entry.langGuessed;
  }
  if (u.dir !== undefined) entry.dir = u.dir;
  if (u.author !== undefined) entry.author ??= u.author;
}

export function extractFullTextStep(o: ExtractStepOptions): ExtractStep {
  const slots = new HostSlots(Math.max(1, o.concurrency ?? 4), Math.max(1, o.perHost ?? 2));

  const fetchPage = (url: string, signal?: AbortSignal): Promise<FetchResult> =>
    slots.run(hostOf(url), () => {
      signal?.throwIfAborted();
      // A link that answers with no web page (a PDF, a video) is named from its headers; its body
      // is never downloaded (nor, when large, failed as too large).
      // An article read in full is a crawler's request: the site's robots.txt is asked first.
      return o.fetcher.fetch(url, { accept: HTML_ACCEPT, signal, robots: true, skipBody: (h) => !isPageType(h['content-type']) });
    });

  /** The extraction, or the stop signal's error as soon as it fires (the worker is ended at close()). */
  const extract = (res: FetchResult, signal?: AbortSignal): Promise<ExtractResult> => {
    const job = o.extractor.extract(res.body, res.url, res.headers);
    if (!signal) return job;
    signal.throwIfAborted();
    return new Promise<ExtractResult>((resolve, reject) => {
      const onAbort = (): void => reject(new Error('extraction stopped: shutting down'));
      signal.addEventListener('abort', onAbort, { once: true });
      job.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };

  /** Fetch and extract; a meta refresh away from a page that is no article is followed once. */
  const read = async (
    url: string,
    signal?: AbortSignal,
  ): Promise<{ result?: ExtractResult; pageUrl?: string; notPage?: string | undefined }> => {
    let res = await fetchPage(url, signal);
    if (!isPageType(res.headers['content-type'])) return { notPage: res.headers['content-type'] };
    let result = await extract(res, signal);
    const target = result.refreshUrl;
    if (
      target &&
      /^https?:\/\//i.test(target) &&
      withoutHash(target) !== withoutHash(res.url) &&
      (!result.readerable || !result.text?.trim())
    ) {
      res = await fetchPage(target, signal);
      if (!isPageType(res.headers['content-type'])) return { notPage: res.headers['content-type'] };
      // The second page's own refresh is not followed: a refresh loop ends here.
      result = await extract(res, signal);
    }
    return { result, pageUrl: res.url };
  };

  const extractEntry = async (entry: Entry, store: Pick<Store, 'entries'>, log: Logger, signal?: AbortSignal): Promise<FullTextUpdate> => {
    let u: FullTextUpdate;
    try {
      const { result, pageUrl: readUrl, notPage } = await read(entry.url!, signal);
      // A link that is no web page is a failure with its kind named (the reader is told it is a
      // PDF, an image…), not a page that holds no article.
      u = result
        ? fullTextUpdate(entry, result, readUrl)
        : { fullHtml: null, extractStatus: 'failed', extractError: notHtmlKind(notPage ?? '') };
      // Neither the feed nor the page named a language: the article read in full says more than
      // the headline the entry was saved with (../detect-language.ts).
      if (u.extractStatus === 'done' && (!entry.lang || entry.langGuessed) && u.lang === undefined)
        await guessFromFullText(o.guesser ?? languageGuesser(), entry, u, log, signal);
      // The page's own address, for copy detection in the stories step (in memory: the entry's
      // stored canonical URL is its identity across sources, kept as the feed gave it).
      const pageUrl = safeHttpUrl(result?.canonicalUrl);
      if (pageUrl) entry.pageUrl = pageUrl;
      if (notPage)
        log.info(
          { entryId: entry.id, url: entry.url, contentType: notPage, reason: u.extractError },
          'article link is no web page; feed text kept',
        );
      else if (u.extractStatus === 'not-article')
        log.debug({ entryId: entry.id, url: entry.url, reason: u.notArticle }, 'article page is not an article; feed text kept');
      if (result?.warnings.length) log.debug({ entryId: entry.id, url: entry.url, warnings: result.warnings }, 'extracted with warnings');
    } catch (err) {
      // Stopped (shutdown): nothing is recorded; the entry keeps its feed text and status "none".
      if (signal?.aborted) return { fullHtml: null, extractStatus: 'none' };
      const reason = extractFailureKind(err);
      u = { fullHtml: null, extractStatus: 'failed', extractError: reason };
      log.info({ entryId: entry.id, url: entry.url, reason, error: errorText(err) }, 'full text not extracted; feed text kept');
    }
    try {
      await store.entries.setFullText(entry.id, u);
      applyToEntry(entry, u);
    } catch (err) {
      // The entry may have been removed meanwhile; the others go on.
      log.warn({ entryId: entry.id, error: errorText(err) }, 'could not store the extracted text');
    }
    return u;
  };

  return {
    name: 'extract',
    extractEntry,
    async run(entries, ctx) {
      const wanted = entries.filter((e) => needsFullText(ctx.source.extractMode, e));
      if (wanted.length === 0) return;
      const cap = o.maxPerRun ?? wanted.length;
      // In the order the check stored them (newest first when it was capped).
      const todo = wanted.slice(0, cap);
      if (wanted.length > todo.length)
        ctx.log.info(
          { sourceId: ctx.source.id, wanted: wanted.length, fetched: todo.length },
          'more articles than maxArticleFetchesPerCheck; the rest keep their feed text',
        );
      const counts: Record<string, number> = {};
      await forEachBounded(todo, o.concurrency ?? 4, async (e) => {
        if (ctx.signal?.aborted) return;
        const u = await extractEntry(e, ctx.store, ctx.log, ctx.signal);
        counts[u.extractStatus] = (counts[u.extractStatus] ?? 0) + 1;
      });
      ctx.log.debug({ sourceId: ctx.source.id, entries: todo.length, ...counts }, 'full text extracted');
    },
    async close() {
      await o.extractor.close();
      await o.onClose?.();
    },
  };
}

/** The step as a long-running process uses it: a fetcher with the feed fetcher's rules, worker extraction. */
export function createExtractStep(
  config: Config,
  opts: {
    extractWorkers?: number;
    politeness?: (fetcher: ArticleFetcher) => ArticleFetcher;
    /** Crawl-delay turns (the HostGate's, shared by every worker; default: this fetcher's own). */
    pacer?: CrawlPacer;
  } = {},
): ExtractStep {
  const fetcher = new HttpFetcher({
    userAgent: config.userAgent,
    connectTimeoutMs: config.connectTimeoutMs,
    totalTimeoutMs: config.totalTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    maxRedirects: config.maxRedirects,
    allowHosts: config.allowHosts,
    // An article link must never read local files, whatever is allowed for sources.
    allowFileUrls: false,
    connectionsPerOrigin: config.perHostConcurrency,
    crawlDelayCapSeconds: config.crawlDelayCapSeconds,
    ...(opts.pacer ? { pacer: opts.pacer } : {}),
  });
  const extractor = new ExtractorPool(opts.extractWorkers ?? 1, { timeBudgetMs: 5000, hardLimitMs: 20_000, maxHeapMb: 512 });
  return extractFullTextStep({
    // The cluster-wide host limit and holds, when the process shares a store with other workers.
    fetcher: opts.politeness ? opts.politeness(fetcher) : fetcher,
    extractor,
    concurrency: Math.min(config.workers, 8),
    perHost: config.perHostConcurrency,
    maxPerRun: config.maxArticleFetchesPerCheck,
    onClose: () => fetcher.close(),
  });
}
