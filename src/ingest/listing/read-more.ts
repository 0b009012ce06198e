// "Read more" links and the truncation marks teasers end with. A read-more link is not a title,
// and neither it nor the ".." before it belongs in the summary.
import type { Element } from './dom.js';
import { classAndId } from './dom.js';

const PHRASES = [
  'read more',
  'read the rest',
  'read full story',
  'read full article',
  'read the full story',
  'read the full article',
  'read on',
  'more',
  'continue reading',
  'continue',
  'full story',
  'full article',
  'view more',
  'see more',
  'learn more',
  'details',
  'more details',
  'read article',
  'read story',
  'weiterlesen',
  'mehr',
  'mehr lesen',
  'lire la suite',
  'lire plus',
  'en savoir plus',
  'suite',
  'leer más',
  'leer mas',
  'seguir leyendo',
  'ver más',
  'leggi tutto',
  'leggi di più',
  'continua a leggere',
  'leia mais',
  'continue lendo',
  'lees meer',
  'verder lezen',
  'devamını oku',
  'devamı',
  'czytaj więcej',
  'подробнее',
  'читать далее',
  'читать дальше',
  'ادامه مطلب',
  'ادامه',
  'ادامه خبر',
  'بیشتر بخوانید',
  'بیشتر',
  'مشاهده بیشتر',
  'اقرأ المزيد',
  'إقرأ المزيد',
  'المزيد',
  'قراءة المزيد',
  'التفاصيل',
  'اقرأ أكثر',
  'التتمة',
  'مزید پڑھیں',
  'और पढ़ें',
  '続きを読む',
  '阅读全文',
  '阅读更多',
  '더보기',
];
const ARROWS = '[\\s»›→←‹«>.…:،]*';
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALT = PHRASES.sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join('|');
const READ_MORE_TEXT = new RegExp(`^${ARROWS}(?:${ALT})${ARROWS}$`, 'iu');
// Single common words ("more", "details") end real sentences too; at the end of a summary they
// count as a read-more only when bracketed or followed by an arrow.
const GENERIC = new Set(['more', 'continue', 'details', 'suite', 'mehr', 'بیشتر', 'ادامه', 'المزيد', 'devamı', 'التفاصيل', 'read on']);
const SPECIFIC_ALT = PHRASES.filter((p) => !GENERIC.has(p))
  .map(escapeRe)
  .join('|');
const TRAILING_READ_MORE = new RegExp(
  `(?:[\\s|\\-–—]*[\\[(]?${ARROWS}(?<![\\p{L}])(?:${SPECIFIC_ALT})${ARROWS}[\\])]?${ARROWS}|\\s*(?:[\\[(]\\s*(?:${ALT})\\s*[\\])]|(?<![\\p{L}])(?:${ALT})\\s*[»›→]+))$`,
  'iu',
);
const READ_MORE_CLASS = /(?:^|[\s_-])(?:more-link|read-?more|readmore|continue-reading|more|moretag)(?:$|[\s_-])/;

/** Whether a link is a "Read more" link: by its text or, for icon-only links, by its class. */
export function isReadMore(a: Element, text: string): boolean {
  if (text.length <= 40 && READ_MORE_TEXT.test(text)) return true;
  return text.length <= 40 && READ_MORE_CLASS.test(classAndId(a));
}

/**
 * A teaser's text made tidy: no leading ellipsis, no trailing "Read more", no trailing ".." or "…"
 * or "[…]" (the site's truncation, not the author's punctuation), no stray " ." left after a sentence.
 */
export function cleanTeaserText(text: string): string {
  let s = text.trim();
  // The marks sit at the end: the regexes see only the tail, which keeps long texts cheap.
  const TAIL = 120;
  const cut = Math.max(0, s.length - TAIL);
  const head = s.slice(0, cut);
  let tail = s.slice(cut);
  for (let i = 0; i < 4; i++) {
    const before = tail;
    // Read-more phrases are short: only the last 60 characters can hold one.
    const k = Math.max(0, tail.length - 60);
    tail = tail.slice(0, k) + tail.slice(k).replace(TRAILING_READ_MORE, '');
    tail = tail.trimEnd();
    tail = tail.replace(/\s*[[(]\s*(?:\.{2,}|…)\s*[\])]$/u, '').trimEnd();
    tail = tail.replace(/(?:\s*(?:\.{2,}|…))+$/u, '').trimEnd();
    // "…signatures. ." — a lone dot after a finished sentence is the truncation mark's remains.
    tail = tail.replace(/([.!?؟»"”])\s+\.$/u, '$1').trimEnd();
    if (tail === before) break;
  }
  s = (head + tail).trim();
  return s.replace(/^(?:…|\.{2,})\s*/u, '');
}
