// Extension points of the feed refresh. After a check has stored its entries, the steps the
// composition root (src/server/pipeline.ts) passed in run, in order, on the entries stored for
// the first time by that check. Each capability is one small step:
//   - full-text extraction (fetch the article page when the feed gives little text),
//   - topic tagging (match entries against topic definitions; needs the full text),
//   - story clustering (group one story across outlets; needs the tags).
// A step that throws is logged and skipped; it never fails the check nor undoes stored entries.
// Steps run after the source's check is recorded (its lease released), so a slow step does not
// hold the source.
import type { Entry } from '../domain/entry.js';
import type { Source } from '../domain/source.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';
import { nextTurn } from './turns.js';

export interface StepContext {
  store: Store;
  source: Source;
  log: Logger;
  /** Epoch ms of the check that stored the entries. */
  now: number;
  /** Stop signal (shutdown): a step stops starting work and aborts what it can. */
  signal?: AbortSignal | undefined;
}

export interface PipelineStep {
  /** Short name for logs ("extract", "topics"). */
  readonly name: string;
  /**
   * Works on the entries this check inserted (never empty when called). A step that changes an
   * entry's stored fields updates the Entry object too, so later steps see the change.
   */
  run(entries: Entry[], ctx: StepContext): Promise<void>;
}

/** Runs each step on `entries`, isolating failures. Returns the names of the steps that failed. */
export async function runEntrySteps(steps: readonly PipelineStep[], entries: Entry[], ctx: StepContext): Promise<string[]> {
  const failed: string[] = [];
  if (entries.length === 0) return failed;
  for (const step of steps) {
    // Each step in a turn of the event loop of its own (turns.ts): readers are answered in between.
    await nextTurn();
    if (ctx.signal?.aborted) break;
    try {
      await step.run(entries, ctx);
    } catch (err) {
      failed.push(step.name);
      ctx.log.error({ step: step.name, sourceId: ctx.source.id, err }, `pipeline step ${step.name} failed; entries stay stored`);
    }
  }
  return failed;
}
