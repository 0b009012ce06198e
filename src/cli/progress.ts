// Progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise (CI, pipes,
// log files), so the output stays readable wherever it ends up. Labels (feed titles) pass through
// termText: only the bar's own redraw codes reach the terminal.
import { termText } from './terminal-text.js';

export interface Progress {
  /** One more item done; `label` names it (shown on the bar / in plain lines). */
  tick(label?: string): void;
  /** Ends the display with a final line. */
  done(message?: string): void;
}

export interface ProgressOptions {
  /** What is being counted ("feeds"). */
  noun?: string;
  stream?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
}

/** Whether to draw a bar: a terminal, and not CI (CI logs keep every \r frame). */
export function wantsBar(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI && !['0', 'false', ''].includes(env.CI.toLowerCase());
  return Boolean(stream.isTTY) && !ci && env.TERM !== 'dumb';
}

export function createProgress(title: string, total: number, o: ProgressOptions = {}): Progress {
  const stream = o.stream ?? process.stderr;
  const env = o.env ?? process.env;
  const noun = o.noun ?? 'items';
  let n = 0;
  if (wantsBar(stream, env)) {
    let lastDraw = 0;
    const draw = (label: string, force: boolean): void => {
      const now = Date.now();
      if (!force && now - lastDraw < 50) return;
      lastDraw = now;
      const cols = Math.max(40, stream.columns ?? 80);
      const width = Math.min(30, Math.max(10, cols - 50));
      const frac = total > 0 ? Math.min(1, n / total) : 1;
      const filled = Math.round(frac * width);
      const head = `${title} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${n}/${total} `;
      const room = Math.max(0, cols - head.length - 1);
      stream.write(`\r${head}${label.length > room ? `${label.slice(0, Math.max(0, room - 1))}…` : label}\x1b[K`);
    };
    draw('', true);
    return {
      tick(label = '') {
        n++;
        draw(termText(label), n === total);
      },
      done(message) {
        draw('', true);
        stream.write(`\r\x1b[K${message ?? `${title}: ${n}/${total} ${noun}`}\n`);
      },
    };
  }
  // Plain lines: every item for short lists, else about every 10%.
  const every = total <= 20 ? 1 : Math.ceil(total / 10);
  return {
    tick(label = '') {
      n++;
      if (n % every === 0 || n === total)
        stream.write(`${title}: ${n}/${total} ${noun}${label && every === 1 ? ` ${termText(label)}` : ''}\n`);
    },
    done(message) {
      stream.write(`${message ?? `${title}: done, ${n}/${total} ${noun}`}\n`);
    },
  };
}

/**
 * A display for work that reports how far it has got (done of total) rather than each item: it
 * starts at the first report, when the total is known, and ticks on to each report's count.
 */
export function progressOfReports(title: string, noun: string): { report(done: number, total: number): void; done(message: string): void } {
  let progress: Progress | undefined;
  let shown = 0;
  return {
    report(done, total) {
      progress ??= createProgress(title, total, { noun });
      for (; shown < Math.min(done, total); shown++) progress.tick();
    },
    done(message) {
      progress?.done(message);
    },
  };
}
