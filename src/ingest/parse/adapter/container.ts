// Maps the children of a feed-level or entry-level element onto the ParsedFeed shape. One
// table serves RSS, RDF, Atom and CDF alike, because real feeds mix their vocabularies (an RSS
// item with atom:link and dc:creator, an Atom entry with content:encoded, …); the format
// readers only decide which elements are containers and what version the document is.
import { parseDate } from '../../../text/dates.js';
import type { Category, Content, FeedMeta, Link, ParsedEntry, Person, TextType } from '../types.js';
import { resolveUrl } from '../urls.js';
import { hasElementChildren, textContent } from '../xml/serialize.js';
import type { XmlElement } from '../xml/tree.js';
import type { AdaptContext } from './context.js';
import { readPerson } from './people.js';
import { cleanText, mapContentType, readText } from './text-construct.js';

/** Feed and entry fields in one shape, plus what is only kept until the container is read. */
export type Target = FeedMeta &
  ParsedEntry & {
    mediaTitle?: string;
    /** An item's Media RSS description (media:group, media:content or the item): its summary when it has none. */
    mediaDescription?: { value: string; type: TextType };
    syPeriod?: string;
    syFrequency?: string;
  };
export type Level = 'feed' | 'entry' | 'source';

interface State {
  hasContent: boolean;
  /** The link came from a guid/id that claimed to be a permalink, not from a link element. */
  linkFromGuid: boolean;
  /** The person an itunes:author element added (podcast items name their author twice). */
  itunesAuthor?: Person;
}

const ITUNES_SCHEME = 'http://www.itunes.com/';
const MEDIA_CATEGORY_SCHEME = 'http://search.yahoo.com/mrss/category_schema';
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
// A permalink id that is a relative reference ("/2004/01/post") is resolved like a link;
// opaque ids ("12345", "tag:…") are kept exactly as written.
const RELATIVE_REF = /^(\.{0,2}\/|[\w.~%-]+\/)/;

function trimmed(el: XmlElement): string {
  return textContent(el).trim();
}

function addCategory(t: Target, c: Category): void {
  if (!c.term && !c.scheme && !c.label) return;
  if (c.term) c.term = cleanText(c.term);
  const list = (t.categories ??= []);
  if (list.some((x) => x.term === c.term && x.scheme === c.scheme && x.label === c.label)) return;
  list.push(c);
}

function addTerms(t: Target, text: string, scheme?: string): void {
  for (const term of text.split(',')) {
    const tt = term.trim();
    if (tt) addCategory(t, scheme ? { term: tt, scheme } : { term: tt });
  }
}

function addLink(t: Target, el: XmlElement, level: Level, state: State): void {
  const a = el.attrs;
  const rawHref = a['href'] ?? a['url'] ?? a['uri'];
  // RSS puts the URL in the element's text; Atom in href. Feeds mix the two.
  const fromText = rawHref === undefined;
  const href = resolveUrl(el.base, fromText ? trimmed(el) : rawHref);
  if (fromText && !href) return; // an empty <link/> says nothing
  const rel = (a['rel'] ?? 'alternate').trim() || 'alternate';
  const link: Link = { href, rel };
  link.type = a['type'] ?? (rel === 'self' ? 'application/atom+xml' : 'text/html');
  if (a['title'] !== undefined) link.title = a['title'];
  if (a['length'] !== undefined) link.length = a['length'];
  (t.links ??= []).push(link);
  if (rel === 'enclosure' && level === 'entry' && !fromText) {
    const enc: NonNullable<ParsedEntry['enclosures']>[number] = { href };
    if (link.length !== undefined) enc.length = link.length;
    if (a['type'] !== undefined) enc.type = a['type'];
    (t.enclosures ??= []).push(enc);
  }
  // The last alternate HTML link is the entry's link; a text link with another rel only fills a gap.
  const alternate = rel === 'alternate' && HTML_TYPES.has(mapContentType(link.type));
  if (href && (alternate || (fromText && (t.link === undefined || state.linkFromGuid)))) {
    t.link = href;
    state.linkFromGuid = false;
  }
}

const AVATAR = /^(user[_-]?)?avatars?$/i;

