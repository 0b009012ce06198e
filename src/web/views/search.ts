// The search form with its filters (source, date range, language).
import type { Source } from '../../domain/source.js';
import { html, type Html } from '../html.js';
import { languageName } from '../language-name.js';
import type { Ui } from '../ui.js';

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

export function searchFormView(f: SearchForm, ui: Ui): Html {
  const t = ui.t;
  return html`<form class="filters" action="/search" method="get" role="search" aria-label="${t('search.filters')}">
<label>${t('search.words')} <input type="search" name="q" value="${f.q}" aria-describedby="search-help"></label>
<label>${t('search.source')} <select name="source"><option value="">${t('search.allSources')}</option>${f.sources.map(
    (s) => html`<option value="${s.source.id}"${s.source.id === f.sourceId ? html` selected` : ''}>${s.name}</option>`,
  )}</select></label>
${
  f.topics?.length
    ? html`<label>${t('search.topic')} <select name="topic"><option value="">${t('search.anyTopic')}</option>${f.topics.map(
        (t) => html`<option value="${t.id}"${t.id === f.topicId ? html` selected` : ''}>${t.name}</option>`,
      )}</select></label>`
    : ''
}
<label>${t('search.language')} <select name="lang"><option value="">${t('search.anyLanguage')}</option>${f.languages.map(
    (l) => html`<option value="${l}"${l === f.lang ? html` selected` : ''}>${languageName(l, ui)}</option>`,
  )}</select></label>
<label>${t('search.from')} <input type="date" name="from" value="${f.from ?? ''}"></label>
<label>${t('search.to')} <input type="date" name="to" value="${f.to ?? ''}"></label>
<button type="submit">${t('shell.searchButton')}</button>
</form>
<p class="note" id="search-help">${t('search.help')}</p>
${f.problem ? html`<p role="alert"><strong>${f.problem}</strong></p>` : ''}`;
}
