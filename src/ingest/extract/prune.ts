// Stage 1, before the body is chosen: removes page furniture that is recognisable by its
// structure — comment threads and comment forms, share bars, related-story rails, newsletter
// and sign-up boxes, author bios, breadcrumbs and pagers. Readability marks such blocks as
// "unlikely" only on its first try; when that try finds too little text it retries without the
// mark, and a page whose own article is short (a photo post, a video post) then comes back as its
// comment thread. Removing them here, for good, closes that door and gives the scorer less to read.
//
// Every rule pairs a name pattern (class, id) with a size guard: furniture is small, or mostly
// links; a block that holds the page's headline or most of its prose is never furniture whatever
// it is called (a theme may call the whole post "comment-friendly").
import { ablation } from './ablation.js';
import { holdsUpdateFeed } from './live-blog.js';
import { singleField } from './single-field-form.js';
import { threadBlocks } from './thread-blocks.js';
import { consentBoxes, isAnswerControl } from './consent-box.js';
import { isPersonBox } from './person-box.js';
import { NOT_PROSE } from './opening.js';
import { blocksOf } from './trim.js';
import type { DomDocument, DomElement } from './dom.js';
import { ELEMENT_NODE, SHOW_ELEMENT, childElements, leadsAway, nextElement, prevElement } from './dom.js';
import { withTunedReads } from './readability-linkedom.js';
import { hasStampLine } from './time-lines.js';
import { allElements, someElement, textAndLinks, textLength, textLengthUpTo, walkList } from './walk.js';

/** The kinds of furniture, each with the guard that lets a block go. */
type Kind = 'comments' | 'form' | 'share' | 'related' | 'promo' | 'bio' | 'nav' | 'consent' | 'overlay' | 'footer';

// Class and id tokens (split on white space), matched whole. Written for how themes name these
// blocks across the web (WordPress, Blogger, Typepad, Disqus, newspaper CMSs), not for any page.
const COMMENTS =
  /^(?:[a-z]+[-_])?(?:comments?|comment(?:body|text|content|entry|item|head|header|meta|author)|commentlist|commentary-list|disqus(?:_thread)?|respond|replies|discussion|talkback)(?:[-_](?:list|area|section|container|wrapper|wrap|thread|block|holder|box|content|form|outer|inner|main|body|head|header|title|count|item|items|text|meta|\d+))?$/;
const COMMENT_ITEM = /^(?:div-|li-)?comment-?\d+$/;
const SHARE =
  /(?:^|[-_])(?:share|shares|sharing|sharebar|sharetools|social|sociable|socialmedia|addthis|sharedaddy|sharethis|shareaholic|likebutton|fb-like)(?:$|[-_])/;
const RELATED =
  /(?:^|[-_])(?:related|recommended|recommendations|more-?stories|morestories|most-?read|mostread|most-?popular|popular-?posts|trending|outbrain|taboola|you-?may-?(?:also-?)?like|read-?next|readnext|also-?read)(?:$|[-_])/;
const PROMO =
  /(?:^|[-_])(?:newsletter|subscribe|subscription|signup|sign-up|optin|opt-in|promo|advert|advertisement|sponsored|adsense|ad-slot|adslot)(?:$|[-_])/;
const BIO =
  /(?:^|[-_])(?:author[-_]?(?:bio|box|info|details|description|desc|profile|about)|authorbox|about[-_]?(?:the[-_]?)?author|bio[-_]?box|biography|post[-_]?author)(?:$|[-_])/;
/**
 * Cookie and consent notices (the EU's cookie-law banners, consent managers): on a short post
 * such a notice is often the longest run of prose in the markup, and the scorer then returns it
 * as the article (a blog's "Privacy & Cookies" widget). These names are never a story's: no size
 * share guards them, so that a notice longer than a three-line post still goes.
 */
const CONSENT =
  /(?:^|[-_])(?:cookie[-_]?(?:law|notice|banner|consent|bar|hint|layer|box|check|policy|info|message|popup|overlay)|cookielaw|cookiebanner|cookieconsent|cookienotice|consent|gdpr|rgpd|dsgvo|cmp)(?:$|[-_])/;
