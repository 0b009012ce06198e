// What an alert says: the webhook's JSON body and the e-mail digest's text and HTML. Pure: the
// worker gathers entries and matches, these functions only shape them.
import type { Entry } from '../domain/entry.js';
import { safeHttpUrl } from '../domain/safe-url.js';
import { escapeAttr, escapeText } from '../sanitize/escape.js';
import { closeBidi } from '../text/bidi.js';
import type { TopicMatch } from '../store/topics.js';

export interface AlertItem {
  deliveryId: number;
  entry: Entry;
  /** The matches the store kept (the first few, in reading order: p-matchcap). */
  matches: TopicMatch[];
  /** How many places matched in all (matchTotal); absent means `matches.length`. */
  matchCount?: number | undefined;
  /** An editor's headline and excerpt for the entry (or its story), as the topic page shows them. */
  edited?: { headline?: string; excerpt?: string } | undefined;
}

export interface AlertTopic {
  id: string;
  name: string;
}

export interface MessageContext {
  /** Public site URL ('' when unknown): links to the topic page are left out without it. */
  baseUrl: string;
  now: number;
}

const SNIPPET_CHARS = 240;

/**
 * The entry's address as a webhook or digest gives it: http(s) only, through the one URL policy, as
 * the API and the pages give it (r-edges). The digest's HTML makes it a link and webhook consumers
 * (chat bots, dashboards) do the same; an address stored by an older, laxer ingest (`javascript:`,
 * `data:`) or an operator's `file:` feed is left out here as it is there.
 */
const entryUrl = (entry: Entry): string | undefined => safeHttpUrl(entry.url);

