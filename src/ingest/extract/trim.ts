// Stage 4, after the body is chosen: trims the boilerplate the scorer took in with the body at
// its edges — link lists of other stories, "follow us", "filed under", share and sign-up lines
// below the text, breadcrumbs and kickers above it. Each block of the body (a paragraph, list
// item, heading, leaf <div>) is classed as in jusText, by its own length and link density:
//   good     a sentence or more, few links (prose);
//   bad      mostly link text, or a short line that is a stock call to action or filing line;
//   neutral  everything else (short lines: headings, captions, datelines).
// Only the edges are trimmed, with context: before the first good block and after the last one,
// bad blocks go, and so do neutral ones lying between two bad ones (they sit in the furniture,
// not next to the text). Between good blocks nothing is touched except whole link lists (a list
// of three or more items, each almost only a link): "related stories" rails set inside the text.
// Text standing loose in a container beside its blocks is first wrapped as a paragraph of its own
// (wrapLooseText), so that the blocks cover the body's text.
import { ablation } from './ablation.js';
import type { DomElement, DomNode } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE } from './dom.js';
import { isEmbedNotice, isInlineFurniture, isMediaFallback } from './inline-furniture.js';
import { removeLoneTeasers } from './lone-teaser.js';
import { isDataCell } from './data-rows.js';
import { trailingRegions } from './regions.js';
import { weightedLength } from './cjk.js';
import { isTimeLine } from './time-lines.js';
import { authorTail } from './author-tail.js';
import { portraitTail } from './portrait-tail.js';
import { slideStrips } from './slide-strips.js';
import { commentTail } from './comment-tail.js';
import { shareBars } from './share-bars.js';
import { arabicLine } from './arabic-script.js';
import {
  AR_APP_CALL,
  AR_APP_WHERE,
  AR_BYLINE,
  AR_CREDIT,
  AR_CREDITED,
  AR_DATED,
  AR_DATELINE,
  AR_ENDS_WITH_CREDIT,
  AR_LEGAL,
  AR_READING_TIME,
  AR_SIGN_UP_CALL,
  AR_SIGN_UP_WHAT,
  AR_STOCK_LINE,
  AR_STOCK_START,
  isArabicDateOnly,
} from './arabic-lines.js';
import { allElements, descendants, elementsByTags, hasNonSpaceText, lowerCased, measureText, someElement, textLengthUpTo } from './walk.js';

const LEAF_BLOCKS = new Set([
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'dd',
  'dt',
  'figcaption',
  'pre',
  'blockquote',
  'td',
  'th',
  'caption',
]);
const CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'ul',
  'ol',
  'dl',
  'figure',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'form',
  'span',
  'center',
  'font',
]);
const BLOCKISH = new Set([...LEAF_BLOCKS, ...CONTAINERS, 'nav', 'hr', 'br']);

/** Stock lines of site furniture, matched against a whole short block. */
const STOCK =
  /^(?:follow (?:us|@\S+|me)\b|like us on\b|share (?:this|on)\b|sign up\b|subscribe\b|posted in\b|filed under\b|this entry was posted\b|tags?:|tagged(?: as| with| in)?:|categor(?:y|ies):|related(?: posts| stories| articles)?:?$|you (?:might|may) (?:also )?like\b|read more\b|more from\b|comments?$|leave a (?:reply|comment)\b|(?:post|add|write) (?:a|your) comment\b|start (?:a )?new comment\b|comments are closed\b|be the first to comment\b|no comments yet\b|join the (?:discussion|conversation)\b|tell us what you think\b|share your thoughts\b|have your say\b|you (?:must|need to) (?:be )?(?:log|sign)(?:ged)? in to\b|\d+ comments?\b|print\b.*\bemail\b|advertisement$|click here to\b)/i;

/**
 * The same stock lines in the other languages news and blog templates write them in (German,
 * French, Spanish, Portuguese, Italian, Polish, Dutch): a call to share, rate or print the
 * article, a "was this helpful?" poll, a comment count or prompt, a sign-in notice, and the
 * letters-page prompt "We want to hear what you think". Each names the article, the comments or
 * the reader's opinion, so a line of a story does not read so. The German sign-in notice is read
 * as what it says, not as one template's sentence: one sentence that names commenting or rating
 * and tells the reader to be signed in or to sign in, in either order ("Um den Beitrag
 * kommentieren zu können, müssen Sie eingeloggt sein", WordPress's "Du musst angemeldet sein, um
 * einen Kommentar abzugeben", "Um einen Kommentar zu hinterlassen, loggen Sie sich bitte ein").
 */
const STOCK_OTHER =
  /^(?:(?:(?:diesen|den) )?(?:artikel|beitrag) (?:teilen|bewerten|drucken|empfehlen|gefallen)\b|(?:war|ist) (?:der|dieser) (?:artikel|beitrag) (?:hilfreich|nützlich)\b|möchten sie (?:den|diesen) (?:artikel|beitrag) (?:teilen|bewerten)\b|hier können sie (?:den|diesen) (?:artikel|beitrag) bewerten\b|kommentare? (?:schreiben|insgesamt|verfassen)\b|(?:sie sind|du bist) (?:aktuell |derzeit |momentan )?nicht (?:eingeloggt|angemeldet)\b|partager (?:cet article|l'article|sur)\b|(?:cet article vous a-t-il été utile|laisser un commentaire)\b|compart(?:ir|e|a) (?:este artículo|esta nota|en)\b|deja (?:un|tu) comentario\b|compartilh(?:e|ar) (?:este|esta|no)\b|condividi (?:questo articolo|su)\b|udostępnij (?:ten )?artykuł\b|deel (?:dit artikel|op)\b|was this (?:article|post|page) (?:helpful|useful)\b|rate this (?:article|post)\b|valor(?:a|e) (?:esta noticia|este artículo|esta nota)\b|(?=[^.!?]{0,100}\b(?:kommentar\w*|kommentieren|bewert\w*)\b)[^.!?]{0,100}?\b(?:(?:müssen sie|musst du|sie müssen|du musst) (?:[^.!?]{0,40} )?(?:eingeloggt|angemeldet|registriert) sein|(?:loggen sie sich|melden sie sich|logge dich|melde dich) (?:[^.!?]{0,40} )?(?:ein|an))\b|we(?:'d| would)? (?:want|love|like) to hear (?:from you|what you think)\b)/i;

/** A block at least this long with few links is prose (about one full sentence). */
const GOOD_LENGTH = 80;
/** A short block with at least this share of link text is navigation. */
const BAD_LINK_DENSITY = 0.7;

// 'meta' is a byline or date line: it goes when it lies outside the text (before the first good
// block or after the last), alone — it does not make its neighbours furniture, since the headline
// and standfirst sit right next to it.
export type Cls = 'good' | 'bad' | 'neutral' | 'meta';
export interface Block {
  el: DomElement;
  str: string;
  text: number;
  links: number;
  cls: Cls;
}

function measure(el: DomElement): { text: number; links: number; str: string } {
  return measureText(el);
}

