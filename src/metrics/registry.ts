// A small Prometheus registry: counters, gauges and histograms with labels, rendered in the
// text exposition format (version 0.0.4). Other modules (the scheduler) register their own.

type Labels = Record<string, string>;

function labelKey(labels: Labels | undefined): string {
  if (!labels) return '';
  const keys = Object.keys(labels).sort();
  return keys.map((k) => `${k}="${labels[k]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',');
}

function fmt(name: string, key: string, value: number, extra?: string): string {
  const labels = [key, extra].filter(Boolean).join(',');
  return `${name}${labels ? `{${labels}}` : ''} ${Number.isFinite(value) ? value : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN'}`;
}

interface Metric {
  readonly name: string;
  render(): string[];
}

export class Counter implements Metric {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels?: Labels, by = 1): void {
    const k = labelKey(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  get(labels?: Labels): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) out.push(fmt(this.name, k, v));
    return out;
  }
}

export class Gauge implements Metric {
  private readonly values = new Map<string, number>();
  /** Called at scrape time to refresh values that are cheaper to read than to track. */
  collect?: () => void | Promise<void>;
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  set(value: number, labels?: Labels): void {
    this.values.set(labelKey(labels), value);
  }
  get(labels?: Labels): number | undefined {
    return this.values.get(labelKey(labels));
  }
  reset(): void {
    this.values.clear();
  }
  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const [k, v] of this.values) out.push(fmt(this.name, k, v));
    return out;
  }
}

export class Histogram implements Metric {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[],
  ) {}
  observe(value: number, labels?: Labels): void {
    const k = labelKey(labels);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }
  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      for (const [i, b] of this.buckets.entries()) out.push(fmt(`${this.name}_bucket`, k, s.counts[i]!, `le="${b}"`));
      out.push(fmt(`${this.name}_bucket`, k, s.count, 'le="+Inf"'));
      out.push(fmt(`${this.name}_sum`, k, s.sum));
      out.push(fmt(`${this.name}_count`, k, s.count));
    }
    return out;
  }
}

export class Registry {
  private readonly metrics = new Map<string, Metric>();

  private add<M extends Metric>(m: M): M {
    const old = this.metrics.get(m.name);
    if (old) return old as M;
    this.metrics.set(m.name, m);
    return m;
  }
  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }
  gauge(name: string, help: string): Gauge {
    return this.add(new Gauge(name, help));
  }
  histogram(name: string, help: string, buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]): Histogram {
    return this.add(new Histogram(name, help, buckets));
  }

  private readonly included: Array<() => Promise<string>> = [];

  /**
   * Adds metrics rendered elsewhere (another thread's registry) to this one's output. Families
   * this registry has itself win: a name appears once, as Prometheus requires.
   */
  include(source: () => Promise<string>): void {
    this.included.push(source);
  }

  async render(): Promise<string> {
    const lines: string[] = [];
    for (const m of this.metrics.values()) {
      if (m instanceof Gauge && m.collect) await m.collect();
      lines.push(...m.render());
    }
    for (const source of this.included) {
      let text: string;
      try {
        text = await source();
      } catch {
        // The other side is gone (a stopped thread): its metrics are simply absent.
        continue;
      }
      for (const line of text.split('\n')) {
        if (line === '') continue;
        // A sample's family is its name without a histogram's suffixes; comments name it directly.
        const name = line.startsWith('# ') ? (line.split(' ')[2] ?? '') : (/^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0] ?? '');
        const family = this.metrics.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
        if (!this.metrics.has(family)) lines.push(line);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
