// What a listing page yields: the teasers it shows and where the next page of them is.

/** CSS selectors that override structure detection, all optional; `item` selects the teaser blocks. */
export interface ListingSelectors {
  item?: string;
  /** Inside an item: the headline (its text is the title; its link, if any, the URL). */
  title?: string;
  /** Inside an item: the element whose href is the article URL (an <a>, or an element containing one). */
  link?: string;
  summary?: string;
  /** Inside an item: a <time datetime>, or an element whose text holds a date. */
  date?: string;
  /** In the page: the "next page" link. */
  next?: string;
}

export interface ListingOptions {
  selectors?: ListingSelectors;
  /** Epoch ms for relative dates ("3 hours ago"); defaults to the clock. */
  now?: number;
  /** Upper bound on items taken from one page. */
  maxItems?: number;
}

export interface ListingItem {
  title: string;
  /** Absolute URL of the article. */
  url: string;
  summary?: string;
  /** ISO 8601 UTC. */
  published?: string;
  /** Absolute URL of the teaser image. */
  image?: string;
  /** Stable identity: the normalised article URL (a hash when the item has no link of its own). */
  id: string;
}

export interface ListingResult {
  items: ListingItem[];
  nextPage?: string;
  /** The page's <title>, for naming a new source. */
  pageTitle?: string;
  /** The page's declared language (<html lang>), lower case. */
  lang?: string;
  /**
   * How the items were found: `selectors`, `blocks:<signature>` (repeated elements),
   * `segments:<signature>` (runs of siblings starting at repeated headings), or `none`.
   */
  strategy: string;
}
