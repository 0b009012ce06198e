import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../../src/ingest/listing/detect.js';
import type { ListingResult } from '../../../src/ingest/listing/types.js';
import { readFixture } from './fixtures.js';

const NOW = Date.UTC(2025, 5, 10, 12, 0, 0);

function listing(file: string, url: string, opts = {}): ListingResult {
  return extractListing(readFixture('listing', file), url, { now: NOW, ...opts });
}

function assertNoNavigation(res: ListingResult, navUrls: string[]): void {
  const urls = new Set(res.items.map((i) => i.url));
  for (const u of navUrls) assert.ok(!urls.has(u), `navigation link ${u} was taken as an item`);
}

describe('extractListing: classic blog of <article>s', () => {
  const res = listing('blog-articles.html', 'https://harbournotes.example/');

  it('finds the three posts and nothing from menu, sidebar or footer', () => {
    assert.equal(res.items.length, 3);
    assert.match(res.strategy, /^blocks:.*article\.post$/);
    assertNoNavigation(res, [
      'https://harbournotes.example/category/tides/',
      'https://harbournotes.example/about/',
      'https://harbournotes.example/2024/02/27/gull-numbers-fall-again-this-winter/',
      'https://harbournotes.example/2024/03/',
      'https://harbournotes.example/privacy/',
    ]);
  });

  it('takes title, absolute URL, summary and the <time datetime> of each', () => {
    const [a, b, c] = res.items;
    assert.deepEqual(a, {
      title: 'Spring tide floods the lower quay for the third year running',
      url: 'https://harbournotes.example/2024/03/12/spring-tide-floods-the-lower-quay/',
      summary:
        'Water reached the chandlery steps before seven, and the harbour master says the new flood boards held better than last winter\u2019s sandbags did. Shopkeepers spent the morning mopping out.',
      published: '2024-03-12T08:15:00Z',
      id: 'https://harbournotes.example/2024/03/12/spring-tide-floods-the-lower-quay/',
    });
    assert.equal(b!.image, 'https://harbournotes.example/wp-content/uploads/2024/03/keel-300x200.jpg');
    assert.equal(b!.published, '2024-03-09T17:40:00Z');
    assert.equal(c!.title, 'A ferry captain retires after forty years on the same crossing');
    for (const it of res.items) {
      assert.doesNotMatch(it.summary ?? '', /Continue reading|Posted on|Mara Quill/);
    }
  });

  it('finds "Older posts" as the next page', () => {
    assert.equal(res.nextPage, 'https://harbournotes.example/page/2/');
    assert.equal(res.pageTitle, 'Harbour Notes – Field notes from a coastal town');
  });
});

describe('extractListing: news portal grid of div.card', () => {
  const res = listing('portal-cards.html', 'https://www.valleycourier.example/latest');

  it('takes all six cards (the featured one too) and not the most-read box or the mega menu', () => {
    assert.equal(res.items.length, 6);
    assert.deepEqual(
      res.items.map((i) => i.title),
      [
        'Mill bridge reopens after eight months of repairs',
        'Regatta crews train on a shallow river',
        'Cherry growers expect an early harvest',
        'Bus timetable changes for the summer',
        'Library extends its opening hours',
        'Hill climb record falls by four seconds',
      ],
    );
    assertNoNavigation(res, [
      'https://www.valleycourier.example/news/local/2025/05/council-tax-bills-explained-48011',
      'https://www.valleycourier.example/sport/',
      'https://www.valleycourier.example/about',
    ]);
  });

  it('reads relative and printed dates, lazy images, and strips tracking parameters from ids', () => {
    const [first, second, third, , library] = res.items;
    assert.equal(first!.published, '2025-06-10T10:00:00Z'); // "2 hours ago"
    assert.equal(second!.published, '2025-06-10T07:00:00Z'); // "5 hours ago"
    assert.equal(third!.published, '2025-06-09T00:00:00Z'); // "Jun 9, 2025"
    assert.equal(first!.image, 'https://img.valleycourier.example/cdn/48211-640.jpg');
    assert.equal(library!.id, 'https://www.valleycourier.example/news/local/2025/06/library-extends-opening-hours-48188');
    assert.equal(library!.url, library!.id);
    assert.equal(first!.summary?.startsWith('Drivers can once again cross the river'), true);
    assert.doesNotMatch(first!.summary ?? '', /Local|hours ago/);
  });

  it('finds the next page from numbered pagination', () => {
    assert.equal(res.nextPage, 'https://www.valleycourier.example/latest?page=2');
  });
});

