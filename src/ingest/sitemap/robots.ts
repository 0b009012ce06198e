// Where a site keeps its sitemaps: the `Sitemap:` lines of robots.txt (they apply to the whole
// file, whatever user-agent group they sit in), then the addresses generators use by default.

/** The robots.txt URL for the site of `url`. */
export function robotsUrlFor(url: string): string {
  return new URL('/robots.txt', url).href;
}

/** Absolute sitemap URLs named by `Sitemap:` lines, in file order, without repeats. */
export function sitemapsFromRobots(text: string, robotsUrl: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^site-?map\s*:\s*(\S+)/i.exec(line);
    if (!m) continue;
    let url: string;
    try {
      url = new URL(m[1]!, robotsUrl).href;
    } catch {
      continue;
    }
    if (!/^https?:/i.test(url) || seen.has(url)) continue;
    seen.add(url);
    out.push(url);
  }
  return out;
}

// Paths that common CMSs and SEO plugins serve news and general sitemaps at.
const DEFAULT_PATHS = ['/news-sitemap.xml', '/sitemap-news.xml', '/sitemap_news.xml', '/sitemap_index.xml', '/sitemap.xml'];

/** Sitemaps to try for a site: those robots.txt names (news ones first), then the default paths. */
export function sitemapCandidates(siteUrl: string, robotsText?: string): string[] {
  const fromRobots = robotsText ? sitemapsFromRobots(robotsText, robotsUrlFor(siteUrl)) : [];
  const isNews = (u: string): boolean => /news/i.test(new URL(u).pathname);
  const newsFirst = [...fromRobots.filter(isNews), ...fromRobots.filter((u) => !isNews(u))];
  const all = [...newsFirst, ...DEFAULT_PATHS.map((p) => new URL(p, siteUrl).href)];
  return [...new Set(all)];
}
