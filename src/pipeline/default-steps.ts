// The entry steps every long-running process (`newsdesk serve`, `newsdesk poll`) registers before
// its scheduler starts. Topic tagging registers itself in src/jobs/topics-runtime.ts; step.ts
// keeps "extract" ahead of it whichever registers first, so tagging sees the full text.
// Several runtimes in one process (tests, serve + poll) share the one step: it is counted, and
// the last close() unregisters it and frees its workers and connections.
import type { Config } from '../config/options.js';
import { entrySteps, registerEntryStep, unregisterEntryStep } from './step.js';
import { createExtractStep, type ExtractStep } from './steps/extract-full-text.js';

export interface DefaultSteps {
  /** Gives up this registration (the last one unregisters the steps and frees their resources). */
  close(): Promise<void>;
}

let shared: { step: ExtractStep; users: number } | undefined;

export function registerDefaultSteps(config: Config): DefaultSteps {
  // A step named "extract" registered by someone else (a test) is left alone.
  if (!shared && entrySteps().some((s) => s.name === 'extract')) return { close: async () => undefined };
  if (!shared) {
    shared = { step: createExtractStep(config), users: 0 };
    registerEntryStep(shared.step);
  }
  shared.users++;
  let closed = false;
  return {
    async close() {
      if (closed || !shared) return;
      closed = true;
      if (--shared.users > 0) return;
      const { step } = shared;
      shared = undefined;
      unregisterEntryStep('extract');
      await step.close();
    },
  };
}
