// Renders sanitised HTML fragments on one article page in headless Chromium and reports anything
// that ran or reached out: alert/confirm/prompt/print are hooked before any page script, dialogs
// are watched, requests to hosts other than our own 127.0.0.1 server are recorded (and aborted, so
// nothing leaves the machine), and requests for /evil* on our server are recorded too. Every
// element gets the events inline handlers listen for, and the real mouse sweeps the page.
// Shared by test/sanitize/browser.test.ts and scripts/sanitize-fixtures.ts.

import { createServer, type RequestListener, type Server } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { escapeText } from '../../src/sanitize/escape.js';

export const CHROMIUM = '/usr/bin/chromium';

export interface Fragment {
  name: string;
  html: string;
}

export interface BrowserReport {
  /** Set when the browser could not be used: the run proves nothing. */
  skipped?: string;
  /** Hooked calls and dialogs seen on the article page. */
  fired: string[];
  /** Requests to any host but our server. */
  foreign: string[];
  /** Requests for /evil* resources on our server (payloads name their active resources so). */
  activeServed: string[];
  /** Scriptable elements found in the rendered DOM. */
  scriptable: number;
  /** Sections rendered (one per fragment). */
  sections: number;
  /** What the control page (an unsanitised onerror) fired: must be non-empty for the run to mean anything. */
  control: string[];
  /** href of the first rel=noopener link, to show links were rewritten against the base. */
  firstLinkHref: string | null;
  origin: string;
}

async function listen(handler: RequestListener): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

function articlePage(intro: string, fragments: readonly Fragment[], bodies: readonly string[]): string {
  const sections = fragments
    .map((f, i) => `<section><h2>${escapeText(String(f.name))}</h2><div class="body">${bodies[i]}</div></section>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>sanitiser check</title>
<style>body{font:14px sans-serif;margin:1em;max-width:60em} section{border-top:1px solid #ccc;padding:.2em 0;overflow:hidden;max-height:20em} h2{font-size:12px;color:#666;margin:0}</style>
</head><body><article>${intro}${sections}</article></body></html>`;
}

/**
 * Sanitises each fragment with `sanitize(html, base)` (base is our server's article URL), renders
 * them all and reports. `screenshot` is a path for a PNG of the top of the page.
 */
export async function renderAndWatch(
  fragments: readonly Fragment[],
  sanitize: (html: string, base: string) => string,
  screenshot?: string,
): Promise<BrowserReport> {
  const report: BrowserReport = {
    fired: [],
    foreign: [],
    activeServed: [],
    scriptable: 0,
    sections: 0,
    control: [],
    firstLinkHref: null,
    origin: '',
  };
  if (!existsSync(CHROMIUM)) {
    report.skipped = `${CHROMIUM} not found: install it with 'apt-get install -y chromium'`;
    return report;
  }
  const { chromium } = await import('playwright-core');
  let html = '';
  const { server, origin } = await listen((req, res) => {
    const url = req.url ?? '';
    if (/evil/i.test(url)) report.activeServed.push(url);
    if (url === '/control/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><p>control</p><img src="/missing.png" onerror="alert(\'control\')">');
    } else if (url === '/article/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  report.origin = origin;
  const base = `${origin}/article/`;
  const intro = sanitize(
    '<h1>Sanitiser browser check</h1><p>Normal <b>bold</b>, <a href="/next">a link</a>, a list:</p><ul><li>one</li><li>two</li></ul>',
    base,
  );
  html = articlePage(
    intro,
    fragments,
    fragments.map((f) => sanitize(f.html, base)),
  );

  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  } catch (err) {
    server.close();
    report.skipped = `chromium could not launch: ${(err as Error).message.split('\n')[0]}`;
    return report;
  }
  try {
    const ctx = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
    await ctx.route(
      (url) => !url.href.startsWith(origin + '/'),
      (route) => {
        report.foreign.push(route.request().url());
        void route.abort();
      },
    );
    await ctx.addInitScript(() => {
      const w = window as unknown as Record<string, unknown> & { __fired: string[] };
      w.__fired = [];
      for (const name of ['alert', 'confirm', 'prompt', 'print']) {
        w[name] = (...args: unknown[]) => {
          w.__fired.push(`${name}(${args.map(String).join(',')})`);
        };
      }
    });
    const pg = await ctx.newPage();
    pg.on('dialog', (d) => {
      report.fired.push(`dialog ${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    pg.on('popup', (p) => report.fired.push(`popup ${p.url()}`));
    await pg.goto(base, { waitUntil: 'load' });
    // Synthetic events run inline handlers just as real ones do; links are not clicked (that
    // would navigate away), everything else is.
    await pg.evaluate(() => {
      const kinds = [
        'mouseover',
        'mouseenter',
        'mousemove',
        'mousedown',
        'mouseup',
        'pointerover',
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
      for (const e of document.querySelectorAll('article *')) {
        (e as HTMLElement).focus?.();
        for (const k of kinds) e.dispatchEvent(new Event(k, { bubbles: true }));
        if (!e.closest('a, area')) (e as HTMLElement).click?.();
      }
    });
    for (let y = 0; y < 1400; y += 20) await pg.mouse.move(500, y);
    await pg.waitForLoadState('networkidle');
    if (pg.url() !== base) report.fired.push(`navigated to ${pg.url()}`);
    await pg.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    if (screenshot) {
      mkdirSync(dirname(screenshot), { recursive: true });
      await pg.screenshot({ path: screenshot });
    }
    report.fired.push(...(await pg.evaluate(() => (window as unknown as { __fired: string[] }).__fired)));
    report.scriptable = await pg.$$eval(
      'script, iframe:not([sandbox]), object, embed, form, svg, math, base, meta[http-equiv], [srcdoc]',
      (els) => els.length,
    );
    report.sections = await pg.locator('section').count();
    const link = await pg.$('article a[rel="noopener noreferrer"]');
    report.firstLinkHref = link ? await link.getAttribute('href') : null;

    const control = await ctx.newPage();
    await control.goto(`${origin}/control/`, { waitUntil: 'load' });
    await control
      .waitForFunction(() => (window as unknown as { __fired: string[] }).__fired.length > 0, null, { timeout: 10_000 })
      .catch(() => undefined);
    report.control = await control.evaluate(() => (window as unknown as { __fired: string[] }).__fired);
  } finally {
    await browser.close();
    server.close();
  }
  return report;
}
