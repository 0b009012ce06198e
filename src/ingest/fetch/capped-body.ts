// Reads a response body, decompressing it as a stream and counting the bytes that come out, so a
// gzip bomb is stopped as soon as it passes the cap: memory stays near the cap, never near the
// bomb's expanded size.
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** The cap was passed; the caller turns it into a TooLargeFetchError naming the URL. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

export class UnsupportedEncodingError extends Error {
  override name = 'UnsupportedEncodingError';
}

/**
 * Content-Encodings undone per response. Real servers apply one; every stage is a zlib stream the
 * body passes through in turn, and a chain of a thousand gzips (a few kB of header, tens of kB of
 * body) kept a fetch busy for the whole total timeout (curl caps it at 5 for the same reason,
 * CVE-2022-32206).
 */
export const MAX_CONTENT_CODINGS = 3;

/** Decoders for a Content-Encoding header, in the order the body must pass through them. */
export function decodersFor(contentEncoding: string | undefined): Transform[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'identity');
  if (codings.length > MAX_CONTENT_CODINGS) {
    throw new UnsupportedEncodingError(
      `${codings.length} stacked Content-Encodings (at most ${MAX_CONTENT_CODINGS} are undone); the server should compress the body once`,
    );
  }
  // Codings are listed in the order they were applied; undo them last first.
  return codings.reverse().map((c) => {
    if (c === 'gzip' || c === 'x-gzip') return zlib.createGunzip();
    // Unzip reads both zlib-wrapped deflate (the standard) and gzip sent as "deflate" by mistake.
    if (c === 'deflate') return zlib.createUnzip();
    if (c === 'br') return zlib.createBrotliDecompress();
    throw new UnsupportedEncodingError(`unsupported Content-Encoding "${c}"`);
  });
}

/**
 * Drops a response body unread. undici's body emits an 'error' (RequestAbortedError) when it is
 * destroyed before its end; with no listener that is an uncaught exception, and a server answering
 * `Content-Encoding: zstd` with a small body took the whole process down.
 */
export function discardBody(source: Readable): void {
  source.on('error', () => undefined);
  source.destroy();
}

/** Counts the bytes that arrive on the wire (before decompression). */
export class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

export interface CappedBody {
  body: Uint8Array;
  /** Bytes received before decompression. */
  wireBytes: number;
}

/**
 * Reads `source` through its decoders, failing with BodyTooLargeError once more than `maxBytes`
 * come out; with `truncate`, the first `maxBytes` are the body and the rest is dropped unread.
 */
export async function readCappedBody(
  source: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  signal?: AbortSignal,
  truncate = false,
): Promise<CappedBody> {
  const counter = new ByteCounter();
  let decoders: Transform[];
  try {
    decoders = decodersFor(contentEncoding);
  } catch (err) {
    discardBody(source);
    throw err;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let overflow = false;
  const sink = async (decoded: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of decoded) {
      total += chunk.length;
      if (total > maxBytes) {
        overflow = true;
        if (truncate) {
          chunks.push(chunk.subarray(0, chunk.length - (total - maxBytes)));
          total = maxBytes;
        }
        throw new BodyTooLargeError(maxBytes);
      }
      chunks.push(chunk);
    }
  };
  // pipeline() destroys every stage when one fails or the signal fires; its typings do not
  // cover a variable number of transforms, hence the cast.
  const run = pipeline as unknown as (...stages: unknown[]) => Promise<void>;
  try {
    await run(source, counter, ...decoders, sink, signal ? { signal } : {});
  } catch (err) {
    // Node reports the stream torn down by the sink's throw (an AbortError), not the throw itself.
    if (overflow && !truncate) throw new BodyTooLargeError(maxBytes);
    if (!overflow) throw err;
    // Truncated: the first maxBytes are the body.
    discardBody(source);
  }
  const out = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  return { body: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), wireBytes: counter.bytes };
}
