// What the search fold costs an entry when it is saved (the index triggers on SQLite, the
// generated search_vector on PostgreSQL), by kind of text: Latin, Arabic, CJK with full-width
// digits and punctuation, and Arabic typed in presentation forms (fold version 2, p-fold2,
// docs/security.md "Search fold, second version"). Entries of about 2.2 kB, saved in batches
// of 50 through saveBatch; each kind runs in a fresh store (a temporary file or schema). From
// fold version 3 (p-search3) also Russian text (every word holds a Cyrillic letter, so the
// reading scans it) and social posts (hashtags, mathematical letters, look-alikes, broken words).
//   nice -n 10 node dist/bench/search-fold-save.js [--entries 1000] [--pg postgres://…/db] [--kinds latin,social]
// Run the same file on the build before the fold to compare (it uses nothing version 2 adds).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSearch } from '../src/search/query.js';
import { PostgresStore } from '../src/store/postgres/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { NewEntry } from '../src/domain/entry.js';
import type { Store } from '../src/store/store.js';
import { option } from './lib/args.js';
import { rng } from './lib/rng.js';

const TEXT_CHARS = 2_200;
const BATCH = 50;
const QUERIES = 200;

const LATIN = 'the camp water report minister said people city government police week year news talks'.split(' ');
const ARABIC = 'قال الرئيس إيران المدرسة الحكومة مدينة الشرطة الأسبوع العام أخبار محادثات المياه'.split(' ');
const CJK = '政府 会议 报告 城市 警察 今年 新闻 谈判 水 部长 人民 发展'.split(' ');
const CYRILLIC = 'министр правительство город полиция неделя новости переговоры вода люди доклад'.split(' ');
/** Social posts (fold version 3, p-search3): hashtags, mathematical letters, a look-alike, soft and line-end hyphens. */
const SOCIAL = ['#FreeIran2026', '#StopMEK', '𝐌𝐄𝐊', 'ⓂⒺⓀ', 'M\u0415K', 'Moja\u00adhedin', 'Mojahe-\ndin', ...LATIN];

/** Arabic letters back to an isolated presentation form (the first of FE70–FEFF whose NFKD is the letter). */
const FORM = new Map<string, string>();
for (let cp = 0xfe70; cp <= 0xfeff; cp++) {
  const c = String.fromCodePoint(cp);
  const to = c.normalize('NFKD');
  if (to !== c && [...to].length === 1 && !FORM.has(to)) FORM.set(to, c);
}
const inForms = (s: string): string => Array.from(s, (c) => FORM.get(c) ?? c).join('');

function text(kind: string, r: () => number): string {
  const pick = (list: string[]) => list[Math.floor(r() * list.length)]!;
  let out = '';
  while (out.length < TEXT_CHARS) {
    if (kind === 'latin') out += `${pick(LATIN)} `;
    else if (kind === 'arabic') out += `${pick(ARABIC)} `;
    else if (kind === 'forms') out += `${inForms(pick(ARABIC))} `;
    else if (kind === 'cyrillic') out += `${pick(CYRILLIC)} `;
    else if (kind === 'social') out += `${pick(SOCIAL)} `;
    else out += `${pick(CJK)}${r() < 0.2 ? `２０${Math.floor(r() * 10)}６年` : ''}${r() < 0.3 ? '，' : ''}`;
  }
  return out.slice(0, TEXT_CHARS);
}

async function open(pgUrl: string, kind: string): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (pgUrl) {
    const schema = `fold_bench_${kind}_${process.pid}`;
    const store = await PostgresStore.open({ url: pgUrl, schema });
    return {
      store,
      drop: async () => {
        await store.pool.query(`DROP SCHEMA ${schema} CASCADE`);
        await store.close();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'fold-bench-'));
  const store = await SqliteStore.open({ path: join(dir, 'b.db') });
  return {
    store,
    drop: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const n = Number(option('--entries', '1000'));
  const pgUrl = option('--pg', '');
  const kinds = option('--kinds', 'latin,arabic,cjk,forms,cyrillic,social').split(',');
  for (const kind of kinds) {
    const { store, drop } = await open(pgUrl, kind);
    try {
      const src = (await store.sources.add({ url: 'https://bench.example/feed' })).source.id;
      const r = rng(11);
      const entries: NewEntry[] = Array.from({ length: n }, (_, i) => {
        const body = text(kind, r);
        return {
          dedupeKey: `k${i}`,
          fingerprint: `f${i}`,
          url: `https://bench.example/${i}`,
          title: body.slice(0, 80),
          author: null,
          contentHtml: `<p>${body}</p>`,
          text: body,
          lang: kind === 'latin' || kind === 'social' ? 'en' : kind === 'cjk' ? 'zh' : kind === 'cyrillic' ? 'ru' : 'ar',
          dir: kind === 'arabic' || kind === 'forms' ? 'rtl' : 'ltr',
          publishedAt: Date.UTC(2026, 11, 1) - i * 60_000,
          updatedAt: null,
        };
      });
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i += BATCH) await store.entries.saveBatch(src, entries.slice(i, i + BATCH));
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = process.cpuUsage(c0);
      // And what a query costs (PostgreSQL folds every query word through newsdesk_fold): one word
      // of the kind's list, QUERIES times.
      const words =
        kind === 'latin'
          ? LATIN
          : kind === 'cjk'
            ? CJK
            : kind === 'cyrillic'
              ? CYRILLIC
              : kind === 'social'
                ? ['free iran', 'mek', 'mojahedin']
                : ARABIC;
      const q0 = process.hrtime.bigint();
      for (let i = 0; i < QUERIES; i++) {
        await store.search.search({ ast: parseSearch(words[i % words.length]!).ast, limit: 20 });
      }
      const qms = Number(process.hrtime.bigint() - q0) / 1e6 / QUERIES;
      console.log(
        `${pgUrl ? 'postgres' : 'sqlite'} ${kind.padEnd(6)} ${n} entries: save ${(ms / 1000).toFixed(2)} s, ${(ms / n).toFixed(3)} ms/entry wall, ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms/entry CPU of this process | search ${qms.toFixed(2)} ms/query`,
      );
    } finally {
      await drop();
    }
  }
}

await main();
