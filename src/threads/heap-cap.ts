// The heap cap of a worker thread (resourceLimits.maxOldGenerationSizeMb), and what it takes for a
// worker past it to fail its job rather than abort the whole process.
//
// When a worker's heap reaches its cap, Node raises the cap once by 16 MB and ends the worker
// ('error' with ERR_WORKER_OUT_OF_MEMORY, then 'exit'). When a single step grows the heap past
// cap + 16 MB before the worker can be ended (one big string: a document decoded in one go), V8
// finds the heap still over its limit after a full collection and aborts the process (FATAL
// ERROR: Reached heap limit), every thread with it. Measured on Node 20.20 with the parse pool:
// a 22 MB feed under a 16 MB cap, 33 MB under 32 MB, 55 MB under 64 MB aborted the process; up to
// half the cap (ASCII or two-byte text alike) the worker always failed its job cleanly. Hence the
// two rules here: no cap below MIN_WORKER_HEAP_MB, and no document over half the cap posted.

/**
 * The smallest heap cap a pool accepts. The parse worker starts with 12 MB and the extraction
 * worker with 16 MB (with 8 MB it runs out while loading, so every job fails); twice that leaves
 * room for a document.
 */
export const MIN_WORKER_HEAP_MB = 32;

/** A cap a pool can use: an integer number of MB, at least MIN_WORKER_HEAP_MB. */
export function checkHeapCap(maxHeapMb: number): number {
  if (!Number.isInteger(maxHeapMb) || maxHeapMb < MIN_WORKER_HEAP_MB)
    throw new RangeError(`a worker's heap cap must be a whole number of MB, at least ${MIN_WORKER_HEAP_MB}, not ${maxHeapMb}`);
  return maxHeapMb;
}

/**
 * Whether a document of `size` bytes (or characters, for text already decoded) may be posted to a
 * worker capped at `maxHeapMb`: at most half the cap, so its text (even two bytes a character) is
 * one step the worker's cap absorbs.
 */
export function fitsHeapCap(size: number, maxHeapMb: number): boolean {
  return size <= (maxHeapMb * 1024 * 1024) / 2;
}

/** `size` bytes in MB, to one decimal, for messages. */
export function megabytes(size: number): string {
  return (size / (1024 * 1024)).toFixed(1);
}

/** The error a worker that reached its heap cap ends with. */
export function isOutOfMemory(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}
