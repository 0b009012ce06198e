// The entry steps every long-running process (`newsdesk serve`, `newsdesk poll`) registers before
// its scheduler starts. Topic tagging registers itself in src/jobs/topics-runtime.ts; step.ts
// keeps "extract" ahead of it whichever registers first, so tagging sees the full text.
import type { Config } from '../config/options.js';
import { entrySteps, registerEntryStep, unregisterEntryStep } from './step.js';
import { createExtractStep } from './steps/extract-full-text.js';

export interface DefaultSteps {
  /** Unregisters the steps this call registered and frees their workers and connections. */
  close(): Promise<void>;
}

export function registerDefaultSteps(config: Config): DefaultSteps {
  if (entrySteps().some((s) => s.name === 'extract')) return { close: async () => undefined };
  const extract = createExtractStep(config);
  registerEntryStep(extract);
  return {
    async close() {
      unregisterEntryStep('extract');
      await extract.close();
    },
  };
}
