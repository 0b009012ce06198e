import type { FeedVersion } from '../types.js';

/** What every element reader needs to know about the document being adapted. */
export interface AdaptContext {
  version: FeedVersion;
  /** Atom never guesses that plain text is HTML; the RSS family does. */
  isAtom: boolean;
  /** Run HTML through the shared sanitiser (off only for benchmarks measuring the parser alone). */
  sanitize: boolean;
}
