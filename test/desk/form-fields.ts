// What the desk's form tests read of a rendered page: one form's fields as a browser posts them —
// its inputs (checkboxes only when ticked), each select's selected option and its textareas, with
// the page's escaping undone — so a test saves exactly what the editor was shown. The CSRF token
// is left out: the test client adds its own.

/** `&quot;` and its kin back to their characters (`&amp;` last, so `&amp;lt;` stays `&lt;`). */
export function unescapeHtml(v: string): string {
  return v
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The fields of the first form of `page` whose start tag `startTag` matches (none: {}). */
export function formFields(page: string, startTag: RegExp): Record<string, string> {
  const form = [...page.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].find((m) => startTag.test(m[0].slice(0, m[0].indexOf('>') + 1)));
  const body = form?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    if (!name || name === '_csrf') continue;
    if (/type="checkbox"/.test(m[0]) && !/\schecked\b/.test(m[0])) continue;
    out[name] = unescapeHtml(/\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? '');
  }
  for (const m of body.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="([^"]*)" selected>/.exec(m[2] ?? '')?.[1];
    if (m[1] && chosen !== undefined) out[m[1]] = unescapeHtml(chosen);
  }
  for (const m of body.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g))
    if (m[1]) out[m[1]] = unescapeHtml(m[2] ?? '');
  return out;
}
