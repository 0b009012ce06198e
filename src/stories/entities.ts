// Entities for the clusterer from the topic matcher: every alias of an entity, in any script,
// yields the same entity id, so "Mojahedin-e Khalq", "مجاهدین خلق" and "MEK" are one feature.
// Typed by the shape it reads (src/topics' TopicMatcher has it): stories and topics are sibling
// layers and do not import each other.
import type { EntityName } from './types.js';

export interface EntityMatcher {
  match(article: { title: string; text: string }): readonly {
    matches: readonly { entity?: string | undefined; text?: string | undefined }[];
  }[];
}

export function entitiesOf(matcher: EntityMatcher, title: string, text: string): string[] {
  const ids = new Set<string>();
  for (const hit of matcher.match({ title, text })) {
    for (const m of hit.matches) if (m.entity !== undefined) ids.add(m.entity);
  }
  return [...ids];
}

/**
 * The entity ids and the names they were found under, as written in the article (the clusterer's
 * `entities` and `entityNames`).
 */
export function entityMatchesOf(matcher: EntityMatcher, title: string, text: string): { ids: string[]; names: EntityName[] } {
  const ids = new Set<string>();
  const names = new Map<string, EntityName>();
  for (const hit of matcher.match({ title, text })) {
    for (const m of hit.matches) {
      if (m.entity === undefined) continue;
      ids.add(m.entity);
      if (m.text) names.set(`${m.entity}\u0000${m.text}`, { entity: m.entity, name: m.text });
    }
  }
  return { ids: [...ids], names: [...names.values()] };
}
