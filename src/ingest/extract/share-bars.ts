// Stage 4 (trim.ts), from the share-bars round of 2026-12-06 (x-sharebars): a share bar found by
// where its links point, not by its class name. Pages built with generated class names (CSS
// modules, utility classes) give prune.ts's `share`/`social` names nothing to match, and the bar's
// one-word buttons ("Facebook", "Twittern", "E-Mail") stay in the text wherever the bar sits: under
// the headline, between the lead picture and the first paragraph, after the last one.
import type { DomElement } from './dom.js';
import { leadsAway } from './dom.js';
import { allElements, textAndLinks, textLengthUpTo } from './walk.js';

/**
 * Sites that share buttons and "follow us" rows link to: a general list of the big social
 * networks, messengers and read-later services (hosts and their subdomains). It names no page.
 */
const SHARE_HOSTS =
  /^(?:[\w-]+\.)*(?:facebook\.com|fb\.com|fb\.me|twitter\.com|x\.com|linkedin\.com|pinterest\.[a-z]{2,3}(?:\.[a-z]{2})?|reddit\.com|tumblr\.com|whatsapp\.com|wa\.me|t\.me|telegram\.me|xing\.com|vk\.com|ok\.ru|getpocket\.com|flipboard\.com|instagram\.com|youtube\.com|tiktok\.com|threads\.net|bsky\.app|digg\.com|mix\.com|weibo\.com|line\.me|buffer\.com|addtoany\.com|sharethis\.com)$/i;
/**
 * Share endpoints on any host: a `share=` query (WordPress's sharing buttons link to the post
 * itself with `?share=twitter`), a hand-off to e-mail with a subject or body, or to a messenger.
 */
const SHARE_HREF = /^(?:mailto:[^?]*\?.*\b(?:subject|body)=|whatsapp:|sms:|fb-messenger:|viber:)|[?&](?:share|share_to|sharer)=/i;
/** A share button's text: empty (an icon), or one word or name, a count glued on ("Facebook764"). */
const BUTTON_TEXT = 20;
/** What a bar holds besides its buttons: a label and counts ("Share this:", "Teilen Sie dies mit:"). */
const LABEL_MAX = 40;
/** A bar is a row of buttons: this much text at most, its label included. */
const BAR_MAX = 300;

/** Whether `a` points to a social site or a share endpoint (SHARE_HOSTS, SHARE_HREF). */
export function isShareHref(a: DomElement): boolean {
  const href = (a.getAttribute('href') ?? '').trim();
  if (!href) return false;
  if (SHARE_HREF.test(href)) return true;
  const m = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(href);
  return m !== null && SHARE_HOSTS.test(m[1]!);
}

/** Whether a link's text is a button's: nothing, or a single word of at most BUTTON_TEXT characters. */
function buttonText(a: DomElement): boolean {
  if (textLengthUpTo(a, BUTTON_TEXT + 1) > BUTTON_TEXT) return false;
  return !/\S\s+\S/.test((a.textContent ?? '').trim());
}

/**
 * The largest block around `link` (inside `root`, never `root`) whose links are all buttons
 * (buttonText), at least two of them and at least half of those leading away going to social sites
 * or share endpoints, with at most LABEL_MAX characters outside its links and BAR_MAX in all.
 */
function barAround(link: DomElement, root: DomElement): DomElement | null {
  let bar: DomElement | null = null;
  for (let p = link.parentElement; p && p !== root; p = p.parentElement) {
    if (textLengthUpTo(p, BAR_MAX + 1) > BAR_MAX) break;
    const size = textAndLinks(p);
    if (size.text - size.links > LABEL_MAX) break;
    let share = 0;
    let away = 0;
    let words = false;
    for (const a of allElements(p)) {
      if (a.localName !== 'a') continue;
      if (!buttonText(a)) {
        words = true;
        break;
      }
      if (!leadsAway(a)) continue;
      away++;
      if (isShareHref(a)) share++;
    }
    if (words) break;
    if (share >= 2 && share * 2 >= away) bar = p;
  }
  return bar;
}

/**
 * The share bars inside `root`: rows of button links (an icon or one word each) to social sites
 * and share endpoints, with at most a short label besides; none inside another. A quoted post
 * (a tweet in a <blockquote>) is one block of stage 4 as a whole, never inside a bar.
 */
export function shareBars(root: DomElement): DomElement[] {
  const bars: DomElement[] = [];
  const inBar = (el: DomElement): boolean => {
    for (let p: DomElement | null = el; p && p !== root; p = p.parentElement) if (bars.includes(p)) return true;
    return false;
  };
  for (const a of allElements(root)) {
    if (a.localName !== 'a' || !isShareHref(a) || !buttonText(a) || inBar(a)) continue;
    const bar = barAround(a, root);
    if (bar) bars.push(bar);
  }
  return bars;
}
