// Tracking pixels: 1x1 images and images served by known analytics/feed-stats hosts. They add
// nothing a reader sees and tell a third party who read what.

const TRACKER_PATTERNS: readonly RegExp[] = [
  /^https?:\/\/feeds\.feedburner\.com\/~(?:r|ff)\//i,
  /^https?:\/\/feedproxy\.google\.com\/~(?:r|ff)\//i,
  /^https?:\/\/(?:[a-z0-9-]+\.)*feedsportal\.com\//i,
  /^https?:\/\/pixel\.wp\.com\//i,
  /^https?:\/\/stats\.wordpress\.com\//i,
  /^https?:\/\/feeds\.wordpress\.com\/1\.0\/(?:comments|delicious|facebook|twitter|stumble|digg|reddit|googleplus|email|print)\//i,
  /^https?:\/\/(?:www\.|ssl\.)?google-analytics\.com\//i,
  /^https?:\/\/(?:[a-z0-9-]+\.)*doubleclick\.net\//i,
  /^https?:\/\/pixel\.quantserve\.com\//i,
  /^https?:\/\/[a-z]+\.scorecardresearch\.com\//i,
  /^https?:\/\/(?:www\.)?facebook\.com\/tr[/?]/i,
  /^https?:\/\/medium\.com\/_\/stat\b/i,
  /^https?:\/\/mc\.yandex\.ru\/watch\//i,
  /^https?:\/\/counter\.yadro\.ru\//i,
  /^https?:\/\/[^/]+\.list-manage\.com\/track\//i,
  /^https?:\/\/[^/]+\/wf\/open\?/i,
  /^https?:\/\/(?:[a-z0-9-]+\.)*(?:statcounter|sitemeter|chartbeat|parsely)\.(?:com|net)\/[^?#]*(?:pixel|count|beacon|\.gif)/i,
];

// One alternation: a single pass per image instead of one regex per pattern. Anchored as a
// whole: with the ^ only inside each alternative the engine tried every pattern at every
// position of the URL (a long srcset made this the sanitiser's costliest line); every pattern
// is anchored anyway, so the matches are the same.
const TRACKER = new RegExp(`^(?:${TRACKER_PATTERNS.map((re) => `(?:${re.source})`).join('|')})`, 'i');

/** True for a src on a known tracker host (after resolution to an absolute URL). */
export function isTrackerUrl(src: string): boolean {
  return TRACKER.test(src);
}

/** Reads an HTML dimension ("1", "1px", "0") as a number; NaN when absent or unreadable. */
function dimension(v: string | undefined): number {
  if (v === undefined) return NaN;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(v);
  return m ? Number(m[1]) : NaN;
}

/** True for an image sized to be invisible: either declared dimension 0 or 1 px. */
export function isPixelSized(width: string | undefined, height: string | undefined): boolean {
  const w = dimension(width);
  const h = dimension(height);
  return w <= 1 || h <= 1;
}
