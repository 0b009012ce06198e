// The language of an entry as the store keeps it: a BCP 47-shaped tag, lower-case, with "-" (en,
// pt-br, zh-hant-tw), or none. Feeds and article pages both name languages freely ("en_US",
// "English", a template's garbage), and both go through here, so the language list and the
// language filter see one spelling of each language.

/**
 * Longer than any tag in use (RFC 5646 asks room for 35 characters). Without a bound a feed's or a
 * page's attribute of kilobytes was kept: on PostgreSQL it overflowed the index that holds the
 * language (index rows hold at most 2,704 bytes) and failed the entry's whole batch or extraction.
 */
const MAX_TAG_CHARS = 64;

const TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;

/** `raw` as a stored language tag, or null when it is not one. */
export function languageTag(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const tag = raw.trim().replace(/_/g, '-').toLowerCase();
  return tag.length <= MAX_TAG_CHARS && TAG.test(tag) ? tag : null;
}
