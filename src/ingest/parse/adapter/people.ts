// People: Atom person constructs (<name>, <email>, <uri>) and RSS/DC free text such as
// "me@example.com (Jane Doe)" or "Jane Doe <me@example.com>".
import type { Person } from '../types.js';
import { cleanText } from './text-construct.js';
import { textContent } from '../xml/serialize.js';
import type { XmlElement } from '../xml/tree.js';
import { hasElementChildren } from '../xml/serialize.js';
import { resolveUrl } from '../urls.js';

const EMAIL =
  /(([a-zA-Z0-9_.+-]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9-]+\.)+))([a-zA-Z]{2,63}|[0-9]{1,3})(\]?))(\?subject=\S+)?/;

/** Splits free text into a name and an email address. */
export function personFromText(text: string): Person | undefined {
  let name = text.trim();
  let email: string | undefined;
  const m = EMAIL.exec(name);
  if (m) {
    email = m[0];
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