/**
 * A picture of a person rather than of the item: WordPress adds the author's Gravatar to every
 * item as a `media:content`, and other hosts serve such pictures under an "avatar(s)" host or
 * path segment (avatars.githubusercontent.com, /user_avatar/).
 */
function isAvatar(href: string): boolean {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return false;
  }
  return u.hostname.split('.').some((l) => AVATAR.test(l)) || u.pathname.split('/').some((seg) => AVATAR.test(seg));
}

/**
 * Media RSS content is an enclosure by another name (video and image feeds use only it), except
 * a portrait of the author, which belongs to the person and would otherwise become the item's
 * lead image.
 */
function addMediaContent(t: Target, el: XmlElement, ctx: AdaptContext): void {
  for (const k of el.children) {
    if (typeof k !== 'string' && k.ns === 'media' && k.local === 'description') addMediaDescription(t, k, ctx);
  }
  const url = el.attrs['url'];
  if (!url) return;
  const href = resolveUrl(el.base, url);
  if (isAvatar(href)) return;
  if (t.enclosures?.some((e) => e.href === href)) return;
  const enc: NonNullable<ParsedEntry['enclosures']>[number] = { href };
  if (el.attrs['filesize'] !== undefined) enc.length = el.attrs['filesize'];
  const type = el.attrs['type'] ?? (el.attrs['medium'] ? `${el.attrs['medium']}/*` : undefined);
  if (type !== undefined) enc.type = type;
  (t.enclosures ??= []).push(enc);
  (t.links ??= []).push({ rel: 'enclosure', ...enc });
}

/** Media RSS `media:description` (type "plain", the default, or "html"): the first one found is kept. */
function addMediaDescription(t: Target, el: XmlElement, ctx: AdaptContext): void {
  if (t.mediaDescription) return;
  const v = readText(el, 'text/plain', ctx);
  if (v.value) t.mediaDescription = { value: v.value, type: v.type };
}

function setDate(t: Target, key: 'published' | 'updated' | 'created' | 'expired', el: XmlElement): void {
  const d = parseDate(trimmed(el));
  if (d) t[key] = d;
}

function addContent(t: Target, el: XmlElement, defaultType: string, ctx: AdaptContext, state: State): void {
  state.hasContent = true;
  const v = readText(el, defaultType, ctx);
  const c: Content = { value: v.value, type: v.type };
  if (el.lang) c.language = el.lang.replace(/_/g, '-');
  if (el.base) c.base = el.base;
  (t.content ??= []).push(c);
}

/** Summary-like elements: the first is the summary; a second one, before any content, is content. */
function addSummary(t: Target, el: XmlElement, defaultType: string, ctx: AdaptContext, level: Level, state: State): void {
  if (level !== 'feed' && t.summary !== undefined && !state.hasContent) {
    addContent(t, el, defaultType, ctx, state);
    return;
  }
  const v = readText(el, defaultType, ctx);
  if (level === 'feed') {
    t.subtitle = v.value;
    t.subtitleType = v.type;
  } else {
    t.summary = v.value;
    t.summaryType = v.type;
  }
}

/** Appends p to the target's list of people (creating it), leaving an absent list absent when p is nothing. */
function addPerson(t: Target, field: 'authors' | 'contributors', p: Person | undefined): void {
  if (p) (t[field] ??= []).push(p);
}

function readImage(t: Target, el: XmlElement): void {
  const img = (t.image ??= {});
  for (const k of el.children) {
    if (typeof k === 'string' || k.ns !== '') continue;
    const v = trimmed(k);
    switch (k.local) {
      case 'url':
      case 'href':
        img.href = resolveUrl(k.base, v);
        break;
      case 'title':
        img.title = v;
        break;
      case 'link':
        img.link = resolveUrl(k.base, v);
        break;
      case 'width':
      case 'height': {
        const n = Number.parseInt(v, 10);
        img[k.local] = Number.isFinite(n) ? n : 0;
        break;
      }
    }
  }
}

