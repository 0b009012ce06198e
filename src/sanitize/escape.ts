// Escaping for re-serialised HTML. Everything we emit goes through these, so the browser's parse
// of our output can only ever see the elements and attributes we chose to write: a `<` that was
// text in the input is text in the output, whatever parser quirk produced it.

const TEXT_SPECIAL = /[&<>\u0000]/;
const ATTR_SPECIAL = /[&<>"'\u0000]/;

/** Escapes text content: & < > (NUL is dropped, as browsers would). */
export function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 0) rep = '';
    else continue;
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return out + s.slice(last);
}

/** Escapes a value for a double-quoted attribute; < and > too, so no later parser can misread it. */
export function escapeAttr(s: string): string {
  if (!ATTR_SPECIAL.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c === 38) rep = '&amp;';
    else if (c === 34) rep = '&quot;';
    else if (c === 39) rep = '&#39;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 0) rep = '';
    else continue;
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return out + s.slice(last);
}
