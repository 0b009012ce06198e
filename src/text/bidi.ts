// Text from feeds is joined into one line in a few places (the document <title> "NAME · Newsdesk",
// a feed's title, <link title>), where no element boundary ends a bidi embedding or override an
// outlet left open: an unclosed U+202E (RLO) in a source name reverses " · Newsdesk" and anything
// after it in the tab title. closeBidi ends every embedding, override and isolate the text opens
// and drops closers that match nothing, so the text reorders only itself. Balanced text and text
// with no controls come back unchanged (the same string).

const LRE = 0x202a;
const RLO = 0x202e;
const PDF = 0x202c;
const LRI = 0x2066;
const FSI = 0x2068;
const PDI = 0x2069;
const ANY_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

export function closeBidi(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  let out = '';
  // What is open, innermost last: PDF closes embeddings and overrides, PDI closes isolates.
  const open: number[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if ((c >= LRE && c <= RLO && c !== PDF) || (c >= LRI && c <= FSI)) {
      open.push(c >= LRI ? PDI : PDF);
    } else if (c === PDF) {
      // A PDF inside an isolate cannot close what is outside it (Unicode bidi rule X7).
      if (open.at(-1) !== PDF) continue;
      open.pop();
    } else if (c === PDI) {
      // A PDI closes its isolate and every embedding opened inside it (rule X6a).
      const at = open.lastIndexOf(PDI);
      if (at < 0) continue;
      out += String.fromCharCode(...open.splice(at).slice(1).reverse());
    }
    out += ch;
  }
  return out + String.fromCharCode(...open.reverse());
}

/**
 * Text set into a sentence or a line of plain text where no element can isolate it (an <option>,
 * an attribute, a catalogue's sentence): first-strong isolated, its own controls closed, so an
 * unclosed override cannot reorder the words after it, and a name in another script (or ending in
 * punctuation, "Wire (UK)") neither takes nor moves the sentence's own words and brackets.
 */
export function isolateText(text: string): string {
  return text ? `\u2068${closeBidi(text)}\u2069` : text;
}
