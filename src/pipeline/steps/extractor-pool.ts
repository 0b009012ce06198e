// A few IsolatedExtractors shared by every run of the extraction step. An IsolatedExtractor
// handles one page at a time (its hard limit is timed from the call), so pages queue here for a
// free worker rather than piling up inside one.
import { IsolatedExtractor, type IsolatedOptions } from '../../ingest/extract/isolated.js';
import type { ExtractResult } from '../../ingest/extract/types.js';

export interface PageExtractor {
  extract(bytes: Uint8Array, url?: string, headers?: Record<string, string>): Promise<ExtractResult>;
  close(): Promise<void>;
}

export class ExtractorPool implements PageExtractor {
  private readonly idle: IsolatedExtractor[] = [];
  private readonly waiting: Array<(x: IsolatedExtractor) => void> = [];
  private readonly all: IsolatedExtractor[] = [];

  constructor(size: number, opts: IsolatedOptions = {}) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const x = new IsolatedExtractor(opts);
      this.all.push(x);
      this.idle.push(x);
    }
  }

  async extract(bytes: Uint8Array, url?: string, headers?: Record<string, string>): Promise<ExtractResult> {
    const x = this.idle.pop() ?? (await new Promise<IsolatedExtractor>((r) => this.waiting.push(r)));
    try {
      return await x.extract(bytes, url, headers);
    } finally {
      const w = this.waiting.shift();
      if (w) w(x);
      else this.idle.push(x);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((x) => x.close()));
  }
}
