// Holds the active topic set. Replacing it with a file that has errors leaves the current set
// active and returns the errors: a typo while editing topics never silences every topic.
import type { TopicDefinition, TopicFileError } from './definition.js';
import { parseTopics } from './definition.js';
import type { TopicMatcher } from './matcher.js';
import { compileTopics } from './matcher.js';

export type ReplaceResult = { ok: true; warnings: TopicFileError[] } | { ok: false; errors: TopicFileError[] };

export class TopicRegistry {
  private active: TopicMatcher;

  constructor(topics: readonly TopicDefinition[] = []) {
    this.active = compileTopics(topics);
  }

  get matcher(): TopicMatcher {
    return this.active;
  }

  get topics(): readonly TopicDefinition[] {
    return this.active.topics;
  }

  /** Makes checked topics (from parseTopics or loadTopicsFile) the active set. */
  replace(topics: readonly TopicDefinition[]): void {
    this.active = compileTopics(topics);
  }

  /** Parses `source` (YAML or JSON) and, only if it is entirely valid, makes it the active set. */
  replaceFromSource(source: string): ReplaceResult {
    const parsed = parseTopics(source);
    if (!parsed.ok) return parsed;
    this.replace(parsed.topics);
    return { ok: true, warnings: parsed.warnings };
  }
}
