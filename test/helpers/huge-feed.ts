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