function hasBlockChild(el: DomElement): boolean {
  for (let k = el.firstChild; k; k = k.nextSibling) {
    if (k.nodeType === ELEMENT_NODE && BLOCKISH.has((k as DomElement).localName)) {
      const tag = (k as DomElement).localName;
      if (tag !== 'br' && tag !== 'span' && tag !== 'font') return true;
    }
  }
  return false;
}

/**
 * A byline or date line: who wrote the piece and when, set above or below the text by the
 * page template ("By Jane Doe", "Published 10:48, Tue, Nov 19, 2019 | Updated …").
 */
const BYLINE = /^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor)\s+(?!(?:[Tt]he|[Aa]n?|[Dd]er|[Dd]ie|[Dd]as|[Ll]es?|[Ll]a|[Ee]l)\s)\p{Lu}/u;
const DATELINE = /^(?:published|updated|posted|last (?:updated|modified)|modified|first published)\b(?!\s+(?:in|to|by|on (?:the|a)\b)\b)/i;
/**
 * The same date line in the other languages (German, French, Spanish, Portuguese, Italian,
 * Polish, Dutch): a publication or update label followed by the date ("Aktualisiert: 11.04.2020,
 * 10:27", "Publikacja: 04.05.2021", "mis à jour le 3 mars 2021").
 */
const DATELINE_OTHER =
  /^(?:aktualisiert|publiziert|veröffentlicht|zuletzt aktualisiert|geändert|publié|mis à jour|publicado|actualizado|atualizado|pubblicato|aggiornato|publikacja|opublikowano|aktualizacja|gepubliceerd|bijgewerkt)(?: (?:am|le|el|em|il|op))?\s*:?\s*\d/i;
/**
 * The same date line in Chinese, Japanese and Korean templates: a publication or update label, a
 * colon and the date ("发布时间：2022-02-06 13:48", "發表日期: 2021年5月", "公開日：2023年4月1日",
 * "입력 2023.04.01"). Only the labels that name publishing or updating: a bare "时间：" also opens
 * the time line of an event notice, which is the notice's text.
 */
const DATELINE_CJK =
  /^(?:(?:发布|發佈|發布|发表|發表|更新|刊发|刊發|出版)(?:时间|時間|日期)|(?:公開|更新|投稿|掲載|配信)日時?|(?:기사\s*)?(?:입력|수정|최종\s*수정|등록)(?:일|일시)?)\s*[:：]?\s*\d/;
/**
 * A reading-time line: how long the article takes to read, set by the template beside the byline
 * ("5 min read", "Lesezeit: 3 Minuten", "Temps de lecture : 4 min", "Ten tekst przeczytasz w 2
 * minuty"). Labels of the same languages as the stock lines.
 */
const READING_TIME =
  /^(?:(?:lesezeit|lesedauer|reading time|read time|temps de lecture|tiempo de lectura|tempo de leitura|tempo di lettura|czas czytania|leestijd)\b\s*:?\s*(?:ca\.?\s*|~\s*)?\d|\d+\s*(?:min(?:ute)?s?\.?|minuten|minutos|minuti|minut|minuty)\s+(?:read|reading|lesezeit|lesedauer|de lecture|de lectura|de leitura|di lettura|czytania|leestijd)\b|ten (?:tekst|artykuł) przeczytasz\b)/i;
/**
 * A blog template's filing sentence, long enough to pass for prose ("This entry was posted on …
 * and is filed under …"), also as the translated templates write it ("Der Beitrag wurde am … um
 * … Uhr veröffentlicht und wurde unter … abgelegt", "Erstellt am … und abgelegt unter …", "Cet
 * article a été publié le …", "Esta entrada fue publicada en …").
 */
const FILING =
  /^(?:this (?:entry|post|article|story) was (?:posted|filed|published|written)\b|if you (?:liked|enjoyed) this\b|you can follow any responses to this\b|(?:der|dieser) (?:beitrag|eintrag|artikel) wurde am\b.{0,80}?\b(?:veröffentlicht|abgelegt|erstellt)\b|erstellt am\b.{0,80}?\babgelegt unter\b|(?:cet article|cette entrée) a été (?:publiée?|postée?) (?:le|dans)\b|esta entrada (?:fue publicada|se publicó)\b|questa voce è stata pubblicata\b|dit (?:bericht|item) werd geplaatst\b|ten wpis został opublikowany\b)/i;
/** A line that is only an address: an e-mail, a bare URL or a social handle's page (a print header's full article URL runs past 100 characters). */
const BARE_ADDRESS = /^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+\/\S*)$/i;
/** A legal line: the copyright notice and reuse terms pages set below the text ("All rights reserved" also in the stock lines' languages). */
const LEGAL =
  /\ball rights reserved\b|\bsubject to copyright\b|^(?:copyright|©)\s*(?:©\s*)?\d{4}\b|\b(?:alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone|alle rechten voorbehouden)\b/i;

/**
 * A sign-up call for a newsletter or a mailing: an invitation to have something sent to the
 * reader ("Sign up for our free daily newsletter", "… delivered straight to your inbox",
 * "Subscribe to the … email newsletter"). Sites set one under the story, often as a full
 * sentence, so it would pass for the last paragraph of prose. Both halves are needed: the call
 * (sign up, subscribe, join, get) and what is sent (a newsletter, an inbox, an e-mail digest).
 */
const SIGN_UP_CALL = /\b(?:sign up|signup|subscribe|join|get)\b/i;
const SIGN_UP_WHAT = /\b(?:newsletters?|inbox|e-?mail (?:digest|updates|alerts))\b/i;
/** A sign-up call is at most this long (two sentences); longer, it is a paragraph about one. */
const SIGN_UP_MAX = 250;
/**
 * A call to get the publisher's app, the same way: the call (download, get, install … app) and
 * where it is had (iOS, Android, an app store) — "For breaking news download our apps for iOS
 * and Android". A story about an app names the stores too, but not with "download … app" in a
 * line this short.
 */
const APP_CALL = /\b(?:download|get|install)\b.{0,60}\bapps?\b/i;
const APP_WHERE = /\b(?:ios|android|app store|google play|iphone)\b/i;
/**
 * A contributor line: the reporters who helped with the story, as news agencies and papers set
 * it after the last paragraph ("Associated Press writers … contributed to this report.", "Jane
 * Doe contributed reporting."). It names who worked on the story, not what happened — the
 * byline's kind of line, at the other end of the text. Classed as furniture, so it goes only
 * where the tail trimming reaches (after the last prose). Not Reuters' "(Reporting by …; Editing
 * by …)": the broad set's annotators keep that form (README, news-body round).
 */
const CONTRIBUTORS =
  /\bcontributed (?:reporting(?: to (?:this|the) (?:report|story|article))?|to (?:this|the) (?:report|story|article))\.?\)?$/i;
/** A contributor line is at most this long (a dozen names). */
const CONTRIBUTORS_MAX = 300;
/**
 * A date in a line: a year of this or the last century, or a time of day ("18 November 2019",
 * "19.11.2019", "at 11:08 a.m.", "15:40 Uhr").
 */