function readSource(el: XmlElement, ctx: AdaptContext): ParsedEntry['source'] {
  const src: NonNullable<ParsedEntry['source']> = {};
  const url = el.attrs['url'];
  if (url !== undefined) src.url = resolveUrl(el.base, url);
  if (hasElementChildren(el)) {
    const inner: Target = {};
    readContainer(el, inner, ctx, 'source');
    if (inner.title !== undefined) src.title = inner.title;
    if (inner.link !== undefined) src.link = inner.link;
    if (inner.id !== undefined) src.id = inner.id;
  } else {
    const title = trimmed(el);
    if (title) src.title = title;
  }
  return src;
}

/** Reads the children of `el` (or the `children` given) into `t`. */
export function readContainer(
  el: XmlElement,
  t: Target,
  ctx: AdaptContext,
  level: Level,
  children?: readonly (XmlElement | string)[],
): void {
  const state: State = { hasContent: false, linkFromGuid: false };
  const a = el.attrs;
  // RSS 1.0 and CDF put identity and links in attributes of the container itself.
  if (level === 'entry' && a['rdf:about'] !== undefined) t.id = a['rdf:about'];
  if (level !== 'source' && el.ns === '' && (el.local === 'item' || el.local === 'channel')) {
    if (a['lastmod'] !== undefined) {
      const d = parseDate(a['lastmod']);
      if (d) t.updated = d;
    }
    if (a['href'] !== undefined) {
      const href = resolveUrl(el.base, a['href']);
      t.link = href;
      (t.links ??= []).push({ href, rel: 'alternate', type: 'text/html' });
    }
  }
  for (const k of children ?? el.children) {
    if (typeof k === 'string') continue;
    readChild(k, t, ctx, level, state);
  }
  if (t.title === undefined && t.mediaTitle) {
    t.title = t.mediaTitle;
    t.titleType = 'text/plain';
  }
  // Video and podcast items (YouTube's Atom, media-only RSS) often say what they are only in
  // media:description: without it the item had no text, and its teaser no excerpt.
  if (t.mediaDescription && t.summary === undefined && !t.content?.length) {
    t.summary = t.mediaDescription.value;
    t.summaryType = t.mediaDescription.type;
  }
  // RSS <ttl> wins; otherwise the syndication module's period divided by its frequency.
  if (t.ttlSeconds === undefined && (t.syPeriod !== undefined || t.syFrequency !== undefined)) {
    const period = SY_PERIODS[t.syPeriod ?? 'daily'];
    const freq = Number.parseInt(t.syFrequency ?? '1', 10);
    if (period && Number.isFinite(freq) && freq > 0) t.ttlSeconds = Math.round(period / freq);
  }
}

const SY_PERIODS: Record<string, number> = { hourly: 3600, daily: 86400, weekly: 7 * 86400, monthly: 30 * 86400, yearly: 365 * 86400 };

