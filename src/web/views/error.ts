import { html, type Html } from '../html.js';
import type { Ui } from '../ui.js';

export function errorView(status: number, message: string, ui: Ui): Html {
  const t = ui.t;
  return html`<h1>${status === 404 ? t('error.notFound') : status === 400 ? t('error.badRequest') : status === 405 ? t('error.methodNotAllowed') : t('error.generic')}</h1>
<p>${message}</p>
<p><a href="/">${t('error.back')}</a></p>`;
}
