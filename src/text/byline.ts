// A byline as a name: pages print "By Staff Reporter", "Par la rédaction" or "بقلم …" above the
// text, and the extractor keeps the line as printed. The reading site writes its own "By"/"بقلم"
// before the author ("By By Staff Reporter" otherwise), so the page's leading word is dropped when
// a byline is adopted as the entry's author, and when a stored one is shown.
//
// Only words that mean "by" before a writer's name and are not themselves the start of names:
// "von", "di", "de" and "van" are left alone (von der Leyen, Di Maria, De Gaulle, Van Morrison).
const LEADING_BY = /^\s*(?:by|par|por|بقلم|به\s+قلم|نوشته(?:\u200c?ی)?)(?:\s*[:：]\s*|\s+)(?=\S)/iu;

/** `byline` without a leading "By" (or its equivalent in French, Spanish, Arabic or Persian). */
export function bylineName(byline: string): string {
  const name = byline.replace(LEADING_BY, '').trim();
  return name || byline.trim();
}