describe('extractListing: <li> list with dates as text', () => {
  const res = listing('press-list.html', 'http://water.northfield.example/press.php');

  it('finds the four releases, not the left menu or the footer', () => {
    assert.equal(res.items.length, 4);
    assertNoNavigation(res, ['http://water.northfield.example/about.php', 'http://water.northfield.example/privacy.php']);
    assert.equal(res.items[0]!.url, 'http://water.northfield.example/press.php?id=1182');
    assert.equal(res.items[0]!.title, 'Reservoir levels back to normal after wet April');
  });

  it('reads US numeric dates and month names, and keeps the date out of the summary', () => {
    assert.deepEqual(
      res.items.map((i) => i.published),
      ['2024-04-22T00:00:00Z', '2024-04-03T00:00:00Z', '2024-03-18T00:00:00Z', '2024-02-29T00:00:00Z'],
    );
    assert.equal(
      res.items[1]!.summary,
      'Work on the 1920s cast-iron main will close one lane for six weeks. Residents will get letters with the detailed schedule.',
    );
  });

  it('uses <link rel="next">', () => {
    assert.equal(res.nextPage, 'http://water.northfield.example/press.php?start=20');
  });
});

describe('extractListing: Persian RTL site', () => {
  const res = listing('persian-news.html', 'https://dasht-news.example/latest');

  it('finds the four items, not the menu or the most-viewed sidebar', () => {
    assert.equal(res.items.length, 4);
    assert.equal(res.items[0]!.title, 'بازگشایی کتابخانه مرکزی شهر پس از نوسازی');
    assert.equal(res.items[2]!.title, 'کاهش مصرف آب شهری در ماه گذشته');
    assertNoNavigation(res, ['https://dasht-news.example/service/politics']);
    assert.ok(!res.items.some((i) => i.title.includes('کشتی')), 'sidebar item taken');
    assert.equal(res.lang, 'fa');
  });

  it('converts Solar Hijri dates written in Persian digits, with the time when given', () => {
    assert.deepEqual(
      res.items.map((i) => i.published),
      ['2024-03-05T10:30:00Z', '2024-03-04T18:05:00Z', '2024-03-02T00:00:00Z', '2024-02-28T00:00:00Z'],
    );
  });

  it('drops "ادامه مطلب" and the trailing ellipsis from summaries; URLs are absolute and percent-encoded', () => {
    assert.equal(
      res.items[0]!.summary,
      'کتابخانه مرکزی پس از دو سال تعمیر با سالن مطالعه تازه و بخش ویژه کودکان دوباره به روی مراجعان باز شد. ساعت کار آن تا نه شب تمدید شده است',
    );
    assert.equal(res.items[1]!.summary, 'بیش از صد غرفه از استان‌های مختلف در این نمایشگاه حضور دارند و بازدید از آن برای همه رایگان است');
    for (const it of res.items) {
      assert.doesNotMatch(it.summary ?? '', /ادامه مطلب|…|\.\.$/);
      assert.match(it.url, /^https:\/\/dasht-news\.example\/news\/\d+\/%/);
    }
  });

  it('follows "صفحه بعد"', () => {
    assert.equal(res.nextPage, 'https://dasht-news.example/archive?page=2');
  });
});

describe('extractListing: Arabic RTL site', () => {
  const res = listing('arabic-news.html', 'https://alwaha.example/local');

  it('reads items with Arabic-Indic digits in dates and "اقرأ المزيد" links', () => {
    assert.equal(res.items.length, 3);
    assert.deepEqual(
      res.items.map((i) => i.published),
      ['2024-04-10T00:00:00Z', '2024-04-08T00:00:00Z', '2024-04-05T00:00:00Z'],
    );
    assert.equal(
      res.items[0]!.summary,
      'بدأ المزارعون هذا الأسبوع موسم التلقيح مبكراً بسبب دفء الطقس، ويتوقعون محصولاً وفيراً من التمور هذا العام',
    );
    assert.equal(res.items[0]!.image, 'https://alwaha.example/media/2024/04/palms.jpg');
    for (const it of res.items) assert.doesNotMatch(it.summary ?? '', /اقرأ المزيد|الأربعاء/);
    assert.ok(!res.items.some((i) => i.url.endsWith('/about')));
  });

  it('follows "التالي"', () => {
    assert.equal(res.nextPage, 'https://alwaha.example/local?page=2');
  });
});

