// Aggregator feeds (news search feeds and the like) list other outlets' stories: each item names
// its outlet in RSS 2.0's <source> and writes the outlet's name after the headline as well
// ("Ferry vote passes - The Coastline Courier"). The stored headline is the headline: the tail
// goes when, and only when, it is the name the item's own <source> gives. A headline that merely
// ends in a dash and some words keeps them, and so does one whose tail names another outlet.

/** Separators aggregators put between a headline and the outlet's name. */
const SEPARATOR = /\s[-–—|·]\s*$/;

/** `title` (one line, as stored) without a trailing " - Outlet" when Outlet is `outlet`, case aside. */
export function withoutOutletTail(title: string, outlet: string | undefined): string {
  const name = outlet?.replace(/\s+/g, ' ').trim() ?? '';
  if (!name || title.length <= name.length) return title;
  const head = title.slice(0, title.length - name.length);
  if (title.slice(head.length).localeCompare(name, 'und', { sensitivity: 'accent' }) !== 0) return title;
  const sep = SEPARATOR.exec(head);
  if (!sep) return title;
  const rest = head.slice(0, sep.index).trim();
  return rest ? rest : title;
}