/** The text around the first match in the entry text (else its start), and where the match sits in it. */
export function snippet(entry: Entry, matches: TopicMatch[]): { text: string; mark?: [number, number] } {
  const text = entry.text.replace(/\s+/g, ' ').trim();
  const m = matches.find((x) => x.field === 'text');
  // Offsets are into the stored text; whitespace collapsing shifts them, so find the match again.
  const needle = m ? entry.text.slice(m.start, m.end).replace(/\s+/g, ' ').trim() : '';
  const at = needle ? text.indexOf(needle) : -1;
  if (at < 0) {
    const cut = text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS).replace(/\s+\S*$/, '')}…` : text;
    return { text: cut };
  }
  const len = needle.length;
  let from = Math.max(0, at - Math.floor((SNIPPET_CHARS - len) / 2));
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < at) from = space + 1;
  }
  let to = Math.min(text.length, from + SNIPPET_CHARS);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > at + len) to = space;
  }
  const prefix = from > 0 ? '…' : '';
  const suffix = to < text.length ? '…' : '';
  const start = prefix.length + (at - from);
  const matchLen = Math.min(len, to - at);
  return { text: prefix + text.slice(from, to) + suffix, mark: [start, start + matchLen] };
}

function topicUrl(ctx: MessageContext, topic: AlertTopic): string | undefined {
  return ctx.baseUrl ? `${ctx.baseUrl.replace(/\/+$/, '')}/topics/${encodeURIComponent(topic.id)}` : undefined;
}

/** The names that matched, each with its own bidi controls closed: they share one line ("Matched: a, b"). */
function aliases(matches: TopicMatch[]): string[] {
  return [...new Set(matches.map((m) => closeBidi(m.alias)))];
}

/**
 * What an alert shows of an item: the headline and excerpt readers see on the topic page and in its
 * feeds (an editor's, when set: a corrected headline, a wrong claim taken out), else the source's
 * headline and the passage around the match (`mark`: where the match sits in it; none in an
 * editor's excerpt, which need not hold the match).
 */
function shown(item: AlertItem): { title: string; excerpt: string; mark?: [number, number] } {
  const { entry, matches, edited } = item;
  const title = edited?.headline ?? entry.title;
  if (edited?.excerpt) return { title, excerpt: edited.excerpt };
  const s = snippet(entry, matches);
  return { title, excerpt: s.text, ...(s.mark ? { mark: s.mark } : {}) };
}

/** The webhook body: one topic, the new entries that matched it. */
export function webhookBody(topic: AlertTopic, items: AlertItem[], ctx: MessageContext): string {
  const url = topicUrl(ctx, topic);
  return JSON.stringify({
    type: 'newsdesk.topic.entries',
    topic: { id: topic.id, name: topic.name, ...(url ? { url } : {}) },
    sentAt: new Date(ctx.now).toISOString(),
    deliveries: items.map((i) => i.deliveryId),
    entries: items.map((item) => {
      const { deliveryId, entry, matches } = item;
      const show = shown(item);
      return {
        deliveryId,
        id: entry.id,
        sourceId: entry.sourceId,
        // What readers are shown (an editor's text when set) ...
        title: show.title,
        url: entryUrl(entry) ?? null,
        author: entry.author,
        lang: entry.lang,
        publishedAt: new Date(entry.publishedAt).toISOString(),
        excerpt: show.excerpt,
        // ... and the source's own, always: a `title` match's offsets are into `sourceTitle`.
        sourceTitle: entry.title,
        sourceExcerpt: snippet(entry, matches).text,
        matches: matches.map((m) => ({ field: m.field, start: m.start, end: m.end, text: m.text, alias: m.alias })),
        matchCount: Math.max(item.matchCount ?? 0, matches.length),
      };
    }),
  });
}

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

/** One e-mail for a topic's new entries of one period, newest first. */
export function digestMail(topic: AlertTopic, items: AlertItem[], ctx: MessageContext): DigestMail {
  const sorted = [...items].sort((a, b) => b.entry.publishedAt - a.entry.publishedAt || b.entry.id - a.entry.id);
  const n = sorted.length;
  // The topic's name shares the subject line (and the digest's <title> and heading) with the count:
  // an override it leaves open (U+202E) would reverse ": 3 new stories" in every mail client, as it
  // would in a tab title (text/bidi.ts). Entry titles and snippets each end their line (a line end
  // in text, a <br> or </li> in HTML, both bidi paragraph breaks), so they need no closing.
  const subject = `${closeBidi(topic.name)}: ${n} new ${n === 1 ? 'story' : 'stories'}`;
  const page = topicUrl(ctx, topic);
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

  const textParts = [`${subject}`, ''];
  for (const item of sorted) {
    const { entry, matches } = item;
    const show = shown(item);
    textParts.push(`* ${show.title}`);
    const url = entryUrl(entry);
    textParts.push(`  ${day(entry.publishedAt)}${url ? `  ${url}` : ''}`);
    if (show.excerpt) textParts.push(`  ${show.excerpt}`);
    textParts.push(`  Matched: ${aliases(matches).join(', ')}`, '');
  }
  if (page) textParts.push(`All stories on this topic: ${page}`);
  textParts.push('', 'You receive this digest because the topic has e-mail alerts in its Newsdesk definition.');

  const rows = sorted.map((item) => {
    const { entry, matches } = item;
    const s = shown(item);
    const body = s.mark
      ? `${escapeText(s.excerpt.slice(0, s.mark[0]))}<mark>${escapeText(s.excerpt.slice(s.mark[0], s.mark[1]))}</mark>${escapeText(s.excerpt.slice(s.mark[1]))}`
      : escapeText(s.excerpt);
    const url = entryUrl(entry);
    const title = url ? `<a href="${escapeAttr(url)}">${escapeText(s.title)}</a>` : escapeText(s.title);
    const dir = entry.dir === 'rtl' ? ' dir="rtl"' : '';
    return `<li${dir}${entry.lang ? ` lang="${escapeAttr(entry.lang)}"` : ''} style="margin:0 0 1em">
<strong>${title}</strong><br><small>${escapeText(day(entry.publishedAt))}</small><br>${body}<br>
<small>Matched: ${escapeText(aliases(matches).join(', '))}</small></li>`;
  });
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeText(subject)}</title></head>
<body style="font-family:sans-serif;max-width:40em">
<h1 style="font-size:1.2em">${escapeText(subject)}</h1>
<ul style="padding-left:1.2em">
${rows.join('\n')}
</ul>
${page ? `<p><a href="${escapeAttr(page)}">All stories on this topic</a></p>` : ''}
<p><small>You receive this digest because the topic has e-mail alerts in its Newsdesk definition.</small></p>
</body></html>
`;
  return { subject, text: `${textParts.join('\n')}\n`, html };
}
