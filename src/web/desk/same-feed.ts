// The mark of a source that shares its feed address with another (two spellings stored before
// migration 46; store.sources.sameFeeds, p-dupsources): on the sources page beside its status,
// and on its own page with what to do. Each other source named and linked by id and title.
import type { SameFeed, SameFeedPeer } from '../../domain/same-feed.js';
import type { Translate } from '../../locale/index.js';
import { redactUrl } from '../../text/redact-url.js';
import { html, type Html } from '../html.js';
import type { DeskKey } from './messages.js';

function peerLink(p: SameFeedPeer): Html {
  // The address without credentials, as every address the desk shows; an empty title (a row from
  // before titles were trimmed to null) is no name (r2-dupsources: it showed "#2 " alone).
  return html`<a href="/desk/sources/${p.id}" data-same-feed="${p.id}"><bdi>#${p.id} ${p.title || redactUrl(p.url)}</bdi></a>`;
}

/** "not polled: same feed as #N …" when another is polled in its place, else "same feed as #N …"; '' when alone. */
export function sameFeedMark(t: Translate<DeskKey>, same: SameFeed | undefined): Html | '' {
  if (!same) return '';
  if (same.polledBy)
    return html`<span class="same-feed" data-not-polled="${same.polledBy.id}">${t('sources.notPolled')} ${peerLink(same.polledBy)}</span>`;
  return html`<span class="same-feed">${t('sources.sameFeed')} ${same.others.map((p, i) => html`${i ? ', ' : ''}${peerLink(p)}`)}</span>`;
}

/** The source page's line: the mark and what an editor can do about it. */
export function sameFeedSection(t: Translate<DeskKey>, same: SameFeed | undefined): Html | '' {
  if (!same) return '';
  return html`<p role="note" data-same-feed-of="${same.others.map((p) => p.id).join(' ')}">${sameFeedMark(t, same)}</p><p>${t('source.sameFeed.help')}</p>`;
}
