import { html, type Html } from '../html.js';

export function errorView(status: number, message: string): Html {
  return html`<h1>${status === 404 ? 'Not found' : status === 400 ? 'Bad request' : 'Something went wrong'}</h1>
<p>${message}</p>
<p><a href="/">Back to all stories</a></p>`;
}