describe('extractListing: flat teasers ending in ".." or "…" with "Read more"', () => {
  const res = listing('ellipsis-flat.html', 'http://lakesiderail.example/news/');

  it('builds items from runs of siblings under repeated headings', () => {
    assert.equal(res.items.length, 5);
    assert.match(res.strategy, /^segments:/);
    assert.deepEqual(
      res.items.map((i) => i.url),
      [
        'http://lakesiderail.example/news/steam-engine-returns-to-the-branch-line/',
        'http://lakesiderail.example/news/signal-box-open-day/',
        'http://lakesiderail.example/news/winter-track-work-complete/',
        'http://lakesiderail.example/news/new-members-evening/',
        'http://lakesiderail.example/news/carriage-appeal-passes-target/',
      ],
    );
    assertNoNavigation(res, ['http://lakesiderail.example/category/engines/', 'http://lakesiderail.example/timetable/']);
  });

  it('strips the truncation marks and "Read more" but keeps finished sentences', () => {
    const s = res.items.map((i) => i.summary);
    assert.equal(
      s[0],
      'After three years in the workshop the tank engine made its first public run on Saturday, pulling four carriages to the lake halt and back twice. Volunteers had replaced its firebox and most of its boiler tubes',
    );
    assert.equal(
      s[1],
      'more than six hundred visitors climbed the stairs of the old signal box on Sunday to pull the levers under supervision. The society hopes the day will become a fixture of the summer calendar.',
    );
    assert.equal(
      s[2],
      'Some two hundred sleepers were replaced over the winter by a team that met every Wednesday, whatever the weather. The line speed limit can now rise again',
    );
    assert.equal(
      s[3],
      'Anyone curious about volunteering can come to the station tea room on the first Friday in April to meet the working groups and hear what each one does.',
    );
    assert.equal(
      s[4],
      'The appeal to restore the 1930s observation carriage has raised enough to start work, thanks largely to a bequest from a founding member of the society.',
    );
    for (const x of s) assert.doesNotMatch(x ?? '', /Read more|\.\.$|…$/);
  });

  it('resolves against <base href> and finds "« Older Entries"', () => {
    assert.equal(res.nextPage, 'http://lakesiderail.example/news/page/2/');
  });
});

