// A source's "Read N of them in full": the press that queues reads in full of the stories of one
// source never read in full (at most UNREAD_MAX a press, highest id first, each a job with the
// entry's pending key), and the notice its Post/Redirect/Get leads to. The source's own page and
// the never-read list filtered to that source show the same form, posted to the same route
// (`POST /desk/sources/:id/read-unread`, sources.ts); the list's copy says where to lead back.
import type { Context } from 'hono';
import { html, type Html } from '../html.js';
import { formatCount } from '../locale.js';
import { requestUi } from '../ui.js';
import { csrfField } from './forms.js';
import { deskT } from './messages.js';

/** At most this many reads in full of never-read teasers are queued by one press (as "Retry all" queues failures). */
export const UNREAD_MAX = 500;

/** Where a press leads back to: the source's page (no field), or the never-read list of that source. */
export const UNREAD_BACK_LIST = 'never-read';

/** The press for `n` never-read stories of source `id` (the button names how many one press queues). */
export function unreadPress(c: Context, id: number, n: number, back?: typeof UNREAD_BACK_LIST): Html {
  const t = deskT(c);
  const locale = requestUi(c).locale;
  return html`<form method="post" action="/desk/sources/${id}/read-unread">${csrfField(c)}${
    back ? html`<input type="hidden" name="back" value="${back}">` : ''
  }<p><button type="submit">${t('source.unread.read', { n: formatCount(Math.min(n, UNREAD_MAX), locale) })}</button></p></form>`;
}

/** A count a redirect after a change carries in its address (`\d{1,9}`), or undefined. */
export function queryCount(c: Context, name: string): number | undefined {
  const v = c.req.query(name);
  return v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : undefined;
}

/** What "Read them in full" queued (`done=unread&n=Q&left=L`), counts in the interface's digits. */
export function unreadNotice(c: Context): Html | undefined {
  if (c.req.query('done') !== 'unread') return undefined;
  const [n, left] = [queryCount(c, 'n'), queryCount(c, 'left')];
  if (n === undefined || left === undefined) return undefined;
  const t = deskT(c);
  const locale = requestUi(c).locale;
  const said = n ? t('source.unread.queued', { n: formatCount(n, locale) }) : t('source.unread.none');
  return html`<p role="status">${said}${left ? ` ${t('source.unread.left', { left: formatCount(left, locale) })}` : ''}</p>`;
}
