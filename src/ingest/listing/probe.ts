// Is this page usable as a `page` source? For `newsdesk add`, which tries a listing last and
// must say what it found and why, in words a user can act on.
import { extractListing } from './detect.js';
import type { ListingOptions } from './types.js';

export interface ListingProbe {
  usable: boolean;
  /** One sentence: what was found (or not) and what it rests on. */
  reason: string;
  items: number;
  strategy: string;
  nextPage?: string;
  /** The first few headlines, to show the user. */
  sample: string[];
}

/** Fewer teasers than this is too thin a signal to subscribe to without selectors. */
const MIN_ITEMS = 3;

function describeStrategy(strategy: string): string {
  if (strategy === 'selectors') return 'the configured CSS selectors';
  const [kind, sig] = strategy.split(/:(.*)/s);
  const leaf = sig?.split('>').pop() ?? '';
  return kind === 'segments' ? `runs of content under repeated <${leaf}> headings` : `repeated <${leaf}> blocks`;
}

export function probeListing(html: string, pageUrl: string, opts: ListingOptions = {}): ListingProbe {
  const res = extractListing(html, pageUrl, opts);
  const n = res.items.length;
  const sample = res.items.slice(0, 3).map((i) => i.title);
  const base = { items: n, strategy: res.strategy, sample, ...(res.nextPage ? { nextPage: res.nextPage } : {}) };
  if (n === 0) {
    return {
      ...base,
      usable: false,
      reason: 'found no list of article teasers on the page (only navigation, footers or a single article)',
    };
  }
  const summaries = res.items.filter((i) => i.summary).length;
  const dated = res.items.filter((i) => i.published).length;
  const detail = `${n} teaser${n === 1 ? '' : 's'} in ${describeStrategy(res.strategy)}, ${summaries} with an excerpt, ${dated} dated${res.nextPage ? ', with a next page' : ''}`;
  if (n < MIN_ITEMS && res.strategy !== 'selectors') {
    return { ...base, usable: false, reason: `found only ${detail}; too few to follow without CSS selectors` };
  }
  return { ...base, usable: true, reason: `found ${detail}` };
}
