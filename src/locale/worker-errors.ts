// What a worker process (`newsdesk worker`) answers at an address it does not serve. Its port is
// for orchestrators (/healthz, /readyz, /metrics), not the JSON API; but a program sent there by
// mistake — a client configured with the worker's port instead of the web role's — reads the same
// shape as the API's problems, `{"error", "key"}`, and its key says which server it reached: the
// web role's unknown address is `endpoint.notFound`, this one `worker.notFound` (p-leftovers). The
// sentence is in the language Accept-Language picks among en, ar and fa, as the API's. Addresses
// stay as written in every language.
import { type Catalogue, negotiatedHeaders, negotiateLang, translator } from './index.js';

const en = {
  'worker.notFound': 'A worker answers only /healthz, /readyz and /metrics.',
};

export type WorkerErrorKey = keyof typeof en;

const ar: Record<WorkerErrorKey, string> = {
  'worker.notFound': 'لا يجيب العامل إلا على /healthz و/readyz و/metrics.',
};

const fa: Record<WorkerErrorKey, string> = {
  'worker.notFound': 'کارگر فقط به /healthz و /readyz و /metrics پاسخ می‌دهد.',
};

export const WORKER_ERROR_MESSAGES: Catalogue<WorkerErrorKey> = { en, ar, fa };

/** A worker's problem answer: the body and the headers saying its language, as apiProblem's. */
export function workerProblem(
  key: WorkerErrorKey,
  acceptLanguage: string | undefined,
): { body: { error: string; key: WorkerErrorKey }; headers: Record<string, string> } {
  const lang = negotiateLang(acceptLanguage);
  return {
    body: { error: translator(WORKER_ERROR_MESSAGES, lang)(key), key },
    headers: negotiatedHeaders(lang),
  };
}
