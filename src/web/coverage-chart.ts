// The coverage chart of a topic page: stories per day as server-rendered SVG bars (no script, no
// external assets), named for screen readers by <title>/<desc>, with the same numbers in a table
// beneath for anyone who cannot see the bars.
// Time runs left to right in every interface, so the SVG is laid out left to right: inherited
// right-to-left, "start" would anchor the labels by their right end and push them off the chart.
import type { DayCount } from '../store/topics.js';
import { html, type Html } from './html.js';
import { formatCount } from './locale.js';
import { ENGLISH_UI, type Ui } from './ui.js';

const WIDTH = 600;
const HEIGHT = 120;
const PAD_TOP = 14;
const PAD_BOTTOM = 18;

function shortDay(day: string, locale: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return d.toLocaleDateString(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/**
 * A day as the interface writes dates, year included, for the sentence and the table: they said
 * "2026-11-08" on Arabic and Persian pages whose other dates read "۱۶ آذر ۱۴۰۵" (u-eyes).
 */
function longDay(day: string, locale: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return d.toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** `id` keeps the title/desc ids unique when a page holds more than one chart. */
export function coverageChart(days: readonly DayCount[], o: { id: string; topicName: string; ui?: Ui | undefined }): Html {
  if (days.length === 0) return html``;
  const ui = o.ui ?? ENGLISH_UI;
  const t = ui.t;
  const total = days.reduce((n, d) => n + d.count, 0);
  const max = Math.max(1, ...days.map((d) => d.count));
  const busiest = days.reduce((a, b) => (b.count > a.count ? b : a));
  const step = WIDTH / days.length;
  const barW = Math.max(1, step * 0.78);
  const plot = HEIGHT - PAD_TOP - PAD_BOTTOM;
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const title = t('chart.title', { topic: o.topicName });
  const span = { days: days.length, first: longDay(first.day, ui.locale), last: longDay(last.day, ui.locale) };
  const desc =
    (total === 1 ? t('chart.descOne', span) : t('chart.desc', { n: total, ...span })) +
    (total ? t('chart.busiest', { day: longDay(busiest.day, ui.locale), n: busiest.count }) : t('chart.end'));
  const n = (x: number): string => formatCount(x, ui.locale);
  const bars = days.map((d, i) => {
    const h = d.count === 0 ? 0 : Math.max(2, (d.count / max) * plot);
    const x = (i * step + (step - barW) / 2).toFixed(1);
    const y = (PAD_TOP + plot - h).toFixed(1);
    return html`<rect class="bar" x="${x}" y="${y}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}"><title>${longDay(d.day, ui.locale)}: ${n(d.count)}</title></rect>`;
  });
  return html`<figure class="coverage">
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" direction="ltr" role="img" aria-labelledby="${o.id}-title ${o.id}-desc" preserveAspectRatio="none">
<title id="${o.id}-title">${title}</title>
<desc id="${o.id}-desc">${desc}</desc>
<line class="axis" x1="0" y1="${PAD_TOP + plot + 0.5}" x2="${WIDTH}" y2="${PAD_TOP + plot + 0.5}"/>
${bars}
<text class="label" x="0" y="${HEIGHT - 4}">${shortDay(first.day, ui.locale)}</text>
<text class="label" x="${WIDTH}" y="${HEIGHT - 4}" text-anchor="end">${shortDay(last.day, ui.locale)}</text>
<text class="label" x="0" y="10">${t('chart.max', { n: max })}</text>
</svg>
<figcaption>${desc}</figcaption>
</figure>
<details class="coverage-table"><summary>${t('chart.table')}</summary><div class="table-scroll"><table class="health">
<thead><tr><th scope="col">${t('chart.day')}</th><th scope="col">${t('chart.stories')}</th></tr></thead>
<tbody>${days.map((d) => html`<tr><td><time datetime="${d.day}">${longDay(d.day, ui.locale)}</time></td><td>${n(d.count)}</td></tr>`)}</tbody>
</table></div></details>`;
}
