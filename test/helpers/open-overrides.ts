// The real-browser journeys' check that the desk leaves no bidi embedding, override or isolate open
// where nothing ends it (test/browser/desk-*-journey.test.ts): a name or headline holding U+202E
// must not reorder the interface's own words after it.
import type { Page } from 'playwright-core';

/**
 * Text in which a bidi embedding, override or isolate is opened and not closed, where nothing else
 * ends it: an attribute, an <option>, or a text node inside a sentence. A text node that is the
 * whole text of an element isolating it (<bdi>, one with its own dir, or a block: a table cell, a
 * heading) is ended by that element; each line of a <pre> is a paragraph of its own. An option's
 * or input's value is not shown inside a sentence (it is sent, or shown in a box of its own).
 */
export function openOverrides(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const unclosed = (s: string): boolean => {
      const open: string[] = [];
      for (const ch of s) {
        if (/[\u202a\u202b\u202d\u202e]/.test(ch)) open.push('\u202c');
        else if (/[\u2066-\u2068]/.test(ch)) open.push('\u2069');
        else if (ch === '\u202c' && open.at(-1) === '\u202c') open.pop();
        else if (ch === '\u2069') {
          const at = open.lastIndexOf('\u2069');
          if (at >= 0) open.splice(at);
        }
      }
      return open.length > 0;
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!unclosed(text)) continue;
      let end = n.parentElement;
      while (end && end.tagName !== 'BDI' && !(end.hasAttribute('dir') && end !== document.documentElement)) {
        if (!['inline', 'contents'].includes(getComputedStyle(end).display)) break;
        end = end.parentElement;
      }
      // A <pre> line ends an override too: each of its lines is a paragraph of its own.
      if (end && end.tagName === 'PRE' && text.split('\n').every((line) => !unclosed(line.replace(/^[^"]*"|"[^"]*$/g, '')))) continue;
      if (end && end.tagName !== 'OPTION' && end.tagName !== 'PRE' && end.textContent?.trim() === text.trim()) continue;
      found.push(`text in <${n.parentElement?.tagName.toLowerCase()}>: ${JSON.stringify(text)}`);
    }
    // An option's value is sent, never shown (it must stay what was stored, to filter by it); an
    // input's is shown in a box of its own, which ends whatever it opens.
    for (const el of document.querySelectorAll('*'))
      for (const a of el.getAttributeNames())
        if (!(['OPTION', 'INPUT'].includes(el.tagName) && a === 'value') && unclosed(el.getAttribute(a) ?? ''))
          found.push(`${a} of <${el.tagName.toLowerCase()}>: ${JSON.stringify(el.getAttribute(a))}`);
    return found;
  });
}
