// The loopback HTTP client with a record of every body it returned, as the reader got it: the
// pool tests check whether a body was handed over (detached) or copied to the parse worker.
import { type FetchRequest, type FetchResult, HttpFetcher } from '../../src/ingest/fetch/index.js';

export class RecordingFetcher extends HttpFetcher {
  /** Every body fetched so far, oldest first. */
  readonly bodies: Uint8Array[] = [];

  constructor(maxBodyBytes: number) {
    super({
      userAgent: 'test',
      connectTimeoutMs: 2000,
      totalTimeoutMs: 30_000,
      maxBodyBytes,
      maxRedirects: 5,
      allowHosts: ['127.0.0.1'],
      allowFileUrls: false,
    });
  }

  override async fetch(url: string, req: FetchRequest = {}): Promise<FetchResult> {
    const res = await super.fetch(url, req);
    this.bodies.push(res.body);
    return res;
  }
}
