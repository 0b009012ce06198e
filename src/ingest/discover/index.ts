// Feed autodiscovery: which feed(s) a site URL stands for.
export { discoverFeeds, type DiscoveredFeed, type DiscoveryResult, type DiscoverOptions } from './discover.js';
export { findFeedLinks, isHtmlDocument, COMMON_FEED_PATHS, type FeedLink } from './feed-links.js';
export { chooseSource, isChoice, type SourceChoice, type ChoiceFailure, type ChooseOptions, type ChosenSource } from './choose-source.js';
