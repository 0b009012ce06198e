// Feed autodiscovery: which feed(s) a site URL stands for.
export {
  inlineCandidates,
  readCandidate,
  type CandidateJob,
  type CandidateParser,
  type CandidateResult,
  type FeedCandidate,
  type ListingCandidate,
} from './candidates.js';
export { discoverFeeds, type DiscoveredFeed, type DiscoveryResult, type DiscoverOptions } from './discover.js';
export { findFeedLinks, isHtmlDocument, COMMON_FEED_PATHS, type FeedLink } from './feed-links.js';
export { chooseSource, isChoice, type SourceChoice, type ChoiceFailure, type ChooseOptions, type ChosenSource } from './choose-source.js';
