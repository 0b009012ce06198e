// How a source is named wherever it is shown (pages, feeds, API, CLI): its own title, else the
// host of its site address, else the host of its feed address (a site URL can have no host at
// all: `file:`, `mailto:` or junk a feed declared), else, for a local file (allowFileUrls), the
// file's own name: the name is public (pages, feeds, the API beside a withheld url) and a full path
// shows the server's disk layout (r-edges); else the feed address as written.

import type { Source } from './source.js';

function hostOf(url: string | null | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

export function sourceName(s: Pick<Source, 'title' | 'siteUrl' | 'url'>): string {
  if (s.title?.trim()) return s.title.trim();
  return hostOf(s.siteUrl) || hostOf(s.url) || fileNameOf(s.url) || s.url;
}

function fileNameOf(url: string): string {
  if (!/^file:/i.test(url)) return '';
  const last =
    url
      .replace(/^file:/i, '')
      .replace(/[?#].*$/s, '')
      .split('/')
      .filter(Boolean)
      .pop() ?? '';
  try {
    return decodeURIComponent(last) || 'file';
  } catch {
    return last || 'file';
  }
}