describe('extractListing: selectors override detection', () => {
  const html = readFixture('listing', 'custom-selectors.html');

  it('without selectors the headline is missed (the link text is "open")', () => {
    const auto = extractListing(html, 'https://town.example/bulletins', { now: NOW });
    assert.ok(auto.items.every((i) => i.title === 'open'));
  });

  it('with selectors, title, link, summary, date and next come from them', () => {
    const res = extractListing(html, 'https://town.example/bulletins', {
      now: NOW,
      selectors: { item: '.bulletin', title: '.hl', link: 'a.go', summary: '.dek', date: '.when', next: 'a.olderlink' },
    });
    assert.equal(res.strategy, 'selectors');
    assert.deepEqual(res.items, [
      {
        title: 'Pool closed for cleaning',
        url: 'https://town.example/b/pool-closed',
        summary: 'The indoor pool shuts for its annual deep clean; the outdoor lido stays open with longer hours.',
        published: '2024-07-01T00:00:00Z',
        id: 'https://town.example/b/pool-closed',
      },
      {
        title: 'Park run moves to the north field',
        url: 'https://town.example/b/park-run-moves',
        summary: 'Drainage work on the usual course means a new loop this month, marked with yellow flags.',
        published: '2024-06-28T00:00:00Z',
        id: 'https://town.example/b/park-run-moves',
      },
      {
        title: 'Allotment waiting list reopens',
        url: 'https://town.example/b/allotments',
        summary: 'Twelve plots came free after the spring inspection.',
        published: '2024-06-20T00:00:00Z',
        id: 'https://town.example/b/allotments',
      },
    ]);
    assert.equal(res.nextPage, 'https://town.example/bulletins/archive-2');
  });

  it('an item selector alone still finds title and link inside each item', () => {
    const res = extractListing(html, 'https://town.example/bulletins', { now: NOW, selectors: { item: '.bulletin', title: '.hl' } });
    assert.equal(res.items.length, 3);
    assert.equal(res.items[2]!.title, 'Allotment waiting list reopens');
    assert.equal(res.items[2]!.url, 'https://town.example/b/allotments');
  });

  it('items without any link get the page URL and a hash id', () => {
    const page =
      '<html><body><div class="n"><b>Water off on Monday</b> in the east</div><div class="n"><b>Road closed</b> for the fair</div></body></html>';
    const res = extractListing(page, 'https://town.example/notices', { selectors: { item: '.n', title: 'b' } });
    assert.equal(res.items.length, 2);
    assert.equal(res.items[0]!.url, 'https://town.example/notices');
    assert.match(res.items[0]!.id, /^sha256:[0-9a-f]{32}$/);
    assert.notEqual(res.items[0]!.id, res.items[1]!.id);
  });

  it('a bad selector says which setting to fix', () => {
    assert.throws(
      () => extractListing(html, 'https://town.example/bulletins', { selectors: { item: 'div[' } }),
      /selector for item.*settings\.selectors/,
    );
  });
});

describe('extractListing: pages that are not listings', () => {
  it('an article page with a menu and a footer gives no items', () => {
    const res = listing('article-page.html', 'https://paper.example/news/town-clock');
    assert.deepEqual(res.items, []);
    assert.equal(res.strategy, 'none');
  });

  it('a page of only navigation gives no items', () => {
    const nav = `<html><body><nav><ul>${['a', 'b', 'c', 'd', 'e'].map((x) => `<li><a href="/${x}/">${x.toUpperCase()}</a></li>`).join('')}</ul></nav>
      <footer><ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer></body></html>`;
    assert.deepEqual(extractListing(nav, 'https://x.example/').items, []);
  });

  it('survives a 10,000-level deep page', () => {
    const deep = `<html><body>${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}</body></html>`;
    assert.deepEqual(extractListing(deep, 'https://x.example/').items, []);
  });
});

describe('extractListing: next page', () => {
  const page = (pager: string, url = 'https://blog.example/news/'): string | undefined =>
    extractListing(`<html><body><p>nothing</p>${pager}</body></html>`, url).nextPage;

  it('reads rel=next on an <a>', () => {
    assert.equal(page('<a rel="next" href="/news/page/2/">2</a>'), 'https://blog.example/news/page/2/');
  });
  it('reads a "Next »" link', () => {
    assert.equal(
      page('<div class="paging"><a href="?page=1">« Prev</a> <a href="?page=3">Next »</a></div>', 'https://blog.example/news/?page=2'),
      'https://blog.example/news/?page=3',
    );
  });
  it('reads a bare » inside a pager, not outside one', () => {
    assert.equal(page('<div class="pagination"><a href="/news/page/2/">»</a></div>'), 'https://blog.example/news/page/2/');
    assert.equal(page('<div class="promo"><a href="/shop/">»</a></div>'), undefined);
  });
  it('takes the number after the current one from the URL', () => {
    assert.equal(
      page(
        '<div class="page-numbers"><a href="/news/page/2/">2</a><span>3</span><a href="/news/page/4/">4</a></div>',
        'https://blog.example/news/page/3/',
      ),
      'https://blog.example/news/page/4/',
    );
  });
  it('ignores links to other sites and to the page itself', () => {
    assert.equal(page('<a href="https://elsewhere.example/next">Next</a> <a href="/news/">Next</a>'), undefined);
  });
  it('a selector picks the next link', () => {
    const html = '<html><body><a class="x" href="/news/archive/7">whatever</a></body></html>';
    assert.equal(
      extractListing(html, 'https://blog.example/news/', { selectors: { next: 'a.x' } }).nextPage,
      'https://blog.example/news/archive/7',
    );
  });
});

