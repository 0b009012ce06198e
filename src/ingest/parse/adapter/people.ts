// People: Atom person constructs (<name>, <email>, <uri>) and RSS/DC free text such as
// "me@example.com (Jane Doe)" or "Jane Doe <me@example.com>".
import type { Person } from '../types.js';
import { cleanText } from './text-construct.js';
import { textContent } from '../xml/serialize.js';
import type { XmlElement } from '../xml/tree.js';
import { hasElementChildren } from '../xml/serialize.js';
import { resolveUrl } from '../urls.js';

// The address in free text, as the pattern
//   ([a-zA-Z0-9_.+-]+)@(\[d{1,3}\.d{1,3}\.d{1,3}\.|([a-zA-Z0-9-]+\.)+)([a-zA-Z]{2,63}|[0-9]{1,3})\]?(\?subject=\S+)?
// finds it (leftmost, each part greedy), read by hand in one pass: as a regular expression it
// backtracked over every start (5,000 letters without an "@" took 0.2 s, 20,000 took 2.5 s, an
// author of a megabyte hours, in the parse of a feed a desk preview runs on the pages' thread).
const isLocal = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 43 || c === 45;
const isLabel = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Where `[a-zA-Z]{2,63}|[0-9]{1,3}` ends when it starts at k, or -1. */
function topLevelEnd(s: string, k: number): number {
  let n = 0;
  while (n < 63 && isLetter(s.charCodeAt(k + n))) n++;
  if (n >= 2) return k + n;
  n = 0;
  while (n < 3 && isDigit(s.charCodeAt(k + n))) n++;
  return n >= 1 ? k + n : -1;
}

/** `\]?(\?subject=\S+)?` after the domain ends at e. */
function suffixEnd(s: string, e: number): number {
  if (s.charCodeAt(e) === 93) e++;
  const q = e + '?subject='.length;
  if (s.startsWith('?subject=', e) && q < s.length && !/\s/.test(s[q]!)) {
    let r = q;
    while (r < s.length && !/\s/.test(s[r]!)) r++;
    return r;
  }
  return e;
}

/** Where the domain part starting at p (after the "@") ends, or -1 when there is none. */
function domainEnd(s: string, p: number): number {
  if (s.charCodeAt(p) === 91) {
    // [d.d.d. then the last part: each run of 1 to 3 digits must be followed by its dot.
    let q = p + 1;
    for (let g = 0; g < 3; g++) {
      let d = 0;
      while (d < 3 && isDigit(s.charCodeAt(q + d))) d++;
      if (d === 0 || s.charCodeAt(q + d) !== 46) return -1;
      q += d + 1;
    }
    const e = topLevelEnd(s, q);
    return e === -1 ? -1 : suffixEnd(s, e);
  }
  // Labels each followed by a dot; the last part starts after one of those dots, the last one
  // where it can (the labels' repetition is greedy).
  const after: number[] = [];
  let q = p;
  for (;;) {
    let r = q;
    while (isLabel(s.charCodeAt(r))) r++;
    if (r === q || s.charCodeAt(r) !== 46) break;
    q = r + 1;
    after.push(q);
  }
  for (let i = after.length - 1; i >= 0; i--) {
    const e = topLevelEnd(s, after[i]!);
    if (e !== -1) return suffixEnd(s, e);
  }
  return -1;
}

/** The first e-mail address in `text` (see above), or undefined. */
export function findEmail(text: string): string | undefined {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isLocal(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    const end = domainEnd(text, at + 1);
    if (end !== -1) return text.slice(start, end);
  }
  return undefined;
}

/** Splits free text into a name and an email address. */
export function personFromText(text: string): Person | undefined {
  let name = text.trim();
  let email: string | undefined;
  const found = findEmail(name);
  if (found !== undefined) {
    email = found;
    name = name.replace(email, '').replace('()', '').replace('<>', '').replace('&lt;&gt;', '').trim();
    if (name.startsWith('(')) name = name.slice(1);
    if (name.endsWith(')')) name = name.slice(0, -1);
    name = name.trim();
    if (email.toLowerCase().startsWith('mailto:')) email = email.slice(7);
  }
  if (!name && !email) return undefined;
  const p: Person = {};
  if (name) p.name = cleanText(name);
  if (email) p.email = email;
  return p;
}

/** A person element: structured (Atom) when it has children, free text otherwise. */
export function readPerson(el: XmlElement): Person | undefined {
  if (!hasElementChildren(el)) return personFromText(textContent(el));
  const p: Person = {};
  for (const k of el.children) {
    if (typeof k === 'string') continue;
    const v = textContent(k).trim();
    switch (k.local) {
      case 'name':
        p.name = cleanText(v);
        break;
      case 'email':
        p.email = v;
        break;
      case 'uri':
      case 'url':
      case 'homepage':
        p.uri = resolveUrl(k.base, v);
        break;
    }
  }
  return p.name !== undefined || p.email !== undefined || p.uri !== undefined ? p : undefined;
}
