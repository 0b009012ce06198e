// What the hostile-input probes (probe.test.ts: the public site; desk-probe.test.ts: the desk)
// install in Chromium and run in its pages: alert/confirm/prompt/print/eval/Function hooked
// before any script, CSP violations recorded, inline handlers provoked with synthetic events, and
// the page's links read. One copy, so both probes watch for the same things.
import type { BrowserContext, Page } from 'playwright-core';
import { LOCAL_TIME_JS } from '../../src/web/layout.js';

/** Nothing leaves the machine: every host name but 127.0.0.1 fails to resolve, at once (cheaper than intercepting every request). */
export const PROBE_CHROMIUM_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

export interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  page: string;
}

/** Hooks every page of the context before its own scripts run. */
export async function installHooks(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    // Playwright itself runs the test's functions (and its own) through eval, as function
    // expressions; a payload's eval is of statements. Only those are counted.
    const ours = (s: unknown): boolean =>
      typeof s === 'string' && /^\s*\(*\s*(?:async\b\s*)?(?:\(|function\b|[A-Za-z_$][\w$]*\s*=>)/.test(s);
    const w = window as unknown as Record<string, unknown> & { __fired: string[]; __violations: unknown[] };
    w.__fired = [];
    w.__violations = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      w[name] = (...args: unknown[]) => void w.__fired.push(`${name}(${args.map(String).join(',')})`);
    }
    // biome-ignore lint/security/noGlobalEval: the hook keeps the page's own eval to wrap it (this runs in Chromium, to record calls)
    const realEval = window.eval;
    w.eval = (s: unknown) => {
      if (!ours(s)) w.__fired.push(`eval(${String(s).slice(0, 80)})`);
      return realEval(String(s));
    };
    const RealFunction = window.Function;
    w.Function = (...args: string[]) => {
      if (!ours(args.join(','))) w.__fired.push(`Function(${args.join(',').slice(0, 80)})`);
      return RealFunction(...args);
    };
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        page: location.pathname + location.search,
      }),
    );
  });
}

export const drainFn = () => {
  const w = window as unknown as { __fired: string[]; __violations: Violation[] };
  return { fired: w.__fired.splice(0), violations: w.__violations.splice(0) };
};

/** The control: an injected inline handler the policy must block (and the hooks would catch). */
export const injectFn = () => document.body.insertAdjacentHTML('beforeend', '<img src="/x.png" onerror="alert(\'csp-control\')">');

/** Fires the events inline handlers listen for on everything in <main>, and clicks what is not a link, form or disclosure. */
export const provokeFn = () => {
  const kinds = [
    'mouseover',
    'mouseenter',
    'mousedown',
    'mouseup',
    'focus',
    'focusin',
    'blur',
    'input',
    'change',
    'toggle',
    'load',
    'error',
    'animationstart',
  ];
  for (const e of document.querySelectorAll('main *')) {
    for (const k of kinds) e.dispatchEvent(new Event(k, { bubbles: true }));
    if (!e.closest('a, area, form, summary')) (e as HTMLElement).click?.();
  }
};

export const linksFn = (els: Element[]) => els.map((e) => (e as HTMLAnchorElement).href);

/** Links that leave the site's own pages (odd schemes, other origins), with their index to click them. */
export const oddFn = (els: Element[], o: string) =>
  els
    .map((e, i) => ({ i, href: e.getAttribute('href') ?? '', abs: (e as HTMLAnchorElement).href }))
    .filter((x) => !x.abs.startsWith(`${o}/`));

export const drain = (pg: Page): Promise<{ fired: string[]; violations: Violation[] }> =>
  pg.evaluate(drainFn).catch(() => ({ fired: [] as string[], violations: [] as Violation[] }));

/**
 * Drains until `enough` holds of what was gathered, or `ms` pass. The controls wait on this, not on
 * a fixed pause: on a loaded machine an error event or a violation report can come late.
 */
export async function drainUntil(
  pg: Page,
  enough: (got: { fired: string[]; violations: Violation[] }) => boolean,
  ms = 5000,
): Promise<{ fired: string[]; violations: Violation[] }> {
  const got = { fired: [] as string[], violations: [] as Violation[] };
  const until = Date.now() + ms;
  for (;;) {
    const d = await drain(pg);
    got.fired.push(...d.fired);
    got.violations.push(...d.violations);
    if (enough(got) || Date.now() >= until) return got;
    await pg.waitForTimeout(50);
  }
}

/** A violation of our own making: our inline script, our stylesheet or another resource of ours blocked. */
export function ours(v: Violation, origin: string): boolean {
  if (v.blocked.startsWith(origin)) return true;
  return v.blocked === 'inline' && v.sample !== '' && LOCAL_TIME_JS.startsWith(v.sample.slice(0, 40));
}
