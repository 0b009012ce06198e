// A valid RSS feed of `n` items with markup in each: its size, not its form, is what is hostile
// (seconds of parsing on any machine past 100,000 items). For the discovery and pool tests.
export function hugeFeed(n: number): Buffer {
  const parts = ['<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title><link>https://huge.example/</link>'];
  for (let i = 0; i < n; i++)
    parts.push(
      `<item><guid>h${i}</guid><title>Item ${i}</title><link>https://huge.example/${i}</link><description>&lt;p&gt;Some &lt;b&gt;text&lt;/b&gt; ${i} &lt;a href="/x${i}"&gt;more&lt;/a&gt;&lt;/p&gt;</description></item>`,
    );
  parts.push('</channel></rss>');
  return Buffer.from(parts.join(''));
}

/** A news sitemap of `n` articles: 100,000 make some 37 MB, seconds of parsing on any machine. */
export function newsSitemap(n: number, from = 0): Buffer {
  const parts = [
    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
  ];
  for (let i = from; i < from + n; i++)
    parts.push(
      `<url><loc>https://harbour.example/2026/12/05/story-${i}-about-the-ferry.html</loc><lastmod>2026-12-05T08:00:00Z</lastmod><news:news><news:publication><news:name>Harbour Wire</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-12-05T08:00:00Z</news:publication_date><news:title>Ferry story ${i}</news:title></news:news></url>`,
    );
  parts.push('</urlset>');
  return Buffer.from(parts.join(''));
}