describe('extractListing: whole-card links (German)', () => {
  const res = listing('card-links.html', 'https://stadtwerke.example/blog/');

  it('takes the headline from inside the card link, the rest as summary, German dates', () => {
    assert.equal(res.items.length, 3);
    assert.deepEqual(res.items[0], {
      title: 'Neue Ladesäulen am Bahnhof in Betrieb',
      url: 'https://stadtwerke.example/blog/neue-ladesaeulen-am-bahnhof',
      summary: 'Zwölf Ladepunkte stehen ab sofort auf dem Parkdeck zur Verfügung, abgerechnet wird per Karte oder App.',
      published: '2024-03-12T00:00:00Z',
      id: 'https://stadtwerke.example/blog/neue-ladesaeulen-am-bahnhof',
    });
    assert.equal(res.items[2]!.published, '2024-02-28T00:00:00Z');
    assertNoNavigation(res, ['https://stadtwerke.example/strom/', 'https://stadtwerke.example/impressum']);
  });

  it('finds the next page by class and aria-label', () => {
    assert.equal(res.nextPage, 'https://stadtwerke.example/blog/?seite=2');
  });
});

describe('extractListing: headline as plain text, only "Read more" linked', () => {
  it('takes the title from the heading and the URL from the read-more link', () => {
    const post = (i: number): string =>
      `<div class="post"><h2>Council votes on the harbour plan, part ${i}</h2><p class="meta">Posted 1${i} May 2024</p>` +
      `<p>The vote was close and the debate long; residents packed the gallery to hear the arguments ..</p><a href="/news/harbour-plan-vote-${i}">Read more</a></div>`;
    const html = `<html><body><div id="menu"><a href="/">Home</a><a href="/news">News</a></div><div id="main">${[1, 2, 3].map(post).join('')}</div></body></html>`;
    const res = extractListing(html, 'https://town.example/news', { now: NOW });
    assert.deepEqual(
      res.items.map((i) => [i.title, i.url, i.published, i.summary]),
      [1, 2, 3].map((i) => [
        `Council votes on the harbour plan, part ${i}`,
        `https://town.example/news/harbour-plan-vote-${i}`,
        `2024-05-1${i}T00:00:00Z`,
        'The vote was close and the debate long; residents packed the gallery to hear the arguments',
      ]),
    );
  });
});

describe('extractListing: table rows with dotted dates', () => {
  it('reads each row as a teaser and ignores the navigation table', () => {
    const row = (i: number, d: string): string =>
      `<tr><td class="d">${d}</td><td><a href="/notices/${1000 + i}.html">Road closure on Mill Lane for resurfacing, stage ${i}</a><br>` +
      `<small>Contractors will close the lane between the bridge and the school for five nights.</small></td></tr>`;
    const html = `<html><body><table class="nav"><tr><td><a href="/">Home</a></td><td><a href="/notices/">Notices</a></td><td><a href="/contact.html">Contact</a></td></tr></table>
      <table class="list"><tbody>${[row(1, '14.05.2024'), row(2, '13.05.2024'), row(3, '02.05.2024')].join('')}</tbody></table></body></html>`;
    const res = extractListing(html, 'https://town.example/notices/', { now: NOW });
    assert.deepEqual(
      res.items.map((i) => i.url),
      [1001, 1002, 1003].map((n) => `https://town.example/notices/${n}.html`),
    );
    assert.deepEqual(
      res.items.map((i) => i.published),
      ['2024-05-14T00:00:00Z', '2024-05-13T00:00:00Z', '2024-05-02T00:00:00Z'],
    );
    assert.equal(res.items[0]!.summary, 'Contractors will close the lane between the bridge and the school for five nights.');
  });
});

