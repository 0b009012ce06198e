// Short stories that declare themselves one (their story object, og:type, their one <article>)
// and pages that declare it falsely (a listing setting og:type=article on every page, one
// <article> holding a list of links, a consent wall): the extractor's readerable flag and the
// full-text step read them (short-story.ts). Written for these tests, not taken from any page.

const FURNITURE_TOP = `<header><a href="/">Home</a> <a href="/world">World</a> <a href="/region">Region</a> <a href="/sport">Sport</a></header>
<nav><ul><li><a href="/world">World</a></li><li><a href="/region">Region</a></li><li><a href="/business">Business</a></li><li><a href="/culture">Culture</a></li></ul></nav>`;
const FURNITURE_END = `<footer><p><a href="/about">About us</a> · <a href="/privacy">Privacy</a> · <a href="/contact">Contact</a></p></footer>`;

function page(o: { lang: string; dir?: string; title: string; head?: string; body: string }): string {
  return `<!doctype html><html lang="${o.lang}"${o.dir ? ` dir="${o.dir}"` : ''}><head><meta charset="utf-8"><title>${o.title}</title>${o.head ?? ''}</head>
<body>${FURNITURE_TOP}
${o.body}
${FURNITURE_END}</body></html>`;
}

const ogArticle = '<meta property="og:type" content="article">';

/** A Persian news story of three short paragraphs (each under the 140 characters Readability's test counts from). */
export const FA_PARAGRAPHS = [
  'سازمان امدادی پزشکان صحرا روز دوشنبه اعلام کرد که یک درمانگاه سیار تازه در حاشیه شهر آگادز برای خانواده‌های آسیب‌دیده از سیل راه‌اندازی کرده است.',
  'به گفته مسئولان این سازمان، درمانگاه روزانه تا دویست بیمار را می‌پذیرد و داروهای ضروری را رایگان در اختیار آنان می‌گذارد.',
  'مقام‌های محلی می‌گویند بیش از سه هزار نفر هنوز در اردوگاه‌های موقت زندگی می‌کنند و به کمک بیشتری نیاز دارند.',
];
export const FA_TITLE = 'درمانگاه سیار تازه برای سیل‌زدگان آگادز';

/**
 * The Persian story, declared by its JSON-LD NewsArticle naming the page (`url` its address:
 * `via: 'ld'`), by being the page's one <article> (`via: 'article'`), or not at all.
 */
export function faStory(url: string, via: 'ld' | 'article' | 'none'): string {
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: FA_TITLE,
    url,
    datePublished: '2026-12-05T08:00:00+03:30',
    author: { '@type': 'Person', name: 'مریم احمدی' },
  });
  return page({
    lang: 'fa',
    dir: 'rtl',
    title: `${FA_TITLE} | خبرگزاری نمونه`,
    head: via === 'ld' ? `<script type="application/ld+json">${ld}</script>` : '',
    body: `<div class="main"><${via === 'article' ? 'article' : 'div'} class="story"><h1>${FA_TITLE}</h1><div class="meta">۱۴ آذر ۱۴۰۵</div>
<div class="text">${FA_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}</div></${via === 'article' ? 'article' : 'div'}></div>
<div class="more"><h3>پربیننده‌ها</h3><ul><li><a href="/n/1">بارش برف در ارتفاعات</a></li><li><a href="/n/2">بازگشایی مدرسه‌ها</a></li></ul></div>`,
  });
}

/** An English brief of two paragraphs. */
export const EN_PARAGRAPHS = [
  'The regional water board said on Monday that the hosepipe ban covering the northern valley will be lifted at midnight, after three weeks of heavy rain refilled its reservoirs.',
  'Customers are still asked to report leaks on the board’s telephone line, it said, and a review of the summer’s restrictions and what they saved will be published next month.',
];
export const EN_TITLE = 'Hosepipe ban in the northern valley lifted';

