// Live-blog and paywall-stub pages written for the live-blog tests (live-blog.test.ts): the
// shapes news sites and the WordPress live-blog plugins give a running story, with text of our own.

export interface Update {
  time: string;
  iso: string;
  heading?: string;
  paras: string[];
  embed?: string;
}

/** A running story about a storm reaching a coast, newest first as live blogs print it. */
export const STORM: Update[] = [
  {
    time: '18:40',
    iso: '2026-12-04T18:40:00Z',
    heading: 'Coastguard stands down the last search team',
    paras: [
      'The coastguard said at dusk that its crews had accounted for every vessel reported missing during the afternoon, and the last team on the north cliffs has been sent home.',
      'A spokesperson thanked the volunteers who walked the shoreline in rain that never let up.',
    ],
  },
  {
    time: '17:55',
    iso: '2026-12-04T17:55:00Z',
    heading: 'Rail operator warns of delays into the morning',
    paras: [
      'Engineers are still clearing fallen trees from the line between the estuary towns, and the operator expects the first trains tomorrow to run at least an hour late.',
    ],
  },
  {
    time: '17:12',
    iso: '2026-12-04T17:12:00Z',
    paras: [
      'A reader in the harbour district sent us a picture of the sea wall, where spray is clearing the lamp posts by several metres. Please stay away from the promenade tonight.',
    ],
    embed: 'Waves over the sea wall at high tide, taken from the old customs house steps.',
  },
  {
    time: '16:30',
    iso: '2026-12-04T16:30:00Z',
    heading: 'Schools to open late on Friday',
    paras: [
      'The county council has told parents that primary and secondary schools will open two hours late so that caretakers can check roofs and playgrounds for damage.',
      'Nurseries run by the council will follow the same timetable, the notice said.',
    ],
  },
  {
    time: '15:48',
    iso: '2026-12-04T15:48:00Z',
    heading: 'Power cut to nine thousand homes',
    paras: [
      'The distribution company says about nine thousand homes on the peninsula lost power when a gust brought a line down near the reservoir, and crews hope to reconnect most of them before midnight.',
    ],
  },
  {
    time: '15:05',
    iso: '2026-12-04T15:05:00Z',
    heading: 'Ferries cancelled for the rest of the day',
    paras: [
      'Both island crossings have been cancelled until tomorrow morning. Passengers already at the terminal are being offered rooms in the two hotels above the quay.',
    ],
  },
  {
    time: '14:20',
    iso: '2026-12-04T14:20:00Z',
    heading: 'Forecasters raise the warning to amber',
    paras: [
      'The weather service has raised its wind warning for the whole coast from yellow to amber, with gusts of up to 110 kilometres an hour expected on exposed headlands until late evening.',
      'Inland, heavy rain on ground already soaked by last week has brought the risk of flooding along the lower river.',
    ],
  },
  {
    time: '13:35',
    iso: '2026-12-04T13:35:00Z',
    paras: [
      'Good afternoon and welcome to our live coverage of the storm now crossing the coast. Our reporters in the harbour towns and on the islands will bring you the warnings, closures and pictures as they come in.',
    ],
  },
];

const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

function liveLd(updates: Update[], headline: string): string {
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'LiveBlogPosting',
    headline,
    coverageStartTime: updates.at(-1)?.iso,
    coverageEndTime: '2026-12-05T06:00:00Z',
    liveBlogUpdate: updates.map((u, i) => ({
      '@type': 'BlogPosting',
      headline: u.heading ?? u.paras[0]!.slice(0, 60),
      datePublished: u.iso,
      url: `https://coast.example/live/storm#update-${updates.length - i}`,
      articleBody: u.paras.join(' '),
    })),
  };
  return `<script type="application/ld+json">${JSON.stringify(ld)}</script>`;
}

/** The same LiveBlogPosting as the mainEntity of the page's WebPage, inside @graph. */
function nestedLiveLd(updates: Update[], headline: string): string {
  const posting = JSON.parse(liveLd(updates, headline).replace(/^<script[^>]*>|<\/script>$/g, ''));
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [{ '@type': 'WebPage', url: 'https://coast.example/live/storm', mainEntity: posting }],
  };
  return `<script type="application/ld+json">${JSON.stringify(graph)}</script>`;
}

