// How a source is named wherever it is shown (pages, feeds, API, CLI): its own title, else the
// host of its site address, else the host of its feed address (a site URL can have no host at
// all: `file:`, `mailto:` or junk a feed declared), else the feed address as written.

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
  return hostOf(s.siteUrl) || hostOf(s.url) || s.url;
}