function readChild(k: XmlElement, t: Target, ctx: AdaptContext, level: Level, state: State): void {
  const name = k.ns ? `${k.ns}:${k.local}` : k.local;
  switch (name) {
    case 'title':
    case 'dc:title': {
      const v = readText(k, 'text/plain', ctx);
      if (!v.value && t.title) break;
      t.title = v.value;
      t.titleType = v.type;
      break;
    }
    case 'link':
      addLink(t, k, level, state);
      break;
    case 'description':
      addSummary(t, k, 'text/html', ctx, level, state);
      break;
    case 'summary':
    case 'abstract':
    case 'itunes:summary':
    case 'dc:description':
      if (level === 'feed' && name === 'summary') {
        // Atom has no feed-level summary; keep it as the subtitle only when there is none.
        if (t.subtitle === undefined) addSummary(t, k, 'text/plain', ctx, level, state);
        break;
      }
      if (name === 'itunes:summary' && (level === 'feed' ? t.subtitle !== undefined : t.summary !== undefined)) break;
      addSummary(t, k, name === 'dc:description' ? 'text/html' : 'text/plain', ctx, level, state);
      break;
    case 'subtitle':
    case 'tagline':
    case 'itunes:subtitle': {
      if (level !== 'feed') {
        if (name === 'itunes:subtitle' && t.summary === undefined) addSummary(t, k, 'text/plain', ctx, level, state);
        break;
      }
      if (name === 'itunes:subtitle' && t.subtitle !== undefined) break;
      const v = readText(k, 'text/plain', ctx);
      t.subtitle = v.value;
      t.subtitleType = v.type;
      break;
    }
    case 'rights':
    case 'copyright':
    case 'dc:rights': {
      const v = readText(k, 'text/plain', ctx);
      t.rights = v.value;
      t.rightsType = v.type;
      break;
    }
    case 'content':
      addContent(t, k, 'text/plain', ctx, state);
      break;
    case 'content:encoded':
    case 'fullitem':
      addContent(t, k, 'text/html', ctx, state);
      break;
    case 'body':
    case 'xhtml:body':
      addContent(t, k, 'application/xhtml+xml', ctx, state);
      break;
    case 'id':
    case 'guid': {
      const raw = trimmed(k);
      const permalink = (k.attrs['ispermalink'] ?? 'true').trim().toLowerCase() === 'true';
      const value = permalink && raw && RELATIVE_REF.test(raw) ? resolveUrl(k.base, raw) : raw;
      t.id = value;
      // A permalink GUID is also the link: held to the same scheme rule as any other link.
      const asLink = permalink && name === 'guid' && value ? resolveUrl(undefined, value) : '';
      if (asLink && t.link === undefined) {
        t.link = asLink;
        state.linkFromGuid = true;
      }
      break;
    }
    case 'itunes:author': {
      const p = readPerson(k);
      if (!p) break;
      if (!t.authors?.length) {
        addPerson(t, 'authors', p);
        state.itunesAuthor = p;
        break;
      }
      // An item's <author> holding only an e-mail address and its itunes:author are one person.
      const i = t.authors.findIndex((a) => a.name === undefined && a.email !== undefined);
      if (level === 'entry' && i >= 0 && p.name !== undefined && p.email === undefined) t.authors[i] = { name: p.name, ...t.authors[i] };
      break;
    }
    case 'author':
    case 'managingeditor':
    case 'dc:author':
    case 'dc:creator': {
      const p = readPerson(k);
      const named = state.itunesAuthor;
      if (level === 'entry' && name === 'author' && p?.email !== undefined && p.name === undefined && named && t.authors?.length === 1) {
        if (named.email === undefined) named.email = p.email;
        break;
      }
      addPerson(t, 'authors', p);
      break;
    }
    case 'contributor':
      addPerson(t, 'contributors', readPerson(k));
      break;
    case 'dc:contributor': {
      const n = trimmed(k);
      if (n) addPerson(t, 'contributors', { name: n });
      break;
    }
    case 'published':
    case 'issued':
    case 'pubdate':
    case 'dcterms:issued':
      setDate(t, 'published', k);
      break;
    case 'updated':
    case 'modified':
    case 'lastbuilddate':
    case 'dc:date':
    case 'dcterms:modified':
      setDate(t, 'updated', k);
      break;
    case 'created':
    case 'dcterms:created':
      setDate(t, 'created', k);
      break;
    case 'expirationdate':
      setDate(t, 'expired', k);
      break;
    case 'category':
    case 'dc:subject':
    case 'keywords': {
      const term = k.attrs['term'] ?? (trimmed(k) || undefined);
      const scheme = k.attrs['scheme'] ?? k.attrs['domain'];
      const label = k.attrs['label'];
      const c: Category = {};
      if (term !== undefined) c.term = term;
      if (scheme !== undefined) c.scheme = scheme;
      if (label !== undefined) c.label = label;
      addCategory(t, c);
      break;
    }
    case 'tags':
      addTerms(t, trimmed(k));
      break;
    case 'itunes:category': {
      const term = k.attrs['text'];
      if (term) addCategory(t, { term, scheme: ITUNES_SCHEME });
      for (const sub of k.children) {
        if (typeof sub !== 'string' && sub.local === 'category' && sub.attrs['text'])
          addCategory(t, { term: sub.attrs['text'], scheme: ITUNES_SCHEME });
      }
      break;
    }
    case 'itunes:keywords':
      addTerms(t, trimmed(k), ITUNES_SCHEME);
      break;
    case 'media:category': {
      const term = trimmed(k);
      const c: Category = { term, scheme: k.attrs['scheme'] ?? MEDIA_CATEGORY_SCHEME };
      if (k.attrs['label']) c.label = k.attrs['label'];
      if (term) addCategory(t, c);
      break;
    }
    case 'media:content':
      if (level === 'entry') addMediaContent(t, k, ctx);
      break;
    case 'media:group':
      if (level === 'entry') {
        for (const g of k.children) {
          if (typeof g === 'string') continue;
          if (g.ns === 'media' && g.local === 'content') addMediaContent(t, g, ctx);
          else if (g.ns === 'media' && g.local === 'title') t.mediaTitle ??= trimmed(g);
          else if (g.ns === 'media' && g.local === 'description') addMediaDescription(t, g, ctx);
        }
      }
      break;
    case 'media:description':
      if (level === 'entry') addMediaDescription(t, k, ctx);
      break;
    case 'media:title':
      if (level === 'entry') t.mediaTitle ??= trimmed(k);
      break;
    case 'cc:license':
    case 'creativeCommons:license': {
      const href = k.attrs['rdf:resource'] ?? trimmed(k);
      if (href) (t.links ??= []).push({ href: resolveUrl(k.base, href), rel: 'license', type: 'text/html' });
      break;
    }
    case 'language':
    case 'dc:language':
      if (level !== 'source') t.language = trimmed(k);
      break;
    case 'generator': {
      const g: NonNullable<FeedMeta['generator']> = { name: trimmed(k) };
      const uri = k.attrs['uri'] ?? k.attrs['url'] ?? k.attrs['href'];
      if (uri !== undefined) g.uri = resolveUrl(k.base, uri);
      if (k.attrs['version'] !== undefined) g.version = k.attrs['version'];
      t.generator = g;
      break;
    }
    case 'admin:generatoragent': {
      const r = k.attrs['rdf:resource'];
      if (r) t.generator = { ...(t.generator ?? {}), uri: r, name: t.generator?.name ?? '' };
      break;
    }
    case 'image':
      if (level === 'feed') readImage(t, k);
      break;
    case 'itunes:image': {
      const href = k.attrs['href'] ?? k.attrs['url'];
      if (href && level === 'feed') {
        t.image ??= {};
        t.image.href ??= resolveUrl(k.base, href);
      }
      break;
    }
    case 'itunes:link':
      if (level === 'feed' && k.attrs['rel'] === 'image' && k.attrs['href']) {
        t.image ??= {};
        t.image.href ??= resolveUrl(k.base, k.attrs['href']);
      }
      break;
    case 'icon':
      t.icon = resolveUrl(k.base, trimmed(k));
      break;
    case 'logo':
      t.logo = resolveUrl(k.base, trimmed(k));
      break;
    case 'enclosure': {
      const href = k.attrs['url'] ?? k.attrs['href'] ?? k.attrs['uri'];
      const enc: NonNullable<ParsedEntry['enclosures']>[number] = { href: href !== undefined ? resolveUrl(k.base, href) : '' };
      if (k.attrs['length'] !== undefined) enc.length = k.attrs['length'];
      if (k.attrs['type'] !== undefined) enc.type = k.attrs['type'];
      if (level === 'entry') (t.enclosures ??= []).push(enc);
      (t.links ??= []).push({ rel: 'enclosure', ...enc });
      break;
    }
    case 'comments':
      if (level === 'entry') t.comments = resolveUrl(k.base, trimmed(k));
      break;
    case 'source':
      if (level === 'entry') {
        const source = readSource(k, ctx);
        if (source) t.source = source;
      }
      break;
    case 'ttl': {
      const n = Number.parseInt(trimmed(k), 10);
      if (level === 'feed' && Number.isFinite(n) && n > 0) t.ttlSeconds = n * 60;
      break;
    }
    case 'sy:updateperiod':
    case 'sy:updatefrequency':
      if (level === 'feed') t[name === 'sy:updateperiod' ? 'syPeriod' : 'syFrequency'] = trimmed(k).toLowerCase();
      break;
    default:
      break;
  }
}
