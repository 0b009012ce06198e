// Per-site overrides for pages whose markup defeats generic scoring, or where the site's own
// structure is known and stable. A rule names the element holding the article and what inside
// it is not article text. Only for sites whose layout is shared by every article page: a rule
// that fits one page but not its siblings does more harm than the generic extractor.

export interface SiteRule {
  /** Host names the rule applies to; a leading "." matches any subdomain too. */
  hosts: string[];
  /** CSS selectors tried in order; the first that matches holds the article body. */
  content: string[];
  /** CSS selectors of elements inside the body that are not article text. */
  remove?: string[];
}

export const SITE_RULES: SiteRule[] = [
  {
    // MediaWiki: the rendered page body; edit links, navigation boxes, and reference markers are chrome.
    hosts: ['.wikipedia.org', '.wikinews.org', '.wikivoyage.org', '.wiktionary.org'],
    content: ['#mw-content-text .mw-parser-output', '#mw-content-text'],
    remove: [
      '.mw-editsection',
      '.navbox',
      '.vertical-navbox',
      '.metadata',
      '.noprint',
      '.mw-empty-elt',
      '#toc',
      '.toc',
      'sup.reference',
      '.mw-references-wrap',
      'style',
    ],
  },
  {
    // GitHub renders READMEs, issues and wiki pages in .markdown-body.
    hosts: ['github.com'],
    content: ['article.markdown-body', '.markdown-body'],
  },
  {
    // Stack Exchange network: the question body is the article.
    hosts: ['stackoverflow.com', '.stackexchange.com', 'superuser.com', 'serverfault.com', 'askubuntu.com'],
    content: ['#question .s-prose', '#question .post-text'],
  },
];

/** The rule for `url`'s host, if any. */
export function siteRuleFor(url: string | undefined, rules: SiteRule[] = SITE_RULES): SiteRule | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return rules.find((r) =>
    r.hosts.some((h) => (h.startsWith('.') ? host.endsWith(h) || host === h.slice(1) : host === h || host === `www.${h}`)),
  );
}
