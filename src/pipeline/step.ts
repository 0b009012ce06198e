// Extension points of the feed refresh. After a check has stored its entries, every registered
// step runs, in order, on the entries stored for the first time by that check. This is where the
// later capabilities plug in, each as one small step:
//   - full-text extraction (fetch the article page when the feed gives little text; src/extract),
//   - topic tagging (match entries against topic definitions; src/topics),
//   - story clustering (group one story across outlets; src/stories).
// A step that throws is logged and skipped; it never fails the check nor undoes stored entries.
// Steps run after the source's check is recorded (its lease released), so a slow step does not
// hold the source.
import type { Entry } from '../domain/entry.js';
import type { Source } from '../domain/source.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';

export interface StepContext {
  store: Store;
  source: Source;
  log: Logger;
  /** Epoch ms of the check that stored the entries. */
  now: number;
}

export interface PipelineStep {
  /** Short name for logs ("extract", "topics", "cluster"). */
  readonly name: string;
  /**
   * Works on the entries this check inserted (never empty when called). A step that changes an
   * entry's stored fields updates the Entry object too, so later steps see the change.
   */
  run(entries: Entry[], ctx: StepContext): Promise<void>;
}

const registered: PipelineStep[] = [];

// The known steps run in this order whoever registers first: tagging must see the full text, and
// clustering the tags. Other steps run after these, in registration order.
const ORDER = ['extract', 'topics', 'cluster'];
const rank = (name: string): number => {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
};

/** Adds a step to the default list every Scheduler uses (call once at start-up). */
export function registerEntryStep(step: PipelineStep): void {
  if (registered.some((s) => s.name === step.name)) throw new Error(`pipeline step "${step.name}" is already registered`);
  const at = registered.findIndex((s) => rank(s.name) > rank(step.name));
  if (at < 0) registered.push(step);
  else registered.splice(at, 0, step);
}

/** Removes a registered step (a runtime that stops, tests); true when it was registered. */
export function unregisterEntryStep(name: string): boolean {
  const i = registered.findIndex((s) => s.name === name);
  if (i >= 0) registered.splice(i, 1);
  return i >= 0;
}

/** The registered steps, in registration order. */
export function entrySteps(): readonly PipelineStep[] {
  return registered;
}

/** Runs each step on `entries`, isolating failures. Returns the names of the steps that failed. */
export async function runEntrySteps(steps: readonly PipelineStep[], entries: Entry[], ctx: StepContext): Promise<string[]> {
  const failed: string[] = [];
  if (entries.length === 0) return failed;
  for (const step of steps) {
    try {
      await step.run(entries, ctx);
    } catch (err) {
      failed.push(step.name);
      ctx.log.error({ step: step.name, sourceId: ctx.source.id, err }, `pipeline step ${step.name} failed; entries stay stored`);
    }
  }
  return failed;
}
