// What full-article extraction yields for one page.

export interface ExtractInput {
  /** The page as served (bytes, charset found by the extractor) or already-decoded text. */
  bytes: Uint8Array | string;
  /** The page's address: relative links resolve against it (and <base href>). */
  url?: string | undefined;
  /** HTTP response headers (Content-Type for the charset, Content-Language). */
  headers?: Record<string, string> | undefined;
}

export interface ExtractOptions {
  /**
   * Time allowed for one page, in ms. Checked between stages: a page whose parsing alone uses
   * most of it gets the cheap fallback extractor instead of the full scoring passes.
   */
  timeBudgetMs?: number | undefined;
}

export interface ExtractResult {
  title: string | null;
  byline: string | null;
  /** ISO 8601. */
  published: string | null;
  lang: string | null;
  /** "ltr", "rtl" or "auto" as the page declares it. */
  dir: string | null;
  siteName: string | null;
  excerpt: string | null;
  leadImage: string | null;
  canonicalUrl: string | null;
  /** Sanitised main-content HTML. */
  html: string | null;
  /** Plain text of the main content, paragraphs separated by a blank line. */
  text: string | null;
  /** Does the page look like an article at all. */
  readerable: boolean;
  /** The encoding the bytes were decoded with. */
  charset: string;
  /** Where the page points readers elsewhere with <meta http-equiv=refresh>; the caller decides whether to follow. */
  refreshUrl: string | null;
  /** Non-fatal problems met on the way (page truncated, charset overruled, time budget hit). */
  warnings: string[];
}