const DATED = /\b(?:19|20)\d\d\b|\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\b|uhr\b|h\b)|\b\d{1,2}:\d\d\b/i;

/**
 * A byline that also dates the piece ("By Matthew Digby, Minh Do on Monday, November 18th, 2019
 * at 11:08 a.m.", "von Anja Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr", "By HNN Staff |
 * November 18, 2019 at 2:26 PM"): the page template's line wherever it stands. A byline alone may
 * sit inside the text (a guest author's line above a quoted letter); with the date beside it, it is the
 * article's head, set below a quote box or a lead picture the scorer took for the text's start.
 */
function isDatedByline(b: Block): boolean {
  const line = b.str.replace(LEADING_SEPARATOR, '');
  if (BYLINE.test(line) && DATED.test(line)) return true;
  const ar = arabicLine(line, 100);
  return ar !== null && AR_BYLINE.test(ar) && AR_DATED.test(ar);
}

/**
 * A separator the template sets between two date lines ("PUBLISHED: 10:48 … | UPDATED: 11:05 …")
 * may open the second one's block; the date line is judged without it.
 */
const LEADING_SEPARATOR = /^[|·•]\s*/;

/**
 * A date line in English: the label and a date ("Posted Aug 9th 2012 1:50PM", "Published Nov. 7,
 * 2012 11:11 am"). A sentence that only opens with the label and names a number later ("Posted
 * Friday #144 of the podcast, which was show #28 from June, 2009.") is a line of the text: it ends
 * as a sentence does, runs to SENTENCE_WORDS words or more, and no year or time stands in its first
 * DATE_REACH characters, where a date line sets its date.
 */
function isDateLine(line: string): boolean {
  if (!DATELINE.test(line) || !/\d/.test(line)) return false;
  return !(/[.!?]$/.test(line) && line.split(/\s+/).length >= SENTENCE_WORDS && !DATED.test(line.slice(0, DATE_REACH)));
}
/**
 * The same for a folded Arabic or Persian line (AR_DATELINE): a sentence that opens with "نشر في"
 * (he published in) ends with its full stop or question mark (. ؟ ۔), runs to SENTENCE_WORDS words,
 * and sets no year or time in its first DATE_REACH characters.
 */
function isArabicDateLine(ar: string): boolean {
  if (!AR_DATELINE.test(ar)) return false;
  return !(/[.!?\u061f\u06d4]$/.test(ar) && ar.split(' ').length >= SENTENCE_WORDS && !AR_DATED.test(ar.slice(0, DATE_REACH)));
}
/** A line of this many words or more, ending as a sentence, may be prose (isDateLine). */
const SENTENCE_WORDS = 10;
/** A date line's date stands within this many characters of its start (label and date). */
const DATE_REACH = 40;

function classify(text: number, links: number, str: string): Cls {
  const density = text > 0 ? links / text : 0;
  if (text > 0 && density >= BAD_LINK_DENSITY && text < 300) return 'bad';
  // The line folded when it is written in the Arabic script (null otherwise): the Arabic and
  // Persian wordings are matched on it.
  const ar = text < 400 ? arabicLine(str) : null;
  if (text < 120 && (STOCK.test(str) || STOCK_OTHER.test(str) || (ar !== null && (AR_STOCK_LINE.test(ar) || AR_STOCK_START.test(ar)))))
    return 'bad';
  if (text < 300 && BARE_ADDRESS.test(str)) return 'bad';
  if (text < CONTRIBUTORS_MAX && CONTRIBUTORS.test(str)) return 'bad';
  if (text < 100) {
    const line = str.replace(LEADING_SEPARATOR, '');
    if (BYLINE.test(line) || isDateLine(line) || DATELINE_OTHER.test(line) || DATELINE_CJK.test(line)) return 'meta';
    if (ar !== null) {
      const arLine = ar.replace(LEADING_SEPARATOR, '');
      if (AR_BYLINE.test(arLine) || isArabicDateLine(arLine) || isArabicDateOnly(arLine)) return 'meta';
    }
  }
  if (text < 80 && (READING_TIME.test(str) || (ar !== null && AR_READING_TIME.test(ar)))) return 'meta';
  if (text < 400 && (LEGAL.test(str) || (ar !== null && (LEGAL.test(ar) || AR_LEGAL.test(ar))))) return 'bad';
  if (text < 400 && FILING.test(str)) return 'bad';
  if (text < SIGN_UP_MAX && SIGN_UP_WHAT.test(str) && SIGN_UP_CALL.test(str)) return 'bad';
  if (text < SIGN_UP_MAX && APP_CALL.test(str) && APP_WHERE.test(str)) return 'bad';
  if (ar !== null && text < SIGN_UP_MAX) {
    if (AR_SIGN_UP_WHAT.test(ar) && AR_SIGN_UP_CALL.test(ar)) return 'bad';
    if (AR_APP_CALL.test(ar) && AR_APP_WHERE.test(ar)) return 'bad';
  }
  // A Chinese, Japanese or Korean sentence is a third as many characters as an alphabetic one:
  // its characters weigh CJK_WEIGHT, or every short paragraph of a CJK story would be neutral.
  if (density < 0.3 && (text >= GOOD_LENGTH || weightedLength(str, text) >= GOOD_LENGTH)) return 'good';
  return 'neutral';
}

/** `el` measured and classed as one block, or null when it has no text. */
export function blockOf(el: DomElement): Block | null {
  const m = measure(el);
  return m.text > 0 ? { el, str: m.str, text: m.text, links: m.links, cls: classify(m.text, m.links, m.str) } : null;
}

/** The blocks of `root` in document order: leaf blocks, and containers with no block inside; the first `max` of them. */
export function blocksOf(root: DomElement, max = Number.POSITIVE_INFINITY): Block[] {
  const out: Block[] = [];
  const stack: DomElement[] = [root];
  while (stack.length > 0 && out.length < max) {
    const el = stack.pop() as DomElement;
    const leaf = el !== root && (LEAF_BLOCKS.has(el.localName) ? el.localName !== 'li' || !hasBlockChild(el) : !hasBlockChild(el));
    if (leaf) {
      const m = measure(el);
      if (m.text > 0) out.push({ el, str: m.str, text: m.text, links: m.links, cls: classify(m.text, m.links, m.str) });
      continue;
    }
    const kids: DomElement[] = [];
    for (let k = el.firstChild; k; k = k.nextSibling) if (k.nodeType === ELEMENT_NODE) kids.push(k as DomElement);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/** Elements whose own text is table or list structure, never a paragraph. */
const NO_LOOSE_TEXT = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'ol', 'dl', 'pre']);

/** Whether `k`, a child of a container, ends a run of loose text: a block, or any element holding one. */
function endsRun(k: DomElement): boolean {
  const tag = k.localName;
  if (BLOCKISH.has(tag) && tag !== 'br' && tag !== 'span' && tag !== 'font') return true;
  return hasBlockChild(k);
}

/** Whether a node of a run has text other than white space. */
function hasText(n: DomNode): boolean {
  return n.nodeType === TEXT_NODE ? /\S/.test(n.textContent ?? '') : n.nodeType === ELEMENT_NODE && hasNonSpaceText(n as DomElement);
}

