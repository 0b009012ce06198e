// The guarded HTTP client as the ingest tests use it: allowed to reach the fixture servers on
// 127.0.0.1 (every other private address still refused), with short timeouts.
import { HttpFetcher } from '../../src/ingest/fetch/index.js';

export function loopbackFetcher(maxBodyBytes = 1 << 20): HttpFetcher {
  return new HttpFetcher({
    userAgent: 'test',
    connectTimeoutMs: 2000,
    totalTimeoutMs: 5000,
    maxBodyBytes,
    maxRedirects: 5,
    allowHosts: ['127.0.0.1'],
    allowFileUrls: false,
  });
}