/** The English brief, declared by og:type=article (`via: 'og'`) or not at all. */
export function enBrief(via: 'og' | 'none'): string {
  const text = `<h1>${EN_TITLE}</h1><p class="dateline">5 December 2026</p>\n${EN_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}`;
  return page({
    lang: 'en',
    title: `${EN_TITLE} – Valley Times`,
    head: via === 'og' ? ogArticle : '',
    body: `<main><div class="story">${text}</div></main>`,
  });
}

// Each card under the 140 characters Readability's test counts a block from (so that test fails
// on the page), its teaser a sentence of prose.
const DEKS = [
  ['Riverside path approved', 'The path along the east bank will be finished in spring, the council said after two years of talks.'],
  ['Night buses return', 'Three routes will run on Fridays and Saturdays from January, paid for by the bars along the square.'],
  ['New reading room', 'The room on the second floor seats sixty and stays open until nine in the evening on weekdays.'],
  ['Market hall repairs', 'Stalls move to the car park for six weeks while the roofers replace the glass panels that leaked.'],
  ['Choir wins the cup', 'Forty pupils sang three pieces in the final, one of them without a conductor, and won the cup.'],
  ['Ferry times change', 'The first crossing leaves half an hour later on weekdays, the operator said, to rest the crews.'],
];

/** A section front that sets og:type=article on every page: its stories as cards, <article> each (`cards: 'article'`) or <div>. */
export function listingWithOgArticle(cards: 'article' | 'div'): string {
  const items = DEKS.map(
    ([h, d], i) => `<${cards} class="teaser"><h2><a href="/region/story-${i + 1}">${h}</a></h2><p>${d}</p></${cards}>`,
  ).join('\n');
  return page({
    lang: 'en',
    title: 'Region – Valley Times',
    head: ogArticle,
    body: `<main><h1>Region</h1><section class="list">${items}</section></main>`,
  });
}

/**
 * A page whose one <article> is a list of links (an archive's month), each a full headline: as a
 * list (`shape: 'list'`), or as paragraphs each a link and its note (`shape: 'paragraphs'`).
 */
export function linkListArticle(shape: 'list' | 'paragraphs'): string {
  const links = [
    'The riverside path will be finished in spring, the council says after two years of talks',
    'Night buses return to the old town on Fridays and Saturdays from January, paid by the bars',
    'The library opens its new reading room on the second floor, seating sixty until nine at night',
    'Stalls move to the car park for six weeks while roofers replace the market hall’s glass roof',
  ]
    .slice(0, shape === 'list' ? 4 : 3)
    .map((t, i) =>
      shape === 'list'
        ? `<li><a href="/archive/2026/11/${i + 1}">${t}</a></li>`
        : `<p><a href="/archive/2026/11/${i + 1}">${t}</a>, our issue of ${i + 2} November.</p>`,
    )
    .join('\n');
  return page({
    lang: 'en',
    title: 'Archive: November 2026 – Valley Times',
    body:
      shape === 'list'
        ? `<main><article><h1>November 2026</h1><p>Every story we published in November, newest first; older months are in the archive.</p><ul class="archive">${links}</ul></article></main>`
        : `<main><article><h1>November 2026</h1>${links}</article></main>`,
  });
}

/** A consent wall in front of a story: og:type=article, and the page holds only the notice. */
export function consentWall(): string {
  return page({
    lang: 'en',
    title: 'Before you continue – Valley Times',
    head: ogArticle,
    body: `<div class="wall"><h2>We value your privacy</h2>
<p>We and our partners use cookies and similar technologies to store and access information on your device, to measure how our site is used and to show you personalised advertising.</p>
<p>You can accept all cookies, refuse those that are not needed to run the site, or choose which purposes you allow; you can change your mind at any time in the privacy settings.</p>
<button>Accept all</button> <button>Refuse</button> <button>Settings</button></div>`,
  });
}

/** The English brief with its story object marking it not free to read: the page shows the publisher's teaser. */
export function paywalledBrief(): string {
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: EN_TITLE, isAccessibleForFree: false });
  return enBrief('og').replace('</head>', `<script type="application/ld+json">${ld}</script></head>`);
}