/** Whether a node at the edge of a run is left outside the paragraph made of it: white space, a line break. */
function isEdgeSpace(n: DomNode): boolean {
  if (n.nodeType === TEXT_NODE) return !/\S/.test(n.textContent ?? '');
  return n.nodeType !== ELEMENT_NODE || (n as DomElement).localName === 'br';
}

/**
 * Text standing loose in a container beside its blocks — text nodes and inline elements between
 * two paragraphs, after the last one, or beside a heading — is read badly by blocksOf, which
 * takes leaf blocks and containers without blocks: its text nodes are no block at all (the trim
 * never sees a date line after the last paragraph, and prose written that way counts for
 * nothing in the measures of the body), and each of its inline elements is a block of its own (a
 * link in a sentence reads as a line of link text and goes with the furniture, leaving a hole).
 * Each such run, in the containers blocksOf walks into, is wrapped in a <p> of its own, as
 * Readability does with the phrasing content of a <div> only. The body's text (blockText) stays
 * the same, since a run ends at a block either way — except where an inline element holds
 * blocks: its text before its first block now starts a paragraph. Returns the runs wrapped.
 */
export function wrapLooseText(root: DomElement): number {
  const doc = root.ownerDocument;
  if (!doc) return 0;
  let wrapped = 0;
  const stack: DomElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as DomElement;
    const holdsBlocks = hasBlockChild(el);
    if (el !== root && (LEAF_BLOCKS.has(el.localName) ? el.localName !== 'li' || !holdsBlocks : !holdsBlocks)) continue;
    const kids: DomNode[] = [];
    for (let k = el.firstChild; k; k = k.nextSibling) kids.push(k);
    const wrapsHere = holdsBlocks && !NO_LOOSE_TEXT.has(el.localName);
    let run: DomNode[] = [];
    const flush = (): void => {
      let a = 0;
      let b = run.length;
      while (a < b && isEdgeSpace(run[a]!)) a++;
      while (b > a && isEdgeSpace(run[b - 1]!)) b--;
      const inner = run.slice(a, b);
      run = [];
      if (!inner.some(hasText) || ablation.off?.('trim:loose-text')) return;
      const p = doc.createElement('p');
      el.insertBefore(p, inner[0]!);
      for (const n of inner) p.appendChild(n);
      wrapped++;
    };
    for (const k of kids) {
      if (k.nodeType === ELEMENT_NODE && endsRun(k as DomElement)) {
        if (wrapsHere) flush();
        stack.push(k as DomElement);
      } else if (wrapsHere) run.push(k);
      else if (k.nodeType === ELEMENT_NODE) stack.push(k as DomElement);
    }
    if (wrapsHere) flush();
  }
  return wrapped;
}

