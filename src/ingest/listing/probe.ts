// Is this page usable as a `page` source? For `newsdesk add`, which tries a listing last and
// must say what it found and why, in words a user can act on.
import { fillNote, type Note } from '../../locale/index.js';
import { extractListing } from './detect.js';
import type { ListingOptions } from './types.js';

/** The probe's sentences in English (the desk words the same keys through its catalogue). */
export const LISTING_NOTE_EN = {
  'listing.none': 'found no list of article teasers on the page (only navigation, footers or a single article)',
  'listing.few': 'found only {detail}; too few to follow without CSS selectors',
  'listing.found': 'found {detail}',
  'listing.detail': '{teasers} in {strategy}, {summaries} with an excerpt, {dated} dated{next}',
  'listing.teaser': '{n} teaser',
  'listing.teasers': '{n} teasers',
  'listing.next': ', with a next page',
  'listing.strategy.selectors': 'the configured CSS selectors',
  'listing.strategy.segments': 'runs of content under repeated <{leaf}> headings',
  'listing.strategy.blocks': 'repeated <{leaf}> blocks',
} as const;

export type ListingNoteKey = keyof typeof LISTING_NOTE_EN;
type ListingNote = Note<ListingNoteKey>;

export interface ListingProbe {
  usable: boolean;
  /** One sentence: what was found (or not) and what it rests on. */
  reason: string;
  /** The same as a key and parameters (LISTING_NOTE_EN). */
  note: ListingNote;
  items: number;
  strategy: string;
  nextPage?: string;
  /** The first few headlines, to show the user. */
  sample: string[];
}

/** Fewer teasers than this is too thin a signal to subscribe to without selectors. */
const MIN_ITEMS = 3;

function describeStrategy(strategy: string): ListingNote {
  if (strategy === 'selectors') return { key: 'listing.strategy.selectors' };
  const [kind, sig] = strategy.split(/:(.*)/s);
  const leaf = sig?.split('>').pop() ?? '';
  return { key: kind === 'segments' ? 'listing.strategy.segments' : 'listing.strategy.blocks', params: { leaf } };
}

function probed(note: ListingNote): { reason: string; note: ListingNote } {
  return { reason: fillNote(note, (k) => LISTING_NOTE_EN[k]), note };
}

export function probeListing(html: string, pageUrl: string, opts: ListingOptions = {}): ListingProbe {
  const res = extractListing(html, pageUrl, opts);
  const n = res.items.length;
  const sample = res.items.slice(0, 3).map((i) => i.title);
  const base = { items: n, strategy: res.strategy, sample, ...(res.nextPage ? { nextPage: res.nextPage } : {}) };
  if (n === 0) {
    return { ...base, usable: false, ...probed({ key: 'listing.none' }) };
  }
  const summaries = res.items.filter((i) => i.summary).length;
  const dated = res.items.filter((i) => i.published).length;
  const detail: ListingNote = {
    key: 'listing.detail',
    params: {
      teasers: { key: n === 1 ? 'listing.teaser' : 'listing.teasers', params: { n } },
      strategy: describeStrategy(res.strategy),
      summaries,
      dated,
      next: res.nextPage ? { key: 'listing.next' } : '',
    },
  };
  if (n < MIN_ITEMS && res.strategy !== 'selectors') {
    return { ...base, usable: false, ...probed({ key: 'listing.few', params: { detail } }) };
  }
  return { ...base, usable: true, ...probed({ key: 'listing.found', params: { detail } }) };
}
