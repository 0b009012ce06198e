// The guarded HTTP client: fetchUrl for one-off reads, HttpFetcher to share connections.
export { fetchUrl, closeSharedFetchers, HttpFetcher, FEED_ACCEPT, sameOrigin, statusError } from './client.js';
export type { FetcherConfig, FetchRequest, FetchResult, RobotsRefusal } from './client.js';
export {
  FetchError,
  RetryableFetchError,
  PermanentFetchError,
  GoneFetchError,
  BlockedFetchError,
  TooLargeFetchError,
  RobotsRefusedError,
  RobotsUnreachableError,
  findFetchError,
} from './errors.js';
export { decideAddress, compileAllowList, parseAddress, type AllowList, type GuardDecision } from '../../domain/address-guard.js';
export { systemResolver, type Resolver, type ResolvedAddress } from './guarded-connector.js';
export { parseRetryAfter, parseMaxAge } from './cache-headers.js';
export { fetchFailureReason } from './failure-kind.js';
export { type CrawlPacer, crawlDelayTooFar, crawlSpacingMs, DEFAULT_CRAWL_DELAY_CAP_SECONDS, localPacer, sleep } from './pacer.js';
export { parseRobots, productToken, ROBOTS_MAX_BYTES, type RobotsRules } from './robots.js';
