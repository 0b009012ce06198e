// The feed refresh pipeline and its extension points.
export { refreshSource, failureOutcome, type RefreshDeps, type RefreshResult } from './refresh-feed.js';
export { adaptEntry, adaptEntries } from './adapt-entry.js';
export { schedulePolicy, type SchedulePolicy } from './next-check.js';
export { textDirection, directionOfLanguage, directionOfText } from './text-direction.js';
export { NotAFeedError, notAFeed } from './not-a-feed.js';
export { runEntrySteps, type PipelineStep, type StepContext } from './step.js';
export { defaultReaders, readerFor, readFeedSource, type SourceReader, type SourceReaders, type SourceRead } from './readers.js';
