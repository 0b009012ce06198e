// The "next page" of a listing: rel=next, a link labelled Next / Older posts / », or the number
// after the current one in a pagination bar. Only same-site pages other than this one count.
import { foldText } from './dates.js';
import type { Document, Element } from './dom.js';
import { attr, classAndId, closest, isTag, queryOne, squash, textOf, walk } from './dom.js';
import { normalizeUrl, resolveHttpUrl, sameSite } from './normalize-url.js';
import type { PageContext } from './teaser.js';

const NEXT_TEXT =
  /^[«‹←<\s]*(?:next|next page|next posts|older|older posts|older entries|older articles|older stories|more posts|more articles|more stories|earlier|earlier posts|previous entries|nächste|nächste seite|weiter|ältere beiträge|suivant|page suivante|articles plus anciens|siguiente|página siguiente|successivo|successiva|próxima|próximo|volgende|sonraki|следующая|صفحه بعد|صفحه بعدی|بعدی|مطالب قدیمی‌تر|مطالب قدیمیتر|التالي|التالى|الصفحة التالية|الصفحه التاليه|次へ|下一页|다음)?\s*[»›→>]*$/iu;
const PAGINATION_CLASS =
  /(?:^|[\s_-])(?:pagination|pager|paging|page-numbers|pagenavi|wp-pagenavi|nav-links|nav-previous|pages|page-nav)(?:$|[\s_-])/;
const NEXT_CLASS = /(?:^|[\s_-])(?:next|nextpostslink|next-page|older|nav-previous)(?:$|[\s_-])/;

interface Cand {
  el: Element;
  url: string;
  text: string;
}

function acceptable(url: string | undefined, ctx: PageContext): url is string {
  return url !== undefined && sameSite(url, ctx.pageUrl) && normalizeUrl(url) !== normalizeUrl(ctx.pageUrl);
}

/** The page number the URL itself says (/page/3, ?page=3, ?paged=3), if any. */
function pageNumberOf(url: string): number | undefined {
  try {
    const u = new URL(url);
    for (const k of ['page', 'paged', 'pg', 'pagina', 'seite', 'p']) {
      const v = u.searchParams.get(k);
      if (v && /^\d{1,5}$/.test(v) && (k !== 'p' || Number(v) < 1000)) return Number(v);
    }
    const m = /\/(?:page|seite|pagina|p)\/(\d{1,5})\/?$/i.exec(u.pathname);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function findNextPage(doc: Document, ctx: PageContext, selector?: string): string | undefined {
  if (selector) {
    const el = queryOne(selector, doc, 'next');
    const a = el && (el.name === 'a' ? el : queryOne('a[href]', el, 'next'));
    const url = a ? resolveHttpUrl(attr(a, 'href'), ctx.base) : undefined;
    return acceptable(url, ctx) ? url : undefined;
  }
  // One pass over the page: rel=next links (<link> or <a>), and every other link as a candidate.
  // URLs are only resolved for the few links whose label, class or number makes them worth it.
  const all: Array<{ el: Element; text: string }> = [];
  let relNext: string | undefined;
  walk(doc.children, (n) => {
    if (relNext !== undefined || !isTag(n)) return false;
    if (n.name === 'script' || n.name === 'style' || n.name === 'template') return false;
    if (n.name === 'a' || n.name === 'link') {
      const rel = attr(n, 'rel');
      if (rel && /(?:^|\s)next(?:\s|$)/i.test(rel)) {
        const url = resolveHttpUrl(attr(n, 'href'), ctx.base);
        if (acceptable(url, ctx)) relNext = url;
      }
      // Pager links are short; a long link (a headline) is never "next" and its text is not read.
      if (n.name === 'a' && attr(n, 'href') && n.children.length <= 4)
        all.push({ el: n, text: squash(textOf(n) || attr(n, 'aria-label') || attr(n, 'title') || '') });
      return false;
    }
    return true;
  });
  if (relNext !== undefined) return relNext;
  const worth = (x: { el: Element; text: string }): boolean => {
    if (x.text.length > 40) return false;
    const label = foldText(x.text);
    if (label !== '' && (NEXT_TEXT.test(label) || /^\d{1,4}$/.test(label))) return true;
    const aria = attr(x.el, 'aria-label') ?? attr(x.el, 'title');
    if (aria && NEXT_TEXT.test(foldText(aria))) return true;
    return NEXT_CLASS.test(classAndId(x.el)) || (x.el.parent !== null && isTag(x.el.parent) && NEXT_CLASS.test(classAndId(x.el.parent)));
  };
  const cands: Cand[] = [];
  for (const x of all) {
    if (!worth(x)) continue;
    const url = resolveHttpUrl(attr(x.el, 'href'), ctx.base);
    if (acceptable(url, ctx)) cands.push({ el: x.el, url, text: x.text });
  }

  const inPager = (c: Cand): boolean => closest(c.el, (e) => PAGINATION_CLASS.test(classAndId(e)) || e.name === 'nav') !== undefined;
  // A labelled link: "Next", "Older posts", an arrow. Bare arrows count only inside a pager.
  for (const c of cands) {
    const label = foldText(c.text);
    const aria = foldText(attr(c.el, 'aria-label') ?? attr(c.el, 'title') ?? '');
    const labelled =
      (label !== '' && NEXT_TEXT.test(label) && /[\p{L}]/u.test(label)) || (aria !== '' && NEXT_TEXT.test(aria) && /[\p{L}]/u.test(aria));
    const arrow = label !== '' && /^[»›→>]+$/.test(label);
    const classed = NEXT_CLASS.test(classAndId(c.el)) || (c.el.parent && isTag(c.el.parent) && NEXT_CLASS.test(classAndId(c.el.parent)));
    if (labelled || (classed && inPager(c)) || (arrow && inPager(c))) return c.url;
  }

  // Numbered pagination: the link to the page after the current one.
  const current = pageNumberOf(ctx.pageUrl) ?? currentFromPager(cands) ?? 1;
  const want = String(current + 1);
  const numbered = cands.filter((c) => foldText(c.text) === want);
  return numbered.find(inPager)?.url ?? numbered.find((c) => pageNumberOf(c.url) === current + 1)?.url;
}

/** The number a pagination bar marks as current (aria-current, class "current"/"active", or an unlinked number). */
function currentFromPager(cands: Cand[]): number | undefined {
  const pager = cands.map((c) => closest(c.el, (e) => PAGINATION_CLASS.test(classAndId(e)))).find((e) => e !== undefined);
  if (!pager) return undefined;
  let found: number | undefined;
  walk([pager], (n) => {
    if (found !== undefined || !isTag(n)) return found === undefined;
    const marked =
      attr(n, 'aria-current') !== undefined ||
      /(?:^|\s)(?:current|active|selected)(?:$|\s)/.test(classAndId(n)) ||
      (n.name === 'span' && !closest(n, (e) => e.name === 'a'));
    if (marked) {
      const t = foldText(textOf(n));
      if (/^\d{1,4}$/.test(t)) {
        found = Number(t);
        return false;
      }
    }
    return true;
  });
  return found;
}
