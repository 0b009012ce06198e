// The language of an entry whose item and feed name none, identified from its own text with the
// `eld` library (Nito-ELD, Apache-2.0; n-gram scores for 60 languages, Arabic, Persian and Urdu
// apart). Only undeclared entries are guessed: a declared language is never overridden. A wrong
// language hides an entry from the right language filter and puts it on the wrong story line,
// which is worse than none, so the guess abstains (null) when the text is short or two languages
// score alike. Measured on the repository's corpora in docs/desk.md (p-langid).
import type { Worker } from 'node:worker_threads';
import type { NewEntry } from '../domain/entry.js';
import { spawnModuleWorker } from '../threads/spawn-worker.js';
import { languageTag } from './language-tag.js';
import { textDirection } from './text-direction.js';

/**
 * Text read: the headline and the lead of the body say the language as well as the whole, and a
 * megabyte article must cost no more than a short one.
 */
export const DETECT_CHARS = 1000;
/**
 * Fewer letters than this (about two short words) and n-grams of neighbouring languages fit alike;
 * scripts whose characters are words (Han, kana, Hangul) say more per character.
 */
const MIN_LETTERS = 12;
const MIN_IDEOGRAPHS = 4;
/**
 * The winner must lead the runner-up by this much of eld's 0–1 score. eld's own `isReliable()`
 * passes "Hotel Restaurant Taxi" as Tagalog 0.727 over English 0.723; a single shared word in
 * Arabic script ("بغداد") scores Arabic, Urdu and Persian within 0.01.
 */
const MIN_MARGIN = 0.03;

/** What eld's detector answers (its `detect`), so the policy is testable without the model. */
export interface LanguageScorer {
  detect(text: string): { language: string; getScores(): Record<string, number>; isReliable(): boolean };
}

const LETTER = /\p{L}/gu;
const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** The BCP 47 primary tag `scorer` finds in the lead of `text`, or null when unsure. */
export function guessLanguage(scorer: LanguageScorer, text: string): string | null {
  const lead = text.slice(0, DETECT_CHARS);
  const letters = lead.match(LETTER)?.length ?? 0;
  const ideographs = lead.match(IDEOGRAPH)?.length ?? 0;
  if (letters < MIN_LETTERS && ideographs < MIN_IDEOGRAPHS) return null;
  const r = scorer.detect(lead);
  if (!r.language || !r.isReliable()) return null;
  const [first = 0, second = 0] = Object.values(r.getScores()).sort((a, b) => b - a);
  if (first - second < MIN_MARGIN) return null;
  return languageTag(r.language);
}

let loading: Promise<LanguageScorer> | undefined;

/**
 * The model in this thread, loaded on first use: most feeds declare their language, and the
 * n-gram tables cost about 150 MB and half a second to load. "small" is eld's smallest database
 * but one; "large" is a little more accurate on headlines for about 400 MB (docs/desk.md,
 * p-langid). The pipeline asks `languageGuesser()`, which loads it on a thread of its own.
 */
export function languageScorer(): Promise<LanguageScorer> {
  loading ??= import('eld/small').then((m) => m.eld);
  return loading;
}

/**
 * The text an entry's language is guessed from: its headline, then its body, cut to what the
 * guess reads (DETECT_CHARS), so no more than that is copied to the worker thread.
 */
export function entryLanguageText(title: string, text: string): string {
  return `${title.slice(0, DETECT_CHARS)}\n${text.slice(0, DETECT_CHARS)}`.slice(0, DETECT_CHARS);
}

/** Guesses languages (guessLanguage's policy) for texts: what the pipeline asks. */
export interface LanguageGuesser {
  /**
   * The primary tag of each text, or null when unsure; the model is loaded at the first call.
   * Rejects when `signal` fires first (the guess is given up, not the model).
   */
  guess(texts: readonly string[], signal?: AbortSignal): Promise<(string | null)[]>;
}

/** A guesser over a scorer in this thread, loaded by `load` at the first texts (none asked: none loaded). */
export function scorerGuesser(load: () => Promise<LanguageScorer>): LanguageGuesser {
  return {
    async guess(texts) {
      if (texts.length === 0) return [];
      const scorer = await load();
      return texts.map((t) => guessLanguage(scorer, t));
    },
  };
}

/** Room for the worker's heap: the "small" tables take about 150 MB of it. */
const WORKER_HEAP_MB = 512;
/**
 * A worker holding guesses that answers none for this long is stuck (a text the model loops on, a
 * thread that never starts): it is ended and its guesses fail, so a check never waits for ever.
 * The first answer includes the model's load (0.5 s quiet, 2–3 s on a loaded machine).
 */
