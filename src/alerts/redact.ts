// How alert targets appear in logs, the delivery log and CLI output: recipients masked and a
// webhook URL cut to its origin (Slack-style URLs carry their token in the path). The values
// themselves are needed only to deliver.

/** desk@example.org → d…@example.org */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '…';
  return `${address.slice(0, 1)}…${address.slice(at)}`;
}

/** https://hooks.example/services/T0/B0/XYZ?k=v → https://hooks.example/… */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname === '/' && !u.search ? u.origin : `${u.origin}/…`;
  } catch {
    return '(webhook URL)';
  }
}

/** `text` with every address of `to` masked, in any case (SMTP errors quote the refused recipient). */
export function scrubAddresses(text: string, to: readonly string[]): string {
  let out = text;
  for (const a of to) {
    if (a) out = out.replace(new RegExp(a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'), maskAddress(a));
  }
  return out;
}

const ADDRESS = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+\.[^\s<>"'(),;:[\]]+/gu;

/** `text` with anything shaped like an e-mail address masked: for text from older delivery logs. */
export function maskAddressesIn(text: string): string {
  return text.replace(ADDRESS, (a) => (a.includes('…') ? a : maskAddress(a)));
}

/** A delivery-log target as shown: addresses masked, a URL cut to its origin. */
export function shownTarget(target: string): string {
  return /^https?:\/\//i.test(target) ? redactUrl(target) : maskAddressesIn(target);
}
