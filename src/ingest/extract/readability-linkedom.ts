// Cheaper equivalents, on linkedom, of two Readability internals that run for every element of
// a page, set on our own Readability instances only (the library and other users are left as
// they are). Each returns exactly what the original does on a linkedom tree:
// - the visibility test reads `node.style`, which makes linkedom build a style object and parse
//   the style attribute on every read; an element without a style attribute has an empty style,
//   so only elements that have one need the original test;
// - tag queries go through querySelectorAll, which on linkedom compiles a CSS selector afresh
//   for every call (hundreds per page); a filtered walk returns the same elements in the same order.
import type { DomElement, DomNode } from './dom.js';
import { elementsByTags } from './walk.js';

type Internals = {
  _isProbablyVisible?: (node: DomElement) => boolean;
  _getAllNodesWithTag?: (node: DomNode, tagNames: string[]) => ArrayLike<DomElement>;
};

/** Gives `reader` (a Readability instance) the cheaper equivalents, where its version has them. */
export function tuneForLinkedom(reader: object): void {
  const r = reader as Internals;
  const visible = r._isProbablyVisible;
  if (typeof visible === 'function') {
    r._isProbablyVisible = function (this: unknown, node: DomElement): boolean {
      if (node.hasAttribute('style')) return visible.call(this, node);
      // The original's test, with display and visibility both empty.
      if (node.hasAttribute('hidden')) return false;
      if (!node.hasAttribute('aria-hidden') || node.getAttribute('aria-hidden') !== 'true') return true;
      const cls = (node as unknown as { className?: unknown }).className;
      return typeof cls === 'string' && cls !== '' && cls.includes('fallback-image');
    };
  }
  if (typeof r._getAllNodesWithTag === 'function') {
    r._getAllNodesWithTag = (node: DomNode, tagNames: string[]): ArrayLike<DomElement> => elementsByTags(node, tagNames);
  }
}
