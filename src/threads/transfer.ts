// Handing a document's bytes to a worker without copying them. postMessage copies a typed array's
// whole ArrayBuffer unless that buffer is in the transfer list; transferred, the buffer moves to the
// worker and is detached here (its length becomes 0). That is only safe for a buffer holding the
// document and nothing else: a small Node Buffer is a view on a shared 8 KB slab (Buffer.poolSize)
// that later Buffers are cut from, and a body read in one chunk is a view on its socket's read
// buffer, usually part of it. Detaching a larger buffer would empty bytes that other code may still
// read. Such views are copied, as before.

/** The ArrayBuffer behind `bytes` when `bytes` is all of it (so it may be transferred); else undefined. */
export function wholeBuffer(bytes: Uint8Array): ArrayBuffer | undefined {
  const b = bytes.buffer;
  // A SharedArrayBuffer cannot be transferred (and is shared by design).
  if (!(b instanceof ArrayBuffer)) return undefined;
  // A view on part of a larger buffer: Node's pooled slab, a socket's read, a slice.
  if (bytes.byteOffset !== 0 || bytes.byteLength !== b.byteLength || b.byteLength === 0) return undefined;
  return b;
}
