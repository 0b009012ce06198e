// Worker-thread entry for the language guess (detect-language.ts `languageGuesser`): loads the
// model once, at the first texts posted, and answers each batch of texts with their languages.
// Loading the n-gram tables is a few hundred milliseconds of synchronous work; here it stalls
// this thread, not the one that checks feeds and renews their leases.
import { parentPort, threadId } from 'node:worker_threads';
import { guessLanguage, languageScorer } from './detect-language.js';

if (!parentPort) throw new Error('language-worker runs only as a worker thread');
const port = parentPort;

port.on('message', (m: { id: number; texts: string[] }) => {
  languageScorer().then(
    (scorer) => {
      try {
        port.postMessage({ id: m.id, ok: true, langs: m.texts.map((t) => guessLanguage(scorer, t)), threadId });
      } catch (err) {
        port.postMessage({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
      }
    },
    (err: unknown) => port.postMessage({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
