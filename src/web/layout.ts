// The page shell every HTML page shares: landmarks (header/nav/main/footer), a skip link, the
// site search box, feed autodiscovery links.
import { closeBidi } from '../text/bidi.js';
import { html, raw, type Html } from './html.js';
import { SITE_CSS_PATH } from './styles.js';
import { ENGLISH_UI, type Ui } from './ui.js';

export interface FeedLinks {
  title: string;
  rss: string;
  atom: string;
  json: string;
}

export type NavItem = 'all' | 'topics' | 'sources' | 'search' | 'none';

export interface NavTopic {
  id: string;
  name: string;
}

export interface Shell {
  title: string;
  current: NavItem;
  main: Html;
  feeds?: FeedLinks | undefined;
  /** Current search text, kept in the header search box. */
  query?: string | undefined;
  /** Extra <head> content (robots, canonical…). */
  head?: Html | undefined;
  /** The topics followed, listed under the main navigation. */
  topics?: readonly NavTopic[] | undefined;
  /** Id of the topic whose page this is. */
  currentTopic?: string | undefined;
  /** The interface language (English when absent). */
  ui?: Ui | undefined;
}

function topicNav(topics: readonly NavTopic[] | undefined, current: string | undefined, ui: Ui): Html | string {
  if (!topics?.length) return '';
  return html`
<nav class="topic-nav" aria-label="${ui.t('shell.topicsNav')}"><div class="wrap"><ul><li><a href="/topics"${current === '' ? html` aria-current="page"` : ''}>${ui.t('shell.topicsLead')}</a></li>${topics.map(
    (t) =>
      html`<li><a href="/topics/${encodeURIComponent(t.id)}"${t.id === current ? html` aria-current="page"` : ''}><bdi>${t.name}</bdi></a></li>`,
  )}</ul></div></nav>`;
}

// Re-renders <time data-local> in the browser's own time zone; the server can only know UTC.
// It writes them in the locale the server wrote them in (the date-locale meta: a reader's chosen
// language, else the browser's first), and names the zone as the server's text names UTC: without
// it an analyst could not tell local time from UTC, nor a Persian page keep Persian digits.
// The page's Content-Security-Policy allows exactly this text by its hash (csp.ts), so it must
// stay a constant: any change here changes the hash with it.
export const LOCAL_TIME_JS = `const l=document.querySelector('meta[name=date-locale]')?.content||undefined;for(const t of document.querySelectorAll('time[data-local]')){const d=new Date(t.dateTime);if(isNaN(d))continue;const z=new Intl.DateTimeFormat(l,{timeZoneName:'short'}).formatToParts(d).find((p)=>p.type==='timeZoneName');t.textContent=d.toLocaleString(l,{dateStyle:'medium',timeStyle:'short'})+(z?' '+z.value:'')}`;
const LOCAL_TIME_SCRIPT = raw(`<script>${LOCAL_TIME_JS}</script>`);

/** The header's account corner as every shared page has it; a signed-in viewer's copy swaps it (account/header.ts). */
/**
 * The header's account corner as shared (cached) pages carry it: a sign-in link. A signed-in
 * viewer's copy has it swapped for theirs (account/header.ts finds it by ACCOUNT_CORNER_START).
 */
export const ACCOUNT_CORNER_START = '<div class="account">';

function signedOutCorner(ui: Ui): Html {
  return html`${raw(ACCOUNT_CORNER_START)}<a href="/login">${ui.t('shell.signIn')}</a></div>`;
}

function navLink(href: string, label: string, item: NavItem, current: NavItem): Html {
  return item === current
    ? html`<li><a href="${href}" aria-current="page">${label}</a></li>`
    : html`<li><a href="${href}">${label}</a></li>`;
}

// An empty icon: without one every page view asks for /favicon.ico and logs a 404 (img-src allows data:).
const NO_ICON = html`<link rel="icon" href="data:,">`;

export function layout(p: Shell): Html {
  const ui = p.ui ?? ENGLISH_UI;
  const t = ui.t;
  const feeds = p.feeds
    ? html`
<link rel="alternate" type="application/rss+xml" title="${closeBidi(p.feeds.title)} (RSS)" href="${p.feeds.rss}">
<link rel="alternate" type="application/atom+xml" title="${closeBidi(p.feeds.title)} (Atom)" href="${p.feeds.atom}">
<link rel="alternate" type="application/feed+json" title="${closeBidi(p.feeds.title)} (JSON Feed)" href="${p.feeds.json}">`
    : '';
  return html`<!doctype html>
<html lang="${ui.lang}" dir="${ui.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="date-locale" content="${ui.locale}">
<title>${closeBidi(p.title)} · Newsdesk</title>
<link rel="stylesheet" href="${SITE_CSS_PATH}">${feeds}${p.head ?? ''}
${NO_ICON}
</head>
<body>
<a class="skip" href="#main">${t('shell.skip')}</a>
<header class="site"><div class="wrap">
<a class="brand" href="/">Newsdesk</a>
<nav class="main" aria-label="${t('shell.mainNav')}"><ul>${navLink('/', t('shell.allStories'), 'all', p.current)}${navLink('/sources', t('shell.sources'), 'sources', p.current)}</ul></nav>
<form class="search" role="search" action="/search" method="get"><label class="visually-hidden" for="q">${t('shell.searchLabel')}</label><input type="search" id="q" name="q" value="${p.query ?? ''}" placeholder="${t('shell.searchLabel')}"><button type="submit">${t('shell.searchButton')}</button></form>
${signedOutCorner(ui)}</div>${topicNav(p.topics, p.current === 'topics' && p.currentTopic === undefined ? '' : p.currentTopic, ui)}</header>
<main id="main" tabindex="-1"><div class="wrap">
${p.main}
</div></main>
<footer class="site"><div class="wrap">${p.feeds ? html`${t('shell.follow')} <a href="${p.feeds.rss}">RSS</a> · <a href="${p.feeds.atom}">Atom</a> · <a href="${p.feeds.json}">JSON Feed</a> · ` : ''}<a href="/api/openapi.json">${t('shell.api')}</a></div></footer>
${LOCAL_TIME_SCRIPT}
</body>
</html>`;
}
