// How a source is named wherever it is shown (pages, feeds, API, CLI): its own title, else the
// host of its site or feed address.

import type { Source } from './source.js';

export function sourceName(s: Pick<Source, 'title' | 'siteUrl' | 'url'>): string {
  if (s.title?.trim()) return s.title.trim();
  try {
    return new URL(s.siteUrl ?? s.url).hostname.replace(/^www\./, '');
  } catch {
    return s.url;
  }
}