/**
 * Other overlays laid over the page rather than set in it: dialogs (an age check on a video
 * page), modals, pop-ups, blocks named only "cookies". These words also name the page's own
 * parts at times (a viewer opening the article in a modal, a recipe category), so half the page
 * is the page whatever it is called.
 */
const OVERLAY = /(?:^|[-_])(?:cookies?|dialog|modal|popup|pop-up)(?:$|[-_])/;
/**
 * A block named as a footer (`site-footer`, `footer_sky`, `entry-footer`): what a `<footer>`
 * element holds on pages built without one — the publisher's blurb, contact lines, legal notes.
 * A short page's footer blurb is full sentences, so the link-density guard of `<footer>` does not
 * catch it and the scorer can return it as the article. Guarded by its share of the page instead.
 */
const FOOTER = /(?:^|[-_])footer(?:$|[-_])/;
/**
 * A notice, a dialog or a footer is a block of its own. The same words on an inline element name something
 * else: a link opening a footnote "popup", a "cookies" tag in a line of keywords.
 */
const OVERLAY_TAGS = new Set(['div', 'section', 'form', 'p', 'ul', 'ol', 'table', 'center']);
const NAV = /^(?:breadcrumbs?|pagination|pager|post-?nav(?:igation)?|nav-?links|navigation|skip-?link|share-?nav)$/;

// Every token the patterns above match holds one of these words: a class and id without any
// is no furniture, and most elements are answered by this one test.
const FURNITURE_WORD =
  /comment|disqus|respond|replies|discussion|talkback|shar|social|sociable|addthis|likebutton|fb-like|related|recommend|more|most|popular|trending|outbrain|taboola|you|read|newsletter|subscri|sign|opt|promo|advert|sponsored|adsense|ad-slot|adslot|author|bio|breadcrumb|pagination|pager|nav|skip|cookie|consent|gdpr|rgpd|dsgvo|cmp|dialog|modal|popup|pop-up|footer/;

/**
 * A notice is set once. A consent word that two or more of the element's siblings also carry as a
 * class token names a template's repeated part instead: component libraries prefix every part of
 * the page with a short tag (Adobe Experience Manager's Core Components mark each text, image and
 * title block `cmp cmp-text`, `cmp cmp-image`, the `cmp-` prefix of their BEM naming), and there
 * the story's own paragraphs, block after block, carry the consent managers' "cmp" (x-opening2).
 */
function namesSiblings(el: DomElement, token: string): boolean {
  const carries = (k: DomElement): boolean => k.getAttribute('class')?.toLowerCase().split(/\s+/).includes(token) === true;
  let others = 0;
  // The nearest siblings on each side, within a bound: a hostile page's thousands of siblings
  // with names of their own are not read once for each of them.
  let before = prevElement(el);
  let after = nextElement(el);
  for (let i = 0; i < SIBLINGS_READ && (before || after); i++) {
    if (before && carries(before) && ++others >= 2) return true;
    if (after && carries(after) && ++others >= 2) return true;
    before = before ? prevElement(before) : null;
    after = after ? nextElement(after) : null;
  }
  return false;
}
/** How many siblings on each side namesSiblings reads. */
const SIBLINGS_READ = 32;

function kindOf(el: DomElement): Kind | null {
  const tag = el.localName;
  if (tag === 'nav') return 'nav';
  const role = el.getAttribute('role');
  if (role === 'navigation') return 'nav';
  // A form with a free-text box is a comment or contact form; search boxes have no <textarea>.
  if (tag === 'form' && el.getElementsByTagName('textarea').length > 0) return 'form';
  if (tag === 'aside' || role === 'complementary') return 'related';
  if (tag === 'dialog' || role === 'dialog' || role === 'alertdialog' || el.getAttribute('aria-modal') === 'true') return 'overlay';
  // Page and section footers and headers: small or link lists unless they hold the headline.
  if (tag === 'footer' || tag === 'header' || role === 'contentinfo' || role === 'banner') return 'nav';
  const cls = el.getAttribute('class');
  const id = el.getAttribute('id');
  // Most elements have neither: no names string to build (and throw away) for them.
  if (!cls && !id) return null;
  const names = `${cls ?? ''} ${id ?? ''}`.toLowerCase().trim();
  if (!names || !FURNITURE_WORD.test(names)) return null;
  for (const t of names.split(/\s+/)) {
    if (COMMENTS.test(t) || COMMENT_ITEM.test(t)) return 'comments';
    if (NAV.test(t)) return 'nav';
    if (BIO.test(t)) return 'bio';
    if (SHARE.test(t)) return 'share';
    if (RELATED.test(t)) return 'related';
    if (PROMO.test(t)) return 'promo';
    if (OVERLAY_TAGS.has(tag)) {
      if (CONSENT.test(t) && !namesSiblings(el, t)) return 'consent';
      if (OVERLAY.test(t)) return 'overlay';
      if (FOOTER.test(t)) return 'footer';
    }
  }
  return null;
}

