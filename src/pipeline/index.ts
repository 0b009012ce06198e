// The feed refresh pipeline and its extension points.
export { refreshSource, failureOutcome, type RefreshDeps, type RefreshResult } from './refresh-feed.js';
export { adaptEntry, adaptEntries } from './adapt-entry.js';
export { textDirection, directionOfLanguage, directionOfText } from './text-direction.js';
export { NotAFeedError, notAFeed } from './not-a-feed.js';
export { registerEntryStep, unregisterEntryStep, entrySteps, runEntrySteps, type PipelineStep, type StepContext } from './step.js';
export { registerSourceReader, unregisterSourceReader, getSourceReader, readerFor, readFeedSource, type SourceReader, type SourceRead } from './readers.js';
export { registerDefaultSteps, type DefaultSteps } from './default-steps.js';
