// The one HTML sanitiser every path shares (feeds, extracted articles, listing pages).
// TEMPORARY placeholder until src/sanitize is written: escapes everything, so nothing unsafe can
// pass through it in the meantime.
export interface SanitizeOptions {
  /** Base URL for resolving relative href/src. */
  baseUrl?: string;
}

export function sanitizeHtml(html: string, _opts: SanitizeOptions = {}): string {
  return html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
