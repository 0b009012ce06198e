// Does a link look like it leads to one article, rather than a section, tag, author or search page?
// Teasers link to articles; navigation links to sections. The test reads only the URL's shape.
import { normalizeUrl } from './normalize-url.js';

// First path segments that name collections, accounts or site furniture, in several languages.
const NON_ARTICLE_HEAD =
  /^(?:tags?|category|categories|cat|topics?|sections?|themen|rubri(?:que|ek)s?|authors?|auteurs?|autor(?:en)?|writers?|page|pages|search|suche|recherche|login|logout|register|signup|sign-in|subscribe|subscription|account|about|about-us|contact|contact-us|impressum|privacy|terms|legal|feed|rss|atom|user|users|profile|archive|archives|label|labels|shop|store|cart|newsletter|help|faq|jobs|careers)$/i;
const FILE_NOT_PAGE = /\.(?:jpe?g|png|gif|webp|svg|ico|pdf|zip|gz|mp3|mp4|m4a|webm|mov|avi|css|js|json|xml|rss)$/i;
const ARTICLE_QUERY = /(?:^|[?&])(?:p|id|story|storyid|article|articleid|news|newsid|nid|aid|post|item)=/i;

// The page URL is the same for every link on a page: its normal form is computed once.
let lastPage = '';
let lastPageNorm = '';

export function isArticleUrl(url: string, pageUrl: string): boolean {
  if (pageUrl !== lastPage) {
    lastPage = pageUrl;
    lastPageNorm = normalizeUrl(pageUrl);
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (normalizeUrl(url) === lastPageNorm) return false;
  let segs: string[];
  try {
    segs = u.pathname
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
  } catch {
    segs = u.pathname.split('/').filter(Boolean);
  }
  if (segs.length === 0) return ARTICLE_QUERY.test(u.search);
  if (NON_ARTICLE_HEAD.test(segs[0]!)) return false;
  const last = segs[segs.length - 1]!;
  if (FILE_NOT_PAGE.test(last)) return false;
  // Pagination at the end of a section path (/news/page/2, /world/2).
  if (segs.length >= 2 && /^(?:page|p|seite|pagina)$/i.test(segs[segs.length - 2]!) && /^\d+$/.test(last)) return false;
  if (ARTICLE_QUERY.test(u.search)) return true;
  // Page names: a long or numbered stem (story-of-the-day.html, 20240312.php), not about.php.
  const stem = /^(.*)\.(?:s?html?|php|aspx?|jsp|cms)$/i.exec(last)?.[1];
  if (stem !== undefined) return stem.length >= 12 || /\d{3,}|[-_].*[-_]/.test(stem);
  // Slugs are words joined by hyphens or underscores; ids are long numbers.
  if (/[\p{L}\d]+[-_][\p{L}\d]+[-_][\p{L}\d]+/u.test(last)) return true;
  if (segs.some((s) => /\d{4,}/.test(s))) return true;
  return segs.length >= 2 && last.length >= 12;
}
