// Webhook signatures. The receiver recomputes HMAC-SHA256 over "<timestamp>.<raw body>" with the
// shared secret and compares it with X-Newsdesk-Signature; binding the timestamp into the MAC lets
// it refuse replays of an old request (check the timestamp is recent).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-newsdesk-signature';
export const TIMESTAMP_HEADER = 'x-newsdesk-timestamp';
export const DELIVERY_HEADER = 'x-newsdesk-delivery';

/** "sha256=<hex>" of HMAC-SHA256(secret, `${timestamp}.${body}`); timestamp in Unix seconds. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * For receivers (and tests): true when `signature` is right for this body and timestamp, and the
 * timestamp is within `toleranceSeconds` of `nowSeconds`.
 */
export function verify(
  secret: string,
  timestamp: string | number,
  body: string,
  signature: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const ts = typeof timestamp === 'number' ? timestamp : Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const want = Buffer.from(sign(secret, ts, body));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
