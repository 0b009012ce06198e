// Stage 4's sweeps (trim.ts), for tables of data at the body's edges: a cell that is wholly a link
// in a row whose other cells hold plain text ("50 g | <a>flour</a>", "Maker | <a>Brand</a>") is
// the row's value, not a navigation link — an ingredients or specifications table names products
// and links them. Navigation set in a layout table links every cell of its row.
import type { DomElement } from './dom.js';
import { ELEMENT_NODE } from './dom.js';
import { textAndLinks } from './walk.js';

/** Whether `el` is a table cell whose row has another cell with words mostly outside links. */
export function isDataCell(el: DomElement): boolean {
  const tag = el.localName;
  if (tag !== 'td' && tag !== 'th') return false;
  const row = el.parentElement;
  if (row?.localName !== 'tr') return false;
  for (let k = row.firstChild; k; k = k.nextSibling) {
    if (k === el || k.nodeType !== ELEMENT_NODE) continue;
    const cell = k as DomElement;
    if (cell.localName !== 'td' && cell.localName !== 'th') continue;
    const m = textAndLinks(cell);
    // A word, not only a number: a calendar's plain days beside the linked ones are no data row.
    if (m.text > 0 && m.links < m.text * 0.5 && /\p{L}/u.test(cell.textContent ?? '')) return true;
  }
  return false;
}
