// The search form with its filters (source, date range, language).
import type { Source } from '../../domain/source.js';
import { html, type Html } from '../html.js';

export interface SearchForm {
  q: string;
  sourceId?: number | undefined;
  topicId?: string | undefined;
  topics?: { id: string; name: string }[] | undefined;
  lang?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sources: { source: Source; name: string }[];
  languages: string[];
  problem?: string | undefined;
}

export function searchFormView(f: SearchForm): Html {
  return html`<form class="filters" action="/search" method="get" role="search" aria-label="Search with filters">
<label>Words <input type="search" name="q" value="${f.q}" aria-describedby="search-help"></label>
<label>Source <select name="source"><option value="">All sources</option>${f.sources.map(
    (s) => html`<option value="${s.source.id}"${s.source.id === f.sourceId ? html` selected` : ''}>${s.name}</option>`,
  )}</select></label>
${
  f.topics?.length
    ? html`<label>Topic <select name="topic"><option value="">Any topic</option>${f.topics.map(
        (t) => html`<option value="${t.id}"${t.id === f.topicId ? html` selected` : ''}>${t.name}</option>`,
      )}</select></label>`
    : ''
}
<label>Language <select name="lang"><option value="">Any</option>${f.languages.map(
    (l) => html`<option value="${l}"${l === f.lang ? html` selected` : ''}>${l}</option>`,
  )}</select></label>
<label>From <input type="date" name="from" value="${f.from ?? ''}"></label>
<label>To <input type="date" name="to" value="${f.to ?? ''}"></label>
<button type="submit">Search</button>
</form>
<p class="note" id="search-help">All words must match. Use "quotes" for a phrase, word* for a prefix, OR between alternatives, -word to exclude.</p>
${f.problem ? html`<p role="alert"><strong>${f.problem}</strong></p>` : ''}`;
}
