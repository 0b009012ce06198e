// Who published an item, on every line that names its source: an aggregator's item (Google
// News-style RSS, `<source url="…">Outlet</source>`, p-feedzoo) names its outlet first and the
// aggregator feed after it as "via", as Google News and feed readers do; any other item names its
// source alone, as before.
import { safeHref } from '../../domain/safe-url.js';
import { redactUrl } from '../../text/redact-url.js';
import { html, type Html } from '../html.js';
import type { Ui } from '../ui.js';

/** An outlet an item names: its name, and its address when that is a web one (http/https). */
export interface OutletLink {
  name: string;
  href?: string | undefined;
}

/** The source, as a link (a teaser's links) or, without an address, as text (a coverage line). */
interface SourceLink {
  name: string;
  href?: string | undefined;
}

/**
 * The outlet to show for an item beside its source, or undefined when it names none or names the
 * source itself (compared without case or edge spaces: one name shown, not "X · via X"). The
 * address is checked here with the URL policy every link on the site goes through: a stored
 * `javascript:` (or any other scheme) never becomes a link, the name is shown as text.
 */
export function outletFor(e: { outletName?: string | null; outletUrl?: string | null }, source: { name: string }): OutletLink | undefined {
  const name = e.outletName?.trim();
  if (!name) return undefined;
  if (name.toLowerCase() === source.name.trim().toLowerCase()) return undefined;
  // Redacted again when shown: a row stored before ingest redacted it keeps its token in the store.
  return { name, href: safeHref(e.outletUrl ? redactUrl(e.outletUrl) : e.outletUrl) };
}

/** Placeholder cut out of the "via {source}" message, where the source's link goes. */
const SLOT = '\u0000';

/**
 * The source as a line names it: `<bdi><a>Source</a></bdi>`, or with an outlet
 * `<bdi>Outlet</bdi> · via <bdi><a>Source</a></bdi>`. Names are escaped (html``) and isolated
 * (<bdi>), so an Arabic outlet beside an English source keeps its order. "via" is the interface's
 * word (one message, so Arabic and Persian place the source as they write it), marked with the
 * interface's language inside a line in the story's.
 */
export function sourceNames(source: SourceLink, outlet: OutletLink | undefined, ui: Ui): Html {
  const link = source.href ? html`<bdi><a href="${source.href}">${source.name}</a></bdi>` : html`<bdi>${source.name}</bdi>`;
  if (!outlet) return link;
  const name = outlet.href
    ? html`<a class="outlet" href="${outlet.href}" rel="noopener noreferrer">${outlet.name}</a>`
    : html`<span class="outlet">${outlet.name}</span>`;
  const [before = '', after = ''] = ui.t('teaser.via', { source: SLOT }).split(SLOT);
  return html`<bdi>${name}</bdi> · <span class="via" lang="${ui.lang}" dir="${ui.dir}">${before}${link}${after}</span>`;
}