describe('extractListing: a lead story in its own container', () => {
  it('joins the lone teaser of the same kind, in document order, but not a sidebar one', () => {
    const post = (slug: string, title: string): string =>
      `<article class="post"><h2><a href="/stories/${slug}">${title}</a></h2><p>Residents and officials spent the week arguing over the details of the plan, and the vote is next month.</p><time datetime="2024-05-10">10 May</time></article>`;
    const html = `<html><body><main>
      <div class="hero">${post('ferry-timetable-shake-up', 'Ferry timetable shake-up announced for summer')}</div>
      <div class="list">${post('new-bus-shelters-arrive', 'New bus shelters arrive on the high street')}${post('school-roof-repairs-finish', 'School roof repairs finish ahead of term')}${post('market-moves-indoors', 'Market moves indoors for the winter months')}</div>
      </main><aside class="sidebar">${post('older-story-in-sidebar', 'An older story shown in the sidebar box')}</aside></body></html>`;
    const res = extractListing(html, 'https://town.example/stories/', { now: NOW });
    assert.deepEqual(
      res.items.map((i) => i.url.replace('https://town.example/stories/', '')),
      ['ferry-timetable-shake-up', 'new-bus-shelters-arrive', 'school-roof-repairs-finish', 'market-moves-indoors'],
    );
  });
});

describe('probeListing', () => {
  it('says why a page is usable as a listing, or why not', async () => {
    const { probeListing } = await import('../../../src/ingest/listing/probe.js');
    const ok = probeListing(readFixture('listing', 'blog-articles.html'), 'https://harbournotes.example/', { now: NOW });
    assert.equal(ok.usable, true);
    assert.equal(ok.reason, 'found 3 teasers in repeated <article.post> blocks, 3 with an excerpt, 3 dated, with a next page');
    assert.deepEqual(ok.sample.length, 3);
    const no = probeListing(readFixture('listing', 'article-page.html'), 'https://paper.example/news/town-clock');
    assert.equal(no.usable, false);
    assert.match(no.reason, /no list of article teasers/);
  });
});

describe('extractListing: teaser images', () => {
  it('reads lazy data-src, <picture><source srcset>, and CSS background images', () => {
    const card = (i: number, media: string): string =>
      `<div class="tile">${media}<h3><a href="/stories/2024/story-number-${i}">A headline for story number ${i} here</a></h3><p>Some words about the story that are long enough to count as an excerpt of it.</p></div>`;
    const html = `<html><body><section class="grid">
      ${card(1, '<img src="data:image/gif;base64,R0lGOD" data-src="/img/one.jpg" alt="">')}
      ${card(2, '<picture><source srcset="/img/two.webp 1x, /img/two@2x.webp 2x" type="image/webp"><img src="data:image/gif;base64,R0lGOD" alt=""></picture>')}
      ${card(3, '<div class="thumb" style="background-image: url(\'/img/three.jpg\')"></div>')}
    </section></body></html>`;
    const res = extractListing(html, 'https://paper.example/', { now: NOW });
    assert.deepEqual(
      res.items.map((i) => i.image),
      ['https://paper.example/img/one.jpg', 'https://paper.example/img/two.webp', 'https://paper.example/img/three.jpg'],
    );
  });
});

describe('extractListing: <dl> of headlines with datelined excerpts', () => {
  it('reads dt/dd runs and moves the dateline out of the summary', () => {
    const entry = (slug: string, title: string, date: string, text: string): string =>
      `<dt><a href="/n/${slug}">${title}</a></dt><dd>${date} — ${text}</dd>`;
    const html = `<html><body><div class="menu"><a href="/">Home</a> <a href="/about">About</a></div><dl class="news">
      ${entry('library-opens-late-thursdays', 'Library opens late on Thursdays from April', '5 March 2024', 'Volunteers will staff the desk until eight in the evening every Thursday.')}
      ${entry('new-recycling-bins-old-town', 'New recycling bins for the old town streets', '20 February 2024', 'The narrow lanes get smaller bins that the new electric truck can empty.')}
      ${entry('bridge-survey-good-shape', 'Bridge survey finds the arches in good shape', '2 February 2024', 'Engineers found only minor repairs to the parapet were needed this year.')}
    </dl></body></html>`;
    const res = extractListing(html, 'https://town.example/n/', { now: NOW });
    assert.match(res.strategy, /^segments:.*dt$/);
    assert.deepEqual(
      res.items.map((i) => i.published),
      ['2024-03-05T00:00:00Z', '2024-02-20T00:00:00Z', '2024-02-02T00:00:00Z'],
    );
    assert.equal(res.items[0]!.summary, 'Volunteers will staff the desk until eight in the evening every Thursday.');
  });
});