function head(title: string, extra = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Coast Courier</title>
<meta property="og:title" content="${title}">${extra}</head>`;
}

const NAV = `<header class="masthead"><a href="/">Coast Courier</a><nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/culture">Culture</a></li></ul></nav></header>`;

const RELATED = `<aside class="related"><h2>More on the storm</h2><ul>
<li><a href="/news/flood-defences"><img src="/i/a.jpg" alt=""><h3>Are the flood defences ready for another winter?</h3></a></li>
<li><a href="/news/insurance"><img src="/i/b.jpg" alt=""><h3>What your home insurance covers after a storm</h3></a></li>
<li><a href="/news/island-power"><img src="/i/c.jpg" alt=""><h3>Islanders ask for a second power cable</h3></a></li>
</ul></aside>`;

const FOOT = `<footer class="site-footer"><p>&copy; 2026 Coast Courier. All rights reserved.</p><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>`;

/** Key events: a list of links to updates, at the top of the feed. */
function keyEvents(updates: Update[], href: (n: number) => string): string {
  const items = updates
    .map((u, i) => ({ u, n: updates.length - i }))
    .filter(({ u }) => u.heading)
    .slice(0, 5)
    .map(({ u, n }) => `<li><a href="${href(n)}"><time datetime="${u.iso}">${u.time}</time> ${esc(u.heading!)}</a></li>`)
    .join('\n');
  return `<div class="key-events"><h2>Key events</h2><ul>${items}</ul></div>`;
}

export const LIVE_HEADLINE = 'Storm live: amber wind warning for the coast as ferries are cancelled';
const STANDFIRST = 'Gusts of up to 110 km/h expected on exposed headlands; thousands of homes without power';

/** A: every update an <article> with a <time>, heading, share footer; key events; load more. */
export function articlesLiveBlog(updates: Update[] = STORM, opts: { headerArticle?: boolean; ld?: boolean } = {}): string {
  const posts = updates
    .map((u, i) => {
      const n = updates.length - i;
      return `<article class="post" id="update-${n}">
<header class="post-meta"><time datetime="${u.iso}">${u.time}</time> <span class="by">Mara Quill</span></header>
${u.heading ? `<h2>${esc(u.heading)}</h2>` : ''}
${u.paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${u.embed ? `<figure><img src="/i/up${n}.jpg" alt="" width="800" height="500"><figcaption>${esc(u.embed)}</figcaption></figure>` : ''}
<footer class="post-tools"><a href="#update-${n}">Copy link</a> <button type="button">Share</button></footer>
</article>`;
    })
    .join('\n');
  const box = opts.headerArticle ? 'article' : 'div';
  return `${head(LIVE_HEADLINE, opts.ld === false ? '' : liveLd(updates, LIVE_HEADLINE))}<body>${NAV}
<main><${box} class="live-header"><span class="badge">LIVE</span><h1>${LIVE_HEADLINE}</h1><p class="standfirst">${STANDFIRST}</p>
<p class="byline">By Mara Quill and Tobin Reyes</p></${box}>
${keyEvents(updates, (n) => `#update-${n}`)}
<div class="live-feed">
${posts}
</div>
<button type="button" class="more">Load more updates</button>
</main>${RELATED}${FOOT}</body></html>`;
}

/** B: the WordPress plugin shape: entries as <div>s whose time is a permalink, share row below. */
export function pluginLiveBlog(updates: Update[] = STORM): string {
  const posts = updates
    .map((u, i) => {
      const id = 4100 + updates.length - i;
      return `<div id="id_${id}" class="entry">
<header class="entry-meta"><a class="entry-time" href="#id_${id}"><time datetime="${u.iso}">${u.time}</time></a><span class="entry-author">Tobin Reyes</span></header>
<div class="entry-content">${u.heading ? `<p><strong>${esc(u.heading)}</strong></p>` : ''}
${u.paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${u.embed ? `<blockquote class="social-post"><p>${esc(u.embed)}</p>&mdash; Harbour Watch (@harbourwatch) <a href="https://social.example/harbourwatch/status/88${id}">December 4, 2026</a></blockquote>` : ''}</div>
<div class="entry-share"><a href="https://social.example/share?u=%23id_${id}">Share</a> <a href="#id_${id}">Link</a></div>
</div>`;
    })
    .join('\n');
  return `${head(LIVE_HEADLINE)}<body>${NAV}
<div id="content"><article class="post type-post"><h1 class="entry-title">${LIVE_HEADLINE}</h1>
<div class="post-content"><p>${STANDFIRST}. This post is updated as news comes in; the newest entries are at the top.</p>
<div class="live-entries">
${posts}
</div>
<p><button type="button">Show older entries</button></p>
</div></article>${RELATED}</div>${FOOT}</body></html>`;
}

/**
 * C: blocks: each a <div> led by a timestamp permalink line, heading, elements, footer. `stamps`:
 * a <time> in the line (default), the line as plain text ("18:40 GMT"), or no time line and no
 * "Updated at" in the footer. `ld`: the LiveBlogPosting at the top of a block, nested as a
 * WebPage's mainEntity, written as microdata on the feed (`itemscope itemtype`, no JSON-LD), or none.
 */
export function blocksLiveBlog(
  updates: Update[] = STORM,
  opts: { headerArticle?: boolean; ld?: boolean | 'nested' | 'microdata'; stamps?: 'time' | 'line' | 'none' } = {},
): string {
  const stamp = (u: Update): string => (opts.stamps === 'line' ? `${u.time} GMT` : `<time datetime="${u.iso}">${u.time} GMT</time>`);
  const ids = updates.map((_, i) => `blk-${(0x5a3f1 + i * 977).toString(16)}`);
  const posts = updates
    .map((u, i) => {
      const id = ids[i]!;
      return `<div id="${id}" class="block">
${opts.stamps === 'none' ? '' : `<p class="block-time published-time"><a href="?page=with:${id}#${id}">${stamp(u)}</a></p>`}
${u.heading ? `<h2 class="block-title">${esc(u.heading)}</h2>` : ''}
<div class="block-elements">${u.paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${u.embed ? `<figure class="element-image"><img src="/i/${id}.jpg" alt="" width="620" height="372"><figcaption>${esc(u.embed)} Photograph: Reader</figcaption></figure>` : ''}</div>
<div class="block-footer"><span class="block-share"><a href="https://social.example/share?u=${id}">Share</a></span>${opts.stamps === 'none' ? '' : `<span class="updated">Updated at ${u.time} GMT</span>`}</div>
</div>`;
    })
    .join('\n');
  const key = updates
    .map((u, i) => ({ u, id: ids[i]! }))
    .filter(({ u }) => u.heading)
    .slice(0, 6)
    .map(
      ({ u, id }) =>
        `<li><a href="?page=with:${id}#${id}"><time datetime="${u.iso}">${u.time} GMT</time><span>${esc(u.heading!)}</span></a></li>`,
    )
    .join('\n');
  const box = opts.headerArticle ? 'article' : 'div';
  const data =
    opts.ld === false || opts.ld === 'microdata'
      ? ''
      : opts.ld === 'nested'
        ? nestedLiveLd(updates, LIVE_HEADLINE)
        : liveLd(updates, LIVE_HEADLINE);
  const item = opts.ld === 'microdata' ? ' itemscope itemtype="https://schema.org/LiveBlogPosting"' : '';
  return `${head(LIVE_HEADLINE, data)}<body>${NAV}
<div class="content"><${box} class="content__head"><h1>${LIVE_HEADLINE}</h1><div class="standfirst"><p>${STANDFIRST}</p><ul><li>Ferries and trains cancelled</li><li>Schools to open late on Friday</li></ul></div></${box}>
<div class="content__main"><div class="keyevents"><h2>Key events</h2><ul>${key}</ul><a href="#liveblog-body">Show key events only</a></div>
<div id="liveblog-body" class="liveblog-body"${item}>
${posts}
</div>
<div class="liveblog-navigation"><a href="?page=2">Older</a> <a href="?page=9">Oldest</a></div>
</div></div>${RELATED}${FOOT}</body></html>`;
}

/** Short updates: a feed of <article>s each a time, one sentence or two and a link; no JSON-LD. */
export const MATCH: Update[] = [
  {
    time: "90+3'",
    iso: '2026-12-04T21:50:00Z',
    heading: 'Full time',
    paras: ['It ends two apiece at the Quayside after a frantic last ten minutes. A point each that neither manager will be happy with.'],
  },
  {
    time: "88'",
    iso: '2026-12-04T21:43:00Z',
    heading: 'Goal! 2-2',
    paras: ['Okafor rises highest at the back post and heads in the equaliser. The away end erupts.'],
  },
  {
    time: "76'",
    iso: '2026-12-04T21:31:00Z',
    heading: 'Substitution',
    paras: ['Lindqvist comes off to warm applause, replaced by the young winger Pereira for his first league appearance.'],
  },
  {
    time: "63'",
    iso: '2026-12-04T21:18:00Z',
    heading: 'Goal! 2-1',
    paras: ['Brannigan curls a free kick over the wall and in off the post. The keeper barely moved.'],
  },
  {
    time: "51'",
    iso: '2026-12-04T21:04:00Z',
    heading: 'Chance',
    paras: ['Pereira should have done better there, shooting wide from eight yards with only the keeper to beat.'],
  },
  {
    time: 'HT',
    iso: '2026-12-04T20:47:00Z',
    heading: 'Half time',
    paras: ['One each at the break. The hosts have had more of the ball but the visitors look dangerous on the counter.'],
  },
  {
    time: "34'",
    iso: '2026-12-04T20:34:00Z',
    heading: 'Goal! 1-1',
    paras: ['A quick throw catches the defence asleep and Haddad fires low into the corner.'],
  },
  {
    time: "12'",
    iso: '2026-12-04T20:12:00Z',
    heading: 'Goal! 1-0',
    paras: ['Brannigan again, a tap-in after the keeper parried a long shot straight back into the area.'],
  },
  {
    time: "1'",
    iso: '2026-12-04T20:00:00Z',
    heading: 'Kick-off',
    paras: ['We are under way on a cold, clear night by the river, with a full house for the derby.'],
  },
];

export const MATCH_HEADLINE = 'Quayside Rovers 2-2 Estuary Athletic: live reaction from the derby';

export function shortLiveBlog(updates: Update[] = MATCH): string {
  const posts = updates
    .map((u, i) => {
      const n = updates.length - i;
      return `<article class="event" id="ev-${n}"><div class="event-time"><time datetime="${u.iso}">${esc(u.time)}</time></div>
<h3>${esc(u.heading!)}</h3>${u.paras.map((p) => `<p>${esc(p)}</p>`).join('')}
<a class="event-link" href="#ev-${n}" aria-label="Link to this update">Link to this update</a></article>`;
    })
    .join('\n');
  return `${head(MATCH_HEADLINE)}<body>${NAV}
<main><h1>${MATCH_HEADLINE}</h1><p class="byline">By Hal Penrose at the Quayside</p>
<section class="feed">
${posts}
</section>
<button type="button">Show older updates</button></main>
<aside><h2>Latest sport</h2>
<article><a href="/sport/a"><h3>Island rowers win the winter regatta</h3></a></article>
<article><a href="/sport/b"><h3>Estuary Athletic sign a new goalkeeper</h3></a></article>
<article><a href="/sport/c"><h3>Cup draw: Rovers travel north in January</h3></a></article>
</aside>${FOOT}</body></html>`;
}

/** A paywall stub: two teaser paragraphs, then a subscription box with prices and a button. */
export const TEASER = [
  'The harbour board has voted to sell the old ice house on the north quay to a developer who wants to turn it into flats, ending a ten-year campaign by fishermen to keep it as a working store.',
  'Board members were split, and the chair cast the deciding vote late on Wednesday after a meeting that ran for almost four hours and was twice interrupted from the public gallery.',
];
export const PAYWALL_HEADLINE = 'Harbour board sells the old ice house to a developer';

export function paywallStub(marked = true): string {
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: PAYWALL_HEADLINE,
    datePublished: '2026-12-03T07:00:00Z',
    isAccessibleForFree: false,
    hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.locked' },
  };
  return `${head(PAYWALL_HEADLINE, marked ? `<script type="application/ld+json">${JSON.stringify(ld)}</script>` : '')}<body>${NAV}
<main><article><h1>${PAYWALL_HEADLINE}</h1><p class="byline">By Ines Marlow, 3 December 2026</p>
<div class="article-body">${TEASER.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="locked" aria-hidden="true"></div>
<div class="subscribe-box"><h2>Subscribe to continue reading</h2>
<p>Get unlimited access to local journalism you can trust.</p>
<ul><li>Unlimited articles on any device</li><li>The daily e-paper</li><li>Subscriber-only newsletters</li></ul>
<div class="offers"><div class="offer"><h3>Digital</h3><p>&pound;1 for 3 months, then &pound;7.99 a month</p><a class="button" href="/subscribe?plan=digital">Subscribe now</a></div>
<div class="offer"><h3>Digital + print</h3><p>&pound;14.99 a month</p><a class="button" href="/subscribe?plan=print">Subscribe now</a></div></div>
<p>Already a subscriber? <a href="/login">Sign in</a></p></div>
</div></article></main>${RELATED}${FOOT}</body></html>`;
}
