// The iframes we keep: video players from an allowlist of hosts, rebuilt from scratch (https,
// our own attributes, sandboxed) rather than passed through. The sandbox still allows scripts and
// same-origin, which the players need; that is safe only because the frame is cross-origin to us.

export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-popups';
export const EMBED_REFERRER_POLICY = 'strict-origin-when-cross-origin';

const EMBED_RULES: readonly { host: RegExp; path: RegExp }[] = [
  { host: /^(?:www\.)?youtube(?:-nocookie)?\.com$/, path: /^\/embed\/[A-Za-z0-9_-]+\/?$/ },
  { host: /^player\.vimeo\.com$/, path: /^\/video\/\d+\/?$/ },
];

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
    if (rule.host.test(host) && rule.path.test(u.pathname)) {
      u.protocol = 'https:';
      u.hash = '';
      return u.href;
    }
  }
  return undefined;
}
