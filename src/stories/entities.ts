// Entities for the clusterer from the topic matcher: every alias of an entity, in any script,
// yields the same entity id, so "Mojahedin-e Khalq", "مجاهدین خلق" and "MEK" are one feature.
// Typed by the shape it reads (src/topics' TopicMatcher has it): stories and topics are sibling
// layers and do not import each other.

export interface EntityMatcher {
  match(article: { title: string; text: string }): readonly { matches: readonly { entity?: string | undefined }[] }[];
}

export function entitiesOf(matcher: EntityMatcher, title: string, text: string): string[] {
  const ids = new Set<string>();
  for (const hit of matcher.match({ title, text })) {
    for (const m of hit.matches) if (m.entity !== undefined) ids.add(m.entity);
  }
  return [...ids];
}