/**
 * The elements that hold what must never be pruned — the headline, or the marked-up article body —
 * among `body` and the elements below it: what a walk of each element's subtree would find, for
 * every element at once. `h1s` are the <h1>s under `body` (a <template>'s contents included);
 * `headlines` those that are the page's headline (see pageHeadlines), null meaning any <h1>.
 *
 * Found once per prune by climbing from each such element through its ancestors: the rules ask
 * this of every furniture candidate, and the shape rules (a consent box, a sign-up box) of every
 * ancestor of each control or field up to the body — on a deep page, with hundreds of buttons
 * (hashed class names leave every comment thread's controls in place), a walk of each asked
 * subtree read the same nodes again and again (x-holds). A marked body inside a <template> is
 * not the page's (the selector queries skip a template's contents): it is held by its ancestors
 * up to that template, the template itself included, and not above. A headline counts wherever
 * it is, inside a template too, as the walk counted it.
 */
export function articleHolders(body: DomElement, h1s: readonly DomElement[], headlines: Set<DomElement> | null): Set<DomElement> {
  const holders = new Set<DomElement>();
  // Elements whose every ancestor is already a holder: a climb that meets one can stop there.
  const climbed = new Set<DomElement>();
  for (const h of h1s) {
    if (headlines !== null && !headlines.has(h)) continue;
    for (let p = h.parentElement; p && !climbed.has(p); p = p.parentElement) {
      holders.add(p);
      climbed.add(p);
    }
  }
  const marked = walkList(body, SHOW_ELEMENT, (n) => ARTICLE_BODY.has((n as DomElement).getAttribute('itemprop') ?? ''));
  for (const n of marked) {
    const path: DomElement[] = [];
    let bounded = false;
    for (let p = (n as DomElement).parentElement; p && !climbed.has(p); p = p.parentElement) {
      holders.add(p);
      path.push(p);
      if (p.localName === 'template') {
        bounded = true;
        break;
      }
    }
    if (!bounded) for (const p of path) climbed.add(p);
  }
  return holders;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The <h1>s whose text the document's <title> repeats (or that repeat it): the page's headline.
 * HTML5 templates give every section an <h1> of its own — "Comments (12)" over the thread,
 * "Related" over a rail — and such an <h1> says nothing about the block being the article. When
 * some <h1> matches the title, only those guard their block; when none does (no title, or a
 * title that names only the site), every <h1> does, as before.
 */
function pageHeadlines(doc: DomDocument, h1s: DomElement[]): Set<DomElement> | null {
  const title = squash(doc.title ?? '');
  if (title.length < 4) return null;
  const found = new Set<DomElement>();
  for (let i = 0; i < h1s.length; i++) {
    const t = squash(h1s[i]!.textContent ?? '');
    if (t.length >= 4 && (title.includes(t) || t.includes(title))) found.add(h1s[i]!);
  }
  return found.size > 0 ? found : null;
}
const ARTICLE_BODY = new Set(['articleBody', 'articlebody']);

/** A notice or a dialog is at most this long (a few sentences and the buttons' labels). */
const NOTICE_MAX = 1500;

/**
 * Whether a block of kind `kind` with these sizes is furniture. `pageText` gives the text length
 * of the whole body: a block holding more than half of it is the page, not its furniture —
 * except a comment thread, which on a short post routinely outweighs the post. Asked only for the
 * kinds guarded by that share (measuring the page is a walk of all its text).
 */
function isFurniture(kind: Kind, size: { text: number; links: number }, pageText: () => number): boolean {
  const density = size.text > 0 ? size.links / size.text : 1;
  const shareOf = (): number => {
    const page = pageText();
    return page > 0 ? size.text / page : 0;
  };
  switch (kind) {
    case 'comments':
      return true;
    case 'form':
      // A comment or contact form is a few labels and buttons. One that holds most of the page is
      // the page: ASP.NET Web Forms wrap the whole page in one <form> (its comment box included).
      return shareOf() < 0.5;
    case 'nav':
      return density > 0.5 || size.text < 200;
    case 'share':
      return size.text < 400 || density > 0.6;
    case 'related':
      return shareOf() < 0.5 && (density > 0.4 || size.text < 300);
    case 'promo':
      return shareOf() < 0.5 && (size.text < 600 || density > 0.5);
    case 'consent':
      // A notice is a few sentences; a long block so named holds more than the notice.
      return size.text < NOTICE_MAX;
    case 'footer':
      // Under a third of the page: a theme that calls the whole post column "footer-…" is the page.
      return shareOf() < 0.3 && size.text < NOTICE_MAX;
    case 'overlay':
      // One holding half the page is the page (an article opened in a modal viewer).
      return shareOf() < 0.5 && size.text < NOTICE_MAX;
    case 'bio':
      // A bio says something about the person (a sentence at least); a bare name is a byline.
      return shareOf() < 0.3 && size.text < 1200 && size.text >= 60;
  }
}

/** What the pruning removed, for the candidate choice and for tests. */
export interface PruneReport {
  removed: number;
  /** Characters of text removed. */
  removedText: number;
}

/**
 * A page that sets several stories side by side (the story, then "next story" or a continuous
 * scroll of the following ones) marks each as an <article>. When exactly one of the outermost
 * articles holds a top-level headline (<h1>), that one is the page's own story and the others are
 * furniture. A listing page, whose articles all carry the same rank of heading, is left alone.
 */
function otherArticles(body: DomElement, all: DomElement[]): DomElement[] {
  if (all.length < 2) return [];
  const outer: DomElement[] = [];
  for (let i = 0; i < all.length; i++) {
    const a = all[i]!;
    let nested = false;
    for (let p = a.parentElement; p && p !== body; p = p.parentElement) {
      if (p.localName === 'article') {
        nested = true;
        break;
      }
    }
    if (!nested) outer.push(a);
  }
  if (outer.length < 2) return [];
  const withHeadline = outer.filter((a) => someElement(a, (d) => d.localName === 'h1'));
  if (withHeadline.length !== 1) return [];
  const own = withHeadline[0]!;
  const others = outer.filter((a) => a !== own);
  // A live blog's updates, each an <article> below a headline article that is a header only,
  // are the story, not the next ones (live-blog.ts). Below a whole story they are the next stories.
  if (proseBlocks(own) <= COVER_PROSE && holdsUpdateFeed(others) && !ablation.off?.('live-feed')) return [];
  // A cover: the headline's article holds at most one paragraph of prose (a standfirst) — the
  // story's header, set apart from its body (a podcast's or a guide's cover, then its text). The
  // article right after it is that body, not the next story, and is not pruned; those further on
  // are other stories or the page's furniture (log-in dialogs set as articles) as before.
  if (proseBlocks(own) <= COVER_PROSE) {
    const next = outer[outer.indexOf(own) + 1];
    if (next) others.splice(others.indexOf(next), 1);
  }
  return others;
}

/** Prose blocks (stage 4's good blocks) a headline's article holding no more is a cover. */
const COVER_PROSE = 1;

/** Stage 4's good blocks of `el` that are paragraphs (opening.ts's test: not a list or table item, not a script's JSON). */
function proseBlocks(el: DomElement): number {
  let n = 0;
  for (const b of blocksOf(el)) if (b.cls === 'good' && !NOT_PROSE.has(b.el.localName)) n++;
  return n;
}

/** Removes furniture from `doc`'s body in place. */
export function pruneFurniture(doc: DomDocument): PruneReport {
  return visitFurniture(doc, (el) => el.parentNode?.removeChild(el));
}

/**
 * The <h1> and <article> elements under `root`, in document order, from one walk: what
 * getElementsByTagName gives for each lower-case name (linkedom matches it exactly) without
 * linkedom's upper-casing of every other name, and one pass over a large body instead of two.
 */
function headingsAndArticles(root: DomElement): { h1s: DomElement[]; articles: DomElement[] } {
  const h1s: DomElement[] = [];
  const articles: DomElement[] = [];
  walkList(root, SHOW_ELEMENT, (n) => {
    const tag = (n as DomElement).localName;
    if (tag === 'h1') h1s.push(n as DomElement);
    else if (tag === 'article') articles.push(n as DomElement);
    return false;
  });
  return { h1s, articles };
}

const CARD_HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
const CARD_MAX = 500;
/** Teaser lists holding this share of the page's text or more make it a listing page. */
const TEASERS_MAX_SHARE = 0.5;
/** The blocks that hold lists of cards. */
const LIST_TAGS = new Set(['ul', 'ol', 'div', 'section']);

/**
 * A teaser card: under CARD_MAX characters, with a heading that is a link to another page (the
 * heading inside the link, or the link filling the heading). An accordion's or a tab's heading is
 * a link to nothing or to a place on the page: its panel is the page's own text. `text` is the
 * card's text counted up to CARD_MAX (textLengthUpTo).
 */
function isCard(c: DomElement, text: number): boolean {
  if (text === 0 || text >= CARD_MAX) return false;
  for (const d of allElements(c)) {
    if (!CARD_HEADINGS.has(d.localName)) continue;
    const h = textAndLinks(d);
    if (h.text === 0) continue;
    if (h.links >= 0.9 * h.text && allElements(d).some((a) => a.localName === 'a' && leadsAway(a))) return true;
    for (let a = d.parentElement; a && a !== c.parentElement; a = a.parentElement) if (a.localName === 'a') return leadsAway(a);
  }
  return false;
}

/** Three or more cards side by side, most of the block's children: a list of other stories. */
function isTeaserList(kids: DomElement[]): boolean {
  let cards = 0;
  let others = 0;
  for (const k of kids) {
    // Read only as far as a card could go: most children tested are far longer. Whether a child
    // that is no card has text at all is read from the same count (it is over 0 exactly when
    // a count up to 1 would be).
    const text = textLengthUpTo(k, CARD_MAX);
    if (isCard(k, text)) cards++;
    else if (text > 0) others++;
    if (others > 0 && others * 4 > cards + others + 4) return false;
  }
  return cards >= 3 && cards >= 4 * others;
}

/** Whether `el` is `root` or inside it. */
function within(el: DomElement, root: DomElement): boolean {
  for (let p: DomElement | null = el; p; p = p.parentElement) if (p === root) return true;
  return false;
}

/** A sign-up box is at most this long: a heading, a sentence or two and the form's labels. */
const SIGN_UP_MAX = 600;

/**
 * The box around a field for an e-mail address (`<input type="email">`): its largest ancestor
 * with under SIGN_UP_MAX characters of text and under a fifth of the page's, not holding the
 * headline or the marked body. A story asks for no address; a newsletter, alert or comment
 * form does, and its call ("Get the news in your inbox", "Don't miss a post") sits in the box
 * beside the field whatever the language. Null when even the field's own parent is too large.
 */
function signUpBox(field: DomElement, body: DomElement, stopsBelow: (p: DomElement) => boolean): DomElement | null {
  let box: DomElement | null = null;
  for (let p = field.parentElement; p && p !== body && !stopsBelow(p); p = p.parentElement) box = p;
  return box;
}

/**
 * Whether signUpBox's climb stops below `p`, remembered per element for the fields of one page:
 * a thread that asks for an address on every comment sets its fields nested, and their climbs
 * pass the same ancestors (x-holds).
 */
function signUpStops(pageText: () => number, holdsArticle: (el: DomElement) => boolean): (p: DomElement) => boolean {
  const stops = new Map<DomElement, boolean>();
  return (p) => {
    let stop = stops.get(p);
    if (stop === undefined) {
      // Read only as far as a box could go: the ancestors above it hold most of the page.
      const text = textLengthUpTo(p, SIGN_UP_MAX);
      stop = text >= SIGN_UP_MAX || text > pageText() * 0.2 || p.localName === 'article' || p.localName === 'main' || holdsArticle(p);
      stops.set(p, stop);
    }
    return stop;
  };
}

/** Tags whose children a comment thread repeats: list items, or boxes. */
const THREAD_TAGS = new Set(['ol', 'ul', 'div', 'section', 'dl']);
const ITEM_TAGS = new Set(['li', 'div', 'article', 'section', 'dd', 'dt', 'table']);
/** How many ancestors of a comment form threadBeforeForm climbs through. */
const THREAD_CLIMB = 4;

/**
 * A comment thread found by its place and shape, not its name (x-noclass): the nearest block
 * before a comment form (a form with a <textarea>) that repeats one shape of child (same tag and
 * same class attribute, whatever its words) at least three times, most of those children holding
 * a short line with a date or a time (the commenter's name-and-date line). Climbs from the form
 * through at most THREAD_CLIMB ancestors, looking at up to two earlier siblings at each level.
 * Never a block that holds the headline or the marked body.
 */
function threadBeforeForm(form: DomElement, body: DomElement, holdsArticle: (el: DomElement) => boolean): DomElement | null {
  let at: DomElement | null = form;
  for (let up = 0; at && at !== body && up <= THREAD_CLIMB; up++, at = at.parentElement) {
    let prev = prevElement(at);
    for (let n = 0; prev && n < 2; n++, prev = prevElement(prev)) {
      const thread = repeatedStampedItems(prev);
      if (thread && !holdsArticle(thread)) return thread;
    }
  }
  return null;
}

/** `el`, or its one element child with the repeated items, when its children repeat a dated shape. */
function repeatedStampedItems(el: DomElement): DomElement | null {
  for (let box: DomElement | null = el, depth = 0; box && depth < 4; depth++) {
    if (THREAD_TAGS.has(box.localName)) {
      const counts = new Map<string, DomElement[]>();
      for (const k of childElements(box)) {
        if (!ITEM_TAGS.has(k.localName)) continue;
        const key = `${k.localName}.${k.getAttribute('class') ?? ''}`;
        const list = counts.get(key);
        if (list) list.push(k);
        else counts.set(key, [k]);
      }
      for (const items of counts.values()) {
        if (items.length < 3) continue;
        let stamped = 0;
        for (const it of items) if (hasStampLine(it)) stamped++;
        if (stamped >= 3 && stamped * 3 >= items.length * 2) return box;
      }
    }
    // A heading ("12 comments") and the list, a pager, a count: look into the child with most text.
    let best: DomElement | null = null;
    let bestText = 0;
    for (const k of childElements(box)) {
      if (/^h[1-6]$/.test(k.localName) || k.localName === 'p' || k.localName === 'a') continue;
      const t = (k.textContent ?? '').length;
      if (t > bestText) {
        best = k;
        bestText = t;
      }
    }
    box = best;
  }
  return null;
}

function visitFurniture(doc: DomDocument, act: (el: DomElement) => void): PruneReport {
  // Class names are read for every element of the body (kindOf): joined without a copy of the tokens.
  return withTunedReads(doc, () => visitBody(doc, act));
}

function visitBody(doc: DomDocument, act: (el: DomElement) => void): PruneReport {
  const body = doc.body;
  const report: PruneReport = { removed: 0, removedText: 0 };
  if (!body) return report;
  // The body's text length, measured when a rule first asks for it: on many pages no block is of
  // a kind its share guards, and no e-mail box or teaser list is found.
  let measured = -1;
  const pageText = (): number => {
    if (measured < 0) measured = textLength(body);
    return measured;
  };
  const { h1s, articles } = headingsAndArticles(body);
  const headlines = pageHeadlines(doc, h1s);
  // Found when a rule first asks (articleHolders).
  let holders: Set<DomElement> | null = null;
  const holdsArticle = (el: DomElement): boolean => {
    holders ??= articleHolders(body, h1s, headlines);
    return holders.has(el);
  };
  const others = otherArticles(body, articles);
  const doomed: DomElement[] = others.length > 0 && ablation.off?.('prune:other-articles') ? [] : others;
  const emailFields: DomElement[] = [];
  const commentForms: DomElement[] = [];
  const controls: DomElement[] = [];
  const teasers: { el: DomElement; kids: DomElement[]; text: number }[] = [];
  const walk = (stack: DomElement[]): void => {
    while (stack.length > 0) {
      const el = stack.pop() as DomElement;
      const tag = el.localName;
      if (tag === 'input' && (el.getAttribute('type') ?? '').toLowerCase() === 'email') emailFields.push(el);
      else if (tag === 'form') {
        if (el.getElementsByTagName('textarea').length > 0) commentForms.push(el);
        const field = singleField(el);
        if (field && (field.getAttribute('type') ?? '').toLowerCase() !== 'email') emailFields.push(field);
      }
      if (isAnswerControl(el)) controls.push(el);
      // A writer's bio marked up as a Person, whatever its class names say (person-box.ts).
      if (isPersonBox(el) && !holdsArticle(el) && !ablation.off?.('prune:person-box')) {
        doomed.push(el);
        report.removedText += textLength(el);
        continue;
      }
      // An embedded post (a quoted tweet) is quoted content, whatever its widget class says.
      const kind = tag === 'article' || tag === 'main' || tag === 'blockquote' ? null : kindOf(el);
      if (kind) {
        const size = textAndLinks(el);
        if (isFurniture(kind, size, pageText) && !holdsArticle(el) && !ablation.off?.(`prune:${kind}`)) {
          doomed.push(el);
          report.removedText += size.text;
          continue; // nothing inside a removed block needs looking at
        }
      }
      const kids: DomElement[] = [];
      for (let k = el.firstChild; k; k = k.nextSibling) if (k.nodeType === ELEMENT_NODE) kids.push(k as DomElement);
      if (!kind && kids.length >= 3 && LIST_TAGS.has(tag) && isTeaserList(kids) && !holdsArticle(el)) {
        // Looked inside only if the page turns out to be a listing (below).
        teasers.push({ el, kids, text: textLength(el) });
        continue;
      }
      for (const k of kids) stack.push(k);
    }
  };
  const stack: DomElement[] = [];
  for (let k = body.firstChild; k; k = k.nextSibling) if (k.nodeType === ELEMENT_NODE) stack.push(k as DomElement);
  walk(stack);
  // Teaser lists beside a story are furniture; a page made mostly of them is a listing (a section
  // front, an archive), whose teasers are its content: there they stay and are walked as blocks.
  if (teasers.length > 0) {
    let teaserText = 0;
    for (const t of teasers) teaserText += t.text;
    if (teaserText < pageText() * TEASERS_MAX_SHARE && ablation.off?.('prune:teaser-lists') !== true) {
      for (const t of teasers) {
        doomed.push(t.el);
        report.removedText += t.text;
      }
    } else {
      for (const t of teasers) walk([...t.kids]);
    }
  }
  for (const form of commentForms) {
    const thread = threadBeforeForm(form, body, holdsArticle);
    if (thread && !doomed.some((d) => within(thread, d) || within(d, thread)) && !ablation.off?.('prune:thread-shape')) {
      doomed.push(thread);
      report.removedText += textLength(thread);
    }
  }
  // Threads by shape alone, with no form to find them by (thread-blocks.ts).
  const firstHeadline = headlines ? h1s.find((h) => headlines.has(h)) : h1s[0];
  for (const { el: thread, rule } of threadBlocks(body, new Set(doomed), holdsArticle, firstHeadline ?? null)) {
    if (ablation.off?.(rule)) continue;
    doomed.push(thread);
    report.removedText += textLength(thread);
  }
  // Cookie notices by shape: a few buttons, a sentence or two, the word for cookies (consent-box.ts).
  const consentBox = consentBoxes(body, holdsArticle);
  for (const control of controls) {
    if (doomed.some((d) => within(control, d))) continue;
    const box = consentBox(control);
    if (box && !ablation.off?.('prune:consent-shape')) {
      doomed.push(box);
      report.removedText += textLength(box);
    }
  }
  const signUpStopsBelow = signUpStops(pageText, holdsArticle);
  for (const field of emailFields) {
    const box = signUpBox(field, body, signUpStopsBelow);
    if (
      box &&
      !doomed.some((d) => within(box, d)) &&
      !ablation.off?.((field.getAttribute('type') ?? '').toLowerCase() === 'email' ? 'prune:sign-up-email' : 'prune:sign-up-one-field')
    ) {
      doomed.push(box);
      report.removedText += textLength(box);
    }
  }
  if (doomed.length > 0 && ablation.off?.('prune')) return { removed: 0, removedText: 0 };
  for (const el of doomed) act(el);
  report.removed = doomed.length;
  return report;
}
