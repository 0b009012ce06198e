// CSRF protection for forms sent before there is a session (sign-in, first-run set-up): a
// double-submit token. The page sets a random value in an HttpOnly cookie and puts the same value
// in a hidden field; the POST must carry both, equal. Another site can make a browser send the
// cookie, but cannot read it to fill the field (and SameSite=Lax keeps it off cross-site POSTs).
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomSecret } from './tokens.js';

export const FORM_COOKIE = 'nd_form';
const SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The request's form token, or a new one set as a cookie on the response. */
export function formToken(c: Context, secure: boolean): string {
  const have = getCookie(c, FORM_COOKIE);
  if (have && SHAPE.test(have)) return have;
  const token = randomSecret();
  setCookie(c, FORM_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure, maxAge: 2 * 3600 });
  return token;
}

/** True when the submitted field equals the cookie (constant time). */
export function formTokenMatches(c: Context, given: string | undefined): boolean {
  const have = getCookie(c, FORM_COOKIE);
  if (!have || !SHAPE.test(have) || given === undefined) return false;
  const a = Buffer.from(have);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
