// Entities for the clusterer from the topic matcher: every alias of an entity, in any script,
// yields the same entity id, so "Mojahedin-e Khalq", "مجاهدین خلق" and "MEK" are one feature.
import type { TopicMatcher } from '../topics/matcher.js';

export function entitiesOf(matcher: TopicMatcher, title: string, text: string): string[] {
  const ids = new Set<string>();
  for (const hit of matcher.match({ title, text })) {
    for (const m of hit.matches) if (m.entity !== undefined) ids.add(m.entity);
  }
  return [...ids];
}
