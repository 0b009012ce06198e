// The iframes we keep: video players from an allowlist of hosts, rebuilt from scratch (https,
// our own attributes, sandboxed) rather than passed through. The sandbox still allows scripts and
// same-origin, which the players need; that is safe only because the frame is cross-origin to us.

export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-popups';
export const EMBED_REFERRER_POLICY = 'strict-origin-when-cross-origin';

// Hosts are listed, not matched by pattern, so the page's Content-Security-Policy can name the
// very same set in frame-src (EMBED_ORIGINS): a player the sanitiser keeps is never blocked.
const EMBED_RULES: readonly { hosts: readonly string[]; path: RegExp }[] = [
  {
    hosts: ['youtube.com', 'www.youtube.com', 'youtube-nocookie.com', 'www.youtube-nocookie.com'],
    path: /^\/embed\/[A-Za-z0-9_-]+\/?$/,
  },
  { hosts: ['player.vimeo.com'], path: /^\/video\/\d+\/?$/ },
];

/** The https origins of every embed allowedEmbed can return (for CSP frame-src). */
export const EMBED_ORIGINS: readonly string[] = EMBED_RULES.flatMap((r) => r.hosts.map((h) => `https://${h}`));

/** The https URL to embed, or undefined when `src` is not an allowlisted video player. */
export function allowedEmbed(src: string | undefined): string | undefined {
  if (src === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(src.startsWith('//') ? `https:${src}` : src);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  if (u.username !== '' || u.password !== '' || u.port !== '') return undefined;
  const host = u.hostname.toLowerCase();
  for (const rule of EMBED_RULES) {
    if (rule.hosts.includes(host) && rule.path.test(u.pathname)) {
      u.protocol = 'https:';
      u.hash = '';
      return u.href;
    }
  }
  return undefined;
}