/** A picture credit: who took or owns the picture, not what it shows. */
const CREDIT =
  /^(?:\(?(?:photo|image|picture|pic|credit|foto|bild)s?(?:\s+credit)?\s*[:(]|image copyright\b|copyright\b|©|\(?getty\b|\(?ap\b|\(?reuters\b|\(?afp\b)|(?:getty ?images|\/ ?ap|\/ ?reuters|\/ ?afp|us presswire)\)?\.?$/i;
const CAPTION = /(?:^|[-_\s])(?:caption|credit|credits|photo-?credit|image-?credit|wp-caption-text)(?:$|[-_\s])/i;
/**
 * The same names written in camelCase ("newsCaption", "imageCredit", "photoCaptionText"): many
 * CMS templates join words that way, and the word boundary above does not see the join. Matched
 * case-sensitively, so that only a capitalised word after a lower-case one counts as a join.
 */
const CAMEL_CAPTION = /[a-z](?:Caption|Credit)s?(?:$|[-_\sA-Z])/;

function namedCaption(a: DomElement): boolean {
  const names = `${a.getAttribute('class') ?? ''} ${a.getAttribute('id') ?? ''}`;
  return CAPTION.test(names) || CAMEL_CAPTION.test(names);
}

/**
 * The one element `el` wraps, when it wraps nothing else (white space aside). Readability wraps
 * loose inline content of a <div> in a <p> of its own, so a caption <span> next to a picture
 * comes back as `<p><span class="caption">…</span></p>`: the name is on the child, not the block.
 */
function onlyChild(el: DomElement): DomElement | null {
  let only: DomElement | null = null;
  for (let k = el.firstChild; k; k = k.nextSibling) {
    if (k.nodeType === ELEMENT_NODE) {
      if (only) return null;
      only = k as DomElement;
    } else if (k.nodeType === TEXT_NODE && (k.textContent ?? '').trim()) return null;
  }
  return only;
}

/**
 * Whether `el` is a picture's caption or credit line: inside a <figure> or named so. `above`
 * keeps, for the elements already looked at, whether they or an ancestor below `root` is one: the
 * blocks of a body share their ancestors, whose names would be read for every block.
 */
export function isCaption(el: DomElement, root: DomElement, above: Map<DomElement, boolean>): boolean {
  let found = false;
  const path: DomElement[] = [];
  for (let a: DomElement | null = el; a && a !== root; a = a.parentElement) {
    const known = above.get(a);
    if (known !== undefined) {
      found = known;
      break;
    }
    path.push(a);
    if (a.localName === 'figcaption' || a.localName === 'figure' || namedCaption(a)) {
      found = true;
      break;
    }
  }
  for (const a of path) above.set(a, found);
  if (found) return true;
  for (let c = onlyChild(el); c; c = onlyChild(c)) if (c.localName === 'figcaption' || namedCaption(c)) return true;
  return false;
}

/** The short heading right before `el` (white space between them aside), which titles it. */
export function headingBefore(el: DomElement): DomElement | null {
  let prev = el.previousSibling;
  while (prev && prev.nodeType === TEXT_NODE && !(prev.textContent ?? '').trim()) prev = prev.previousSibling;
  if (!prev || prev.nodeType !== ELEMENT_NODE) return null;
  const h = prev as DomElement;
  return /^h[2-6]$/.test(h.localName) && (h.textContent ?? '').trim().length < 80 ? h : null;
}

/**
 * For analysis only (scripts/extract-recall-stages.mjs, extract-ablate.mjs): when set, told of
 * every element the edge trim would remove and why, before it goes; when it answers true the
 * element stays (to measure what one reason costs and gains). `why` is the first rule that took
 * the block; `also` the edge trim's other rules that took it too (a byline line that is both a
 * dated byline and head furniture), so that a switch can keep a block only when no other rule
 * would remove it. Unset in the extractor: no cost.
 */
export const trimTrace: { on: ((why: string, el: DomElement, also: readonly string[]) => boolean) | null } = { on: null };

/** Whole lists of links (3+ items, each nearly all link text): story rails inside the body. */
function removeLinkLists(root: DomElement): number {
  let removed = 0;
  const lists = elementsByTags(root, ['ul', 'ol']);
  for (let i = lists.length - 1; i >= 0; i--) {
    const list = lists[i]!;
    if (!list.parentNode) continue;
    const items: DomElement[] = [];
    for (let k = list.firstChild; k; k = k.nextSibling)
      if (k.nodeType === ELEMENT_NODE && (k as DomElement).localName === 'li') items.push(k as DomElement);
    if (items.length < 3) continue;
    const allLinks = items.every((li) => {
      const m = measure(li);
      return m.text === 0 || (m.links / m.text >= 0.8 && m.text < 200);
    });
    if (allLinks) {
      const heading = headingBefore(list);
      if (trimTrace.on?.('link-list', list, [])) continue;
      if (heading) trimTrace.on?.('link-list', heading, []);
      if (heading) heading.parentNode?.removeChild(heading);
      list.parentNode.removeChild(list);
      removed++;
    }
  }
  return removed;
}

/** Teaser cards are at most this long: a headline, a date, a one-line summary. */
const CARD_MAX_TEXT = 300;
/** Tags that hold the body's own content even when repeated: never teaser cards. */
const NOT_CARD = new Set(['p', 'figure', 'tr', 'td', 'th', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** What a card shows besides its link: a picture or a heading. */
const CARD_SHOWS = new Set(['img', 'picture', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Whether `el` holds a link with an address and a picture or heading: `el.querySelector('a[href]')`
 * and `el.querySelector('img, picture, h2, h3, h4, h5, h6')`, in one walk without compiling the
 * selectors (linkedom compiles one per call) — names in any case, nothing inside a <template>, as
 * the selector queries find them.
 */
export function hasCardParts(el: DomElement): boolean {
  let link = false;
  let shows = false;
  someElement(el, (d, inTemplate) => {
    if (inTemplate) return false;
    const name = lowerCased(d.localName);
    if (name === 'a') link ||= d.hasAttribute('href');
    else if (CARD_SHOWS.has(name)) shows = true;
    return link && shows;
  });
  return link && shows;
}

/** A teaser for another page: short, links somewhere, and has a picture or a heading of its own. */
function isCard(el: DomElement): boolean {
  if (NOT_CARD.has(el.localName)) return false;
  if (!hasCardParts(el)) return false;
  return measure(el).text < CARD_MAX_TEXT;
}

/**
 * Story rails built of teaser cards ("more from this section", "most read", picture strips of
 * other stories): three or more consecutive siblings of one shape (same tag and class), each a
 * card. The body's own text is not built that way — prose comes in paragraphs, and a card rail
 * holding most of the body's text means the body is a listing, which is then left alone.
 */
function removeCardRails(root: DomElement): number {
  // The body's text is measured only once a rail is found (before anything is removed).
  let total = -1;
  let removed = 0;
  // Every element's children, read in one flat pass; a rail only ever removes children of the
  // parent being looked at, so the lists of the parents after it stay what the tree holds.
  const kidsOf = new Map<DomNode, DomElement[]>();
  for (const n of descendants(root, 'elements')) {
    const el = n as DomElement;
    const parent = el.parentNode as DomNode;
    const list = kidsOf.get(parent);
    if (list) list.push(el);
    else kidsOf.set(parent, [el]);
  }
  const parents = [root, ...allElements(root)];
  for (const parent of parents) {
    if (!parent.parentNode && parent !== root) continue;
    const kids = kidsOf.get(parent) ?? [];
    if (kids.length < 3) continue; // a rail is three cards or more
    // List items are one shape whatever their classes (rails number their columns in them).
    const shapes = kids.map((k) => (k.localName === 'li' ? 'li' : `${k.localName}.${k.getAttribute('class') ?? ''}`));
    let i = 0;
    while (i < kids.length) {
      const sig = shapes[i]!;
      let j = i + 1;
      while (j < kids.length && shapes[j] === sig) j++;
      const run = kids.slice(i, j);
      if (run.length >= 3 && run.every(isCard)) {
        const text = run.reduce((n, k) => n + measure(k).text, 0);
        if (total < 0) total = measure(root).text;
        if (text < total * 0.5) {
          const heading = headingBefore(run[0]!);
          if (trimTrace.on && run.map((k) => trimTrace.on?.('card-rail', k, [])).some(Boolean)) {
            i = j;
            continue;
          }
          if (heading) {
            trimTrace.on?.('card-rail', heading, []);
            heading.parentNode?.removeChild(heading);
          }
          for (const k of run) k.parentNode?.removeChild(k);
          removed += run.length;
        }
      }
      i = j;
    }
  }
  return removed;
}

// Picture captions in the body. Human-made gold for news pages leaves them out, but Readability's
// own output (which readability-pages scores against) keeps them, so only the captions that are
// plainly the picture's rather than the story's go (see captionsToDrop).
/** Captions may hold at most this share of the body's text to go (beyond it the captions are the page: a gallery). */
const CAPTION_SHARE = 0.35;
/**
 * A caption is at most this long. Science and explainer pages describe a figure at length (a
 * diagram's numbered parts), and such a caption is still the picture's; the share guard above
 * keeps a gallery whose captions are the page.
 */
const CAPTION_MAX = 1000;
/** Prose outside captions needed before captions are judged extra (a photo post is its captions). */
export const CAPTION_MIN_PROSE = 400;

/**
 * A caption that names the picture's source: the credit marks it as the picture's furniture. The
 * label in the stock lines' languages too ("Imagen:", "Fotografía:", "Zdjęcie:", "Beeld:",
 * "Crédits :"; "Fot." and "(C)" in CREDIT_MARK), and the picture agencies' names (dpa, imago, picture
 * alliance, WENN, Unsplash, Pixabay, Adobe Stock …): in a caption, an agency's name is a credit.
 */
const CREDITED =
  /\b(?:photo|image|picture|pic|credit|foto|bild)s?\s*(?:credit)?\s*[:/]|\((?:ap|afp|reuters|getty|photo|image|picture)\b[^)]*\)\s*$|\b(?:getty ?images|associated press|ap photo|reuters|afp|shutterstock|epa|istock(?:photo)?)\b|©|\b(?:imagen|imagem|fotograf[íi]a|zdj[eę]cie|beeld|crédits?)\s*:|\b(?:dpa|imago|picture.alliance|unsplash|pixabay|pixelio|adobe ?stock|depositphotos|123rf|fotolia)\b/i;
/**
 * "(C)" for © and the Polish "Fot." before a name, and the agency WENN, case-sensitive: a
 * figure's panels are "(a) … (c) the roof", "fot." in a sentence is an abbreviation, and "wenn"
 * is German for "if".
 */
const CREDIT_MARK = /\(C\) ?\p{Lu}|\bFot\. ?\p{Lu}|\bWENN(?:\.com)?\b/u;
/**
 * The same credit glued to the caption's last word ("…after the stormCredit: Jane Doe"): templates
 * often set the credit in an element of its own with no space before it, and the text of the
 * block then runs the two together. Case-sensitive: a lower-case letter, then the capitalised label.
 */
const GLUED_CREDIT = /[a-z.,;!?)](?:Photo|Image|Picture|Credit|Foto|Bild)s?(?: [Cc]redit)?\s*[:/]/;
/** Picture strips: slides of a gallery or carousel, named so by the themes that build them. */
const GALLERY = /(?:^|[-_\s])(?:gallery|slideshow|slide|slides|slider|carousel|lightbox)(?:$|[-_\s])/i;

/**
 * A caption that is only a credit of the form name / source ("Jason Cipriani/ZDNet", "Jane Doe /
 * Reuters", "J. Scott Applewhite / AP file"): one to four capitalised words, a slash, and up to
 * three more words. Read only in a caption, where a line of a story is never that short and bare.
 */
const NAME_SLASH_SOURCE = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s?\/\s?\p{Lu}[\p{L}.-]*(?:\s+[\p{L}.-]+){0,2}$/u;

/**
 * The Associated Press after the photographer's name ("… Jeff Chiu/AP)", "… J. Scott Applewhite /
 * AP file"): CREDITED reads "AP" only in front ("(AP Photo/…)"), since a bare "ap" is a word in
 * other languages; after a slash, in a caption, it is the agency.
 */
const AGENCY_AFTER_NAME = /\/ ?AP\b/;

/** Whether `el` or an ancestor below `root` has a class or id that `names` matches. */
function namedWithin(el: DomElement, root: DomElement, names: RegExp): boolean {
  for (let a: DomElement | null = el; a && a !== root; a = a.parentElement) {
    if (names.test(`${a.getAttribute('class') ?? ''} ${a.getAttribute('id') ?? ''}`)) return true;
  }
  return false;
}

const inGallery = (el: DomElement, root: DomElement): boolean => namedWithin(el, root, GALLERY);

/** Whether a caption credits its picture in Arabic or Persian (AR_CREDITED on the folded line). */
function arabicCredited(str: string): boolean {
  const ar = arabicLine(str, CAPTION_MAX);
  return ar !== null && AR_CREDITED.test(ar);
}

/**
 * A line that ends with a picture credit — "… gut getarnt. (mlharing / iStock.com)", "… escolar.
 * Foto: Andina", "(Quelle: Fleischmann/Unsplash/DJV)", "… muss© Rike/pixelio.de", "Photograph by
 * …": a caption whose markup was lost (a `<p>` or `<div>` under the picture, not named as one).
 * A © with a year after it is a copyright notice (LEGAL's), not a credit. A parenthesis counts
 * only with a picture credit's label or a picture agency's name in it, so
 * "(km/h)", "(1990/91)" or a text's source ("(Quelle: Statistisches Bundesamt)", "(dpa/AFP)") in a
 * story's sentence does not.
 */
const ENDS_WITH_CREDIT = new RegExp(
  '(?:\\((?=[^()]*(?:foto|photo|bild|image|imagen|credit|crédit|istock|unsplash|getty|shutterstock|pixelio|pixabay|imago|picture.alliance|adobe.?stock|wenn))[^()]*[:/][^()]*\\)' +
    '|\\b(?:fotos?|photos?|imagen|bild(?:er)?|crédito|crédit|credit)\\s*:\\s*[^.!?:()]{2,60}' +
    '|\\bphotograph(?:ed)? by [^.!?()]{2,60}|©(?!\\s*\\d{4})\\s*[^!?()]{2,60})\\s*$',
  'i',
);
/**
 * A line that opens with a picture credit: "© Jane Doe People queue outside the clinic …" — the
 * credit set in front of the caption, both in one element that is not named as a caption (a
 * picture's wrapper). A © with a year after it is a copyright notice (LEGAL's); "(C)" counts as
 * CREDIT_MARK reads it, before a capital. No words: the mark is the same in every language.
 */
const OPENS_WITH_CREDIT = /^(?:©\s*|\(C\) ?)(?!\d{4}\b)\p{Lu}/u;
/**
 * A bracketed note of labelled clauses that names another source first and the picture's after
 * it — "(Sources: <the books the letter is taken from>; Image: <who>, via …)", "[H/T: <who>,
 * photo: <who> via <paper>]": it credits the text (where a letter was printed, who tipped the
 * story) as well as the picture, and is the text's closing note, which annotators keep. A credit
 * that names one source, "(Quelle: Fleischmann/Unsplash/DJV)", or the picture first, "(Photo: X;
 * Source: Y)", is the picture's and goes as before. Only for lines outside caption elements.
 */
const SOURCE_NOTE =
  /^[([]\s*(?![^:]*\b(?:photo|image|picture|pic|foto|bild|credit)s?\b)[^:;()[\]]{1,30}:[^;()[\]]+[;,][^;()[\]]*\b(?:photo|image|picture|foto|bild)/i;
/** A credited line is at most this long: a caption's sentence or two. */
const CREDITED_LINE_MAX = 250;

/** The picture lines of a body (see pictureLines): the lines, their text, and the rest of the body's prose and text. */
export interface PictureLines {
  caps: Block[];
  capText: number;
  /** Text of the good blocks that are not picture lines. */
  prose: number;
  /** Text of all the blocks. */
  total: number;
}

/**
 * The blocks of a body that are a picture's rather than the story's: captions that credit the
 * picture, sit in a slide strip or repeat an earlier caption, and lines of any element that end or
 * open with a picture credit.
 */
export function pictureLines(blocks: readonly Block[], root: DomElement, above: Map<DomElement, boolean>): PictureLines {
  const caps: Block[] = [];
  let capText = 0;
  let prose = 0;
  let total = 0;
  const seen = new Set<string>();
  for (const b of blocks) {
    total += b.text;
    if (b.text < CAPTION_MAX && isCaption(b.el, root, above)) {
      const dup = seen.has(b.str);
      seen.add(b.str);
      // A caption that merely says what the picture shows may be read as part of the story; one
      // that credits the picture (also with the credit at its end: "… (Quelle: X/Unsplash)"),
      // sits in a slide strip or repeats an earlier caption is the picture's furniture.
      if (
        dup ||
        CREDITED.test(b.str) ||
        AGENCY_AFTER_NAME.test(b.str) ||
        CREDIT_MARK.test(b.str) ||
        GLUED_CREDIT.test(b.str) ||
        ENDS_WITH_CREDIT.test(b.str) ||
        arabicCredited(b.str) ||
        inGallery(b.el, root)
      ) {
        caps.push(b);
        capText += b.text;
      }
    } else if (
      b.text < CREDITED_LINE_MAX &&
      (ENDS_WITH_CREDIT.test(b.str) ||
        OPENS_WITH_CREDIT.test(b.str) ||
        AR_ENDS_WITH_CREDIT.test(arabicLine(b.str, CREDITED_LINE_MAX) ?? '')) &&
      !SOURCE_NOTE.test(b.str)
    ) {
      caps.push(b);
      capText += b.text;
    } else if (b.cls === 'good') prose += b.text;
  }
  return { caps, capText, prose, total };
}

function captionsToDrop(blocks: Block[], root: DomElement, above: Map<DomElement, boolean>): Block[] {
  const { caps, capText, prose, total } = pictureLines(blocks, root, above);
  if (caps.length === 0 || prose < CAPTION_MIN_PROSE || capText > total * CAPTION_SHARE) return [];
  return caps;
}

/**
 * An author box: the one-paragraph bio of the writer that blog and news templates set under the
 * story (Simple Author Box's `saboxplugin-wrap`, `author-card`, `author-bio`, `about-the-author`
 * …). Pruning removes the ones it knows by name before the body is chosen; this catches, at the
 * end of the body, the names it does not know. A bio reads as prose, so the edge trimming alone
 * keeps it.
 */
const AUTHOR_BOX =
  /(?:^|[-_\s])(?:author[-_]?(?:bio|box|card|info|details|description|desc|profile|about)|authorbox|about[-_]?(?:the[-_]?)?author|bio[-_]?box|biography|post[-_]?author|saboxplugin-wrap|abh_box)(?:$|[-_\s])/i;
/** Text in author boxes at the end of the body at most this long goes (a bio, not a column by the author). */
const AUTHOR_BOX_MAX = 1000;

const inAuthorBox = (el: DomElement, root: DomElement): boolean => namedWithin(el, root, AUTHOR_BOX);

/** The blocks closing the body inside an author box, never reaching the first prose block. */
function trailingAuthorBox(blocks: Block[], firstGood: number, root: DomElement): Block[] {
  const bio: Block[] = [];
  let text = 0;
  for (let i = blocks.length - 1; i > firstGood; i--) {
    const b = blocks[i]!;
    if (!inAuthorBox(b.el, root)) break;
    text += b.text;
    bio.push(b);
  }
  return text <= AUTHOR_BOX_MAX ? bio : [];
}

const HEADING = /^h[1-6]$/;

/** A heading is at most this long: a title, not a paragraph set large. */
const HEADING_MAX = 100;

/**
 * A heading (h1–h6) that only titles what comes after it. At the end of the body, with nothing
 * kept after it, it titles what was trimmed (a rail of other stories, a teaser grid, a sign-up
 * box) or what the scorer left outside the body — "Mehr zum Thema", "Read more from this
 * column:" — and titles nothing. jusText reaches the same end through its context rule: a heading
 * is kept only when good text follows it. A heading that ends as a statement does (".", "!")
 * may be a line of the story set large (a pull quote), and stays; one that asks a question (a "Want
 * to join the next tour?" over a booking widget the trim took) goes like any other: at the end,
 * with nothing after it, no answer follows, and a question set as a pull quote is the story's
 * line only among its paragraphs. Short colon-ended lines outside
 * headings are not taken: in stories they introduce an embedded video or post ("Watch the video
 * below:") that annotators keep although the embed itself is gone.
 */
export function isDanglingHeading(b: Block): boolean {
  if (b.cls !== 'neutral' || b.text > HEADING_MAX) return false;
  return HEADING.test(b.el.localName) && !/[.!…"“”»\u06d4]\s*$/.test(b.str);
}

/**
 * The blocks of the tail sweep that are items of a run the text sets itself: a swept block is
 * given back when a neutral block after it, with the same tag and the same parent, stays. The
 * sweep keeps the short lines after the last furniture line; when those are the swept lines'
 * siblings of one kind (the paragraphs of a list of places of which some are linked, the items of
 * a reading list after "Check out:"), the sweep would cut holes in one run, and the run is the
 * text's. Only blocks that are furniture for their links alone are given back: a stock line, a
 * sign-in notice or a legal line stays furniture (classed without its links, it is still bad).
 */
function runItemsSwept(blocks: Block[], lastGood: number, swept: Set<Block>, doomed: Set<Block>): Set<Block> {
  const back = new Set<Block>();
  // Parent → tags of the neutral blocks kept after the current one.
  const kept = new Map<DomNode | null, Set<string>>();
  for (let i = blocks.length - 1; i > lastGood; i--) {
    const b = blocks[i]!;
    const parent = b.el.parentNode;
    if (!doomed.has(b)) {
      if (b.cls !== 'neutral') continue;
      let tags = kept.get(parent);
      if (!tags) kept.set(parent, (tags = new Set()));
      tags.add(b.el.localName);
    } else if (swept.has(b) && kept.get(parent)?.has(b.el.localName)) {
      const bare = classify(b.text, 0, b.str);
      if (bare === 'neutral' || bare === 'good') back.add(b);
    }
  }
  return back;
}

/** The blocks inside the share bars `found` in `root` (share-bars.ts), wherever they sit in the body. */
function inShareBars(root: DomElement, blocks: Block[], found: DomElement[]): Block[] {
  if (found.length === 0) return [];
  const bars = new Set(found);
  const out: Block[] = [];
  for (const b of blocks)
    for (let p: DomElement | null = b.el; p && p !== root; p = p.parentElement)
      if (bars.has(p)) {
        out.push(b);
        break;
      }
  return out;
}

/** Trims boilerplate blocks from the edges of the chosen body, in place. Returns blocks removed. */
export function trimEdges(root: DomElement, title?: string | null): number {
  return trimEdgesToBlocks(root, title).removed;
}

/**
 * trimEdges, also giving what blocksOf(root) gives after it (the stages after the trim read the
 * blocks again: the second look's prose, the learned stage's rows), from the blocks the trim
 * measured: measuring is most of the trim's time.
 */
export function trimEdgesToBlocks(root: DomElement, title?: string | null, byline?: string | null): { removed: number; blocks: Block[] } {
  wrapLooseText(root);
  // The whole stage switched off (ablation.ts): the body as the scorer gave it.
  if (ablation.off?.('trim')) return { removed: 0, blocks: blocksOf(root) };
  // Found before the link lists go: a bar's buttons set as a list leave its label behind otherwise.
  const bars = shareBars(root);
  let removed = removeLinkLists(root) + removeCardRails(root) + removeLoneTeasers(root);
  const blocks = blocksOf(root);
  const firstProse = blocks.findIndex((b) => b.cls === 'good');
  if (firstProse < 0) return { removed, blocks }; // nothing reads as prose: no basis to judge the edges
  // The text starts at its first paragraph, not at a standfirst set as a heading above the byline
  // and date ("<h3>China has sent troops …</h3> By … PUBLISHED: …"): the lines between the two are
  // the head's furniture like those above the heading. The heading itself is never swept.
  const firstText = blocks.findIndex((b) => b.cls === 'good' && !HEADING.test(b.el.localName));
  const firstGood = Math.max(firstText, firstProse);
  let lastGood = firstGood;
  for (let i = blocks.length - 1; i > firstGood; i--) {
    if (blocks[i]!.cls === 'good') {
      lastGood = i;
      break;
    }
  }
  let doomed: Block[] = [];
  const why = new Map<Block, string[]>();
  const tag = (bs: Block[], reason: string): Block[] => {
    if (trimTrace.on)
      for (const b of bs) {
        const rs = why.get(b);
        if (!rs) why.set(b, [reason]);
        else if (!rs.includes(reason)) rs.push(reason);
      }
    return bs;
  };
  // A neutral block goes with the furniture only when it lies between a bad block and another
  // bad block (or the edge of the body on the head side): a short line framed by navigation is
  // navigation; one after the last bad block may be the page's own closing line, and stays.
  const sweptTail = new Set<Block>();
  const sweep = (order: number[], side: string): void => {
    let zone = false;
    let pending: Block[] = [];
    for (const i of order) {
      const b = blocks[i]!;
      if (b.cls === 'good') {
        // A prose heading above the text (the standfirst): it is kept, and furniture on either
        // side of it is judged apart.
        zone = false;
        pending = [];
      } else if (b.cls === 'meta') doomed.push(...tag([b], `meta-${side}`));
      // A linked cell of a data row (an ingredients table's product) is the row's, not navigation.
      else if (b.cls === 'bad' && !isDataCell(b.el)) {
        zone = true;
        if (side === 'tail') for (const x of [...pending, b]) sweptTail.add(x);
        doomed.push(...tag(pending, `sweep-${side}-neutral`), ...tag([b], `sweep-${side}-bad`));
        pending = [];
      } else if (zone) pending.push(b);
    }
    return;
  };
  const head: number[] = [];
  for (let i = firstGood - 1; i >= 0; i--) head.push(i);
  // The headline repeated above the text: the title field carries it already.
  const headline = title ? title.replace(/\s+/g, ' ').trim() : '';
  if (headline) for (const i of head) if (blocks[i]!.str === headline) doomed.push(...tag([blocks[i]!], 'headline'));
  const tail: number[] = [];
  for (let i = lastGood + 1; i < blocks.length; i++) tail.push(i);
  // Nothing is removed until the end: what isCaption learns of the ancestors holds until then.
  const captionAbove = new Map<DomElement, boolean>();
  for (const b of blocks)
    if (
      b.text < 100 &&
      isCaption(b.el, root, captionAbove) &&
      (CREDIT.test(b.str) || NAME_SLASH_SOURCE.test(b.str) || AR_CREDIT.test(arabicLine(b.str, 100) ?? ''))
    )
      doomed.push(...tag([b], 'credit'));
  doomed.push(...tag(captionsToDrop(blocks, root, captionAbove), 'caption'));
  // A gallery whose names say nothing, known by its slide counter (slide-strips.ts).
  doomed.push(...tag(slideStrips(blocks, root), 'slide-strip'));
  for (const b of blocks)
    if ((b.cls !== 'good' && isInlineFurniture(b)) || isEmbedNotice(b) || isMediaFallback(b)) doomed.push(...tag([b], 'inline'));
  for (const b of blocks) if (b.cls === 'meta' && isDatedByline(b)) doomed.push(...tag([b], 'dated-byline'));
  for (const b of blocks) if (b.cls !== 'good' && isTimeLine(b)) doomed.push(...tag([b], 'time-line'));
  doomed.push(...tag(trailingAuthorBox(blocks, firstProse, root), 'author-box'));
  // The same box known by the author's name where its class says nothing (author-tail.ts).
  doomed.push(...tag(authorTail(blocks, firstProse, root, byline), 'author-name'));
  // The same box known by its card's shape where neither its class nor the name is left
  // (portrait-tail.ts); its picture goes with its text, once the loop below has removed that.
  const card = portraitTail(blocks, firstProse, root);
  doomed.push(...tag(card.blocks, 'author-portrait'));
  doomed.push(...tag(inShareBars(root, blocks, bars), 'share-links'));
  // The comment section left at the end: its label and all after it (comment-tail.ts).
  doomed.push(...tag(commentTail(blocks, firstGood), 'comment-tail'));
  // What the rules before the sweeps removed stays removed, whatever the sweep gives back.
  const ruled = doomed.length;
  sweep(head, 'head');
  sweep(tail, 'tail');
  if (sweptTail.size > 0) {
    for (let i = 0; i < ruled; i++) sweptTail.delete(doomed[i]!);
    const back = runItemsSwept(blocks, lastGood, sweptTail, new Set(doomed));
    if (back.size > 0) doomed = doomed.filter((b) => !back.has(b));
  }
  // Headings left dangling at the end of the body, once what followed them is gone.
  const gone = new Set(doomed);
  for (let i = blocks.length - 1; i > lastGood; i--) {
    const b = blocks[i]!;
    if (gone.has(b)) continue;
    if (!isDanglingHeading(b)) break;
    doomed.push(...tag([b], 'dangling-heading'));
    gone.add(b);
  }
  const parents = new Set<DomNode>();
  for (const b of doomed) {
    if (trimTrace.on && b.el.parentNode) {
      const [first = 'other', ...also] = why.get(b) ?? [];
      if (trimTrace.on(first, b.el, also)) continue;
    }
    if (b.el.parentNode) parents.add(b.el.parentNode);
    b.el.parentNode?.removeChild(b.el);
    removed++;
  }
  if (card.el?.parentNode && textLengthUpTo(card.el, 1) === 0) {
    parents.add(card.el.parentNode);
    card.el.parentNode.removeChild(card.el);
  }
  const left = parents.size > 0 ? blocksLeft(root, blocks, parents) : blocks;
  return dropTrailingRegions(root, left, removed);
}

/**
 * The regions the page sets after the story's region (regions.ts) go from the trimmed body `root`
 * (its blocks `blocks`); `removed` is what the trim removed before.
 */
function dropTrailingRegions(root: DomElement, blocks: Block[], removed: number): { removed: number; blocks: Block[] } {
  const regions = trailingRegions(root, blocks);
  if (regions.length === 0) return { removed, blocks };
  const gone = new Set<Block>();
  const parents = new Set<DomNode>();
  for (const r of regions) {
    if (trimTrace.on?.('trailing-region', r.el, []) || !r.el.parentNode) continue;
    parents.add(r.el.parentNode);
    r.el.parentNode.removeChild(r.el);
    for (const b of r.blocks) gone.add(b);
    removed += r.blocks.length;
  }
  if (gone.size === 0) return { removed, blocks };
  for (const p of parents) if (p !== root && !hasBlockChild(p as DomElement)) return { removed, blocks: blocksOf(root) };
  return { removed, blocks: blocks.filter((b) => !gone.has(b)) };
}

/**
 * What blocksOf(root) gives once blocks were removed from `parents`: the blocks still in the tree,
 * as measured — blocks are disjoint leaves, so removing one changes no other's text — unless a
 * parent has lost its last block child. It was no leaf (it held a block), and now it is one,
 * holding text no block held; then the blocks are measured afresh.
 */
function blocksLeft(root: DomElement, blocks: Block[], parents: Set<DomNode>): Block[] {
  for (const p of parents) if (p !== root && !hasBlockChild(p as DomElement)) return blocksOf(root);
  return blocks.filter((b) => b.el.parentNode !== null);
}

/** Characters of `root`'s text in prose blocks (a sentence or more, few links): how much story it holds. */
export function proseLength(root: DomElement): number {
  return proseOf(blocksOf(root));
}

/** proseLength from the blocks blocksOf gave. */
export function proseOf(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) if (b.cls === 'good') n += b.text;
  return n;
}
