// Feed addresses can carry credentials (https://user:pass@host/feed.xml: private feeds, paid
// newsletters). The fetcher needs them; nobody reading pages, feeds or the API does. Everything
// that shows a source's addresses or errors shows them through here, with the user information
// removed, so a reader never learns another subscriber's password.
import type { Source } from '../domain/source.js';

// scheme://userinfo@ — as the URL parser reads it, userinfo runs to the LAST @ before the path
// (a / \ ? or #), so a password holding "@" is removed whole.
const USERINFO_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/\\?#]*@/gi;

/** `url` without `user:pass@` (unchanged when it has none). */
export function withoutUserinfo(url: string): string {
  return url.replace(USERINFO_IN_TEXT, '$1');
}

/** `text` (an error message, say) with the user information of every URL in it removed. */
export const withoutUserinfoIn = withoutUserinfo;

/** A copy of the source as it may be shown: its addresses and last error without credentials. */
export function shownSource(s: Source): Source {
  return {
    ...s,
    url: withoutUserinfo(s.url),
    siteUrl: s.siteUrl === null ? null : withoutUserinfo(s.siteUrl),
    previousUrls: s.previousUrls.map((m) => ({ ...m, url: withoutUserinfo(m.url) })),
    lastError: s.lastError === null ? null : withoutUserinfoIn(s.lastError),
  };
}
