// The one slug of an entity: the id a query refers to as @id, the matcher records on each match
// and the pages and the API look entities up by. Every module takes it from here; two slug
// functions that disagree make "Why this story?" lose the entity (the bug this file ends).

/**
 * An entity's default id: its name without accents or combining marks, lower-cased, apostrophes
 * dropped and every other run of non-letters a dash ("People's Mujāhidīn" → "peoples-mujahidin",
 * "أنصار الإسلام" → "انصار-الاسلام"). Changing it changes stored matching hashes (a full re-tag).
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'entity' : slug;
}