const STALL_MS = 60_000;
const WORKER_URL = new URL(`./language-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

interface WorkerReply {
  id: number;
  ok: boolean;
  langs?: (string | null)[];
  error?: string;
  threadId?: number;
}

/** Where and how the language worker runs (tests: a worker that hangs, crashes or runs out of memory). */
export interface WorkerGuesserOptions {
  /** The worker's module (default: language-worker.ts). */
  workerUrl?: URL;
  /** Its heap cap in MB (default 512). */
  heapMb?: number;
  /** How long a worker holding guesses may answer none before it is ended (default 60 s). */
  stallMs?: number;
}

/**
 * The model on a worker thread of its own, started at the first texts asked and kept for the
 * process: its load (a few hundred milliseconds of synchronous work) stalls that thread, not the
 * event loop that checks feeds and renews leases (docs/desk.md, p-langid2). Idle, it holds the
 * process open no more than the parse pool's workers do. A worker that fails or exits fails the
 * guesses it held, and so does one that answers none for `stallMs` (it is ended); the next guess
 * starts a new one. A guess given up by its signal no longer holds the process open.
 */
export class WorkerLanguageGuesser implements LanguageGuesser {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: (string | null)[]) => void; reject: (e: Error) => void }>();
  private stall: NodeJS.Timeout | undefined;
  private readonly workerUrl: URL;
  private readonly heapMb: number;
  private readonly stallMs: number;
  /** The thread the model was loaded and the last guess made on (undefined before the first). */
  threadId: number | undefined;
  /** Worker threads started so far (one unless a worker failed, was stuck or was closed). */
  started = 0;

  constructor(o: WorkerGuesserOptions = {}) {
    this.workerUrl = o.workerUrl ?? WORKER_URL;
    this.heapMb = o.heapMb ?? WORKER_HEAP_MB;
    this.stallMs = o.stallMs ?? STALL_MS;
  }

  /** Guesses waiting for an answer. */
  get held(): number {
    return this.pending.size;
  }

  guess(texts: readonly string[], signal?: AbortSignal): Promise<(string | null)[]> {
    if (texts.length === 0) return Promise.resolve([]);
    if (signal?.aborted) return Promise.reject(stopped(signal));
    const worker = this.spawn();
    const id = this.nextId++;
    return new Promise<(string | null)[]>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.pending.delete(id)) return;
        this.settled(worker);
        reject(stopped(signal!));
      };
      const done = (): void => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      if (this.pending.size === 1) this.watch(worker);
      worker.ref();
      worker.postMessage({ id, texts });
    });
  }

  /** (Re)starts the stall watch: the worker must answer something within stallMs. */
  private watch(worker: Worker): void {
    clearTimeout(this.stall);
    this.stall = setTimeout(
      () => this.fail(worker, new Error(`language worker answered nothing for ${this.stallMs} ms; ended`)),
      this.stallMs,
    );
    this.stall.unref();
  }

  /** After a guess left the queue: an idle worker neither holds the process open nor is watched. */
  private settled(worker: Worker): void {
    if (this.worker !== worker || this.pending.size > 0) return;
    clearTimeout(this.stall);
    this.stall = undefined;
    worker.unref();
  }

  private fail(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    clearTimeout(this.stall);
    this.stall = undefined;
    const held = [...this.pending.values()];
    this.pending.clear();
    for (const p of held) p.reject(err);
    void worker.terminate();
  }

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnModuleWorker(this.workerUrl, this.heapMb);
    this.worker = worker;
    this.started++;
    worker.on('message', (m: WorkerReply) => {
      if (this.worker !== worker) return;
      // Any answer is progress: the watch restarts for the guesses still held.
      if (this.pending.size > 0) this.watch(worker);
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      this.settled(worker);
      if (!p) return;
      if (m.threadId !== undefined) this.threadId = m.threadId;
      if (m.ok && m.langs) p.resolve(m.langs);
      else p.reject(new Error(`language guess failed: ${m.error ?? 'no answer'}`));
    });
    worker.on('error', (err) => this.fail(worker, err instanceof Error ? err : new Error(String(err))));
    worker.on('exit', (code) => this.fail(worker, new Error(`language worker exited (code ${code})`)));
    return worker;
  }

  /** Ends the worker, failing the guesses it held (the next guess starts another). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    clearTimeout(this.stall);
    this.stall = undefined;
    const held = [...this.pending.values()];
    this.pending.clear();
    for (const p of held) p.reject(new Error('language guess stopped: the worker was closed'));
    if (w) await w.terminate();
  }
}

function stopped(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('language guess stopped');
}

let shared: WorkerLanguageGuesser | undefined;

/** The process's guesser: one worker thread, started at the first texts asked. */
export function languageGuesser(): WorkerLanguageGuesser {
  shared ??= new WorkerLanguageGuesser();
  return shared;
}

/**
 * `items` with a guessed language where they declare none (same array, entries changed in place;
 * the direction follows the language). Only the items `only` marks (same indices; all when
 * absent) are guessed: the pipeline passes the items its save will insert. Nothing is loaded when
 * no item needs a guess.
 */
export async function withGuessedLanguages(
  items: NewEntry[],
  guesser: LanguageGuesser = languageGuesser(),
  only?: readonly boolean[],
  signal?: AbortSignal,
): Promise<NewEntry[]> {
  const wanted = items.filter((e, i) => e.lang === null && (only === undefined || only[i] === true));
  if (wanted.length === 0) return items;
  const langs = await untilAborted(
    guesser.guess(
      wanted.map((e) => entryLanguageText(e.title, e.text)),
      signal,
    ),
    signal,
  );
  wanted.forEach((e, i) => {
    const lang = langs[i] ?? null;
    if (lang === null) return;
    e.lang = lang;
    e.langGuessed = true;
    e.dir = textDirection(lang, e.title, e.text.slice(0, DETECT_CHARS));
  });
  return items;
}

/** `job`, or the signal's rejection as soon as it fires (for a guesser that does not listen). */
function untilAborted<T>(job: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return job;
  if (signal.aborted) {
    job.catch(() => undefined);
    return Promise.reject(stopped(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(stopped(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    job.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
