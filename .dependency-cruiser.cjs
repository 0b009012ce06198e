// The layers of src/, lowest first, and the rules that keep imports flowing one way (README,
// "How it is built"). Run by `npm run lint:layers` (part of `npm run lint` and of `npm test`).
//
// A folder may import its own files and folders of a LOWER rank only; folders of equal rank never
// import each other (web and api are siblings). With every edge pointing down, no two folders can
// import each other, directly or round a cycle. The named rules below say the same for the cases
// the architecture cares most about, with a message that explains why.
const LAYERS = [
  ['domain', 'config', 'log', 'metrics', 'threads', 'locale'], // shared types, process plumbing, UI catalogues
  ['text', 'sanitize'], // pure text and HTML functions
  ['search', 'topics', 'stories', 'ingest/fetch'], // pure modules; the guarded HTTP client
  ['ingest/parse', 'ingest/extract', 'ingest/opml'], // one format each
  ['ingest/listing'],
  ['ingest/sitemap'],
  ['ingest/discover'], // the `add` chain: tries every reader above
  ['store'], // the Store contract and its dialects
  ['alerts'], // outbox, webhooks, digests
  ['pipeline'], // the refresh recipe and its entry steps
  ['jobs', 'publish', 'auth'], // scheduler and re-tagging; feeds out; who is asking
  ['web', 'api'], // siblings: never each other
  ['server'], // composition root
  ['cli'], // the only importer of server
];

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const folder = (f) => `^src/${esc(f)}/`;

const rank = new Map();
LAYERS.forEach((fs, i) => fs.forEach((f) => rank.set(f, i)));

const layerRules = [];
for (const [f, r] of rank) {
  const higherOrEqual = [...rank].filter(([g, s]) => g !== f && s >= r).map(([g]) => folder(g));
  if (higherOrEqual.length === 0) continue;
  layerRules.push({
    name: `layer:${f}`,
    severity: 'error',
    comment: `src/${f} (layer ${r}) may only import folders of a lower layer; see LAYERS in .dependency-cruiser.cjs`,
    from: { path: folder(f) },
    to: { path: higherOrEqual },
  });
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other, directly or round a cycle, cannot be read or tested alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unknown-folder',
      severity: 'error',
      comment: 'Every file of src/ lives in a folder with a place in LAYERS; add a new folder there first.',
      from: { path: '^src/', pathNot: [...rank.keys()].map(folder) },
      to: {},
    },
    {
      name: 'pure-modules-stay-pure',
      severity: 'error',
      comment: 'Parsing, extraction, topics, search, text and the sanitiser are pure: no store, pipeline, jobs, web or api.',
      from: { path: ['^src/ingest/parse/', '^src/ingest/extract/', '^src/topics/', '^src/search/', '^src/text/', '^src/sanitize/', '^src/stories/'] },
      to: { path: ['^src/store/', '^src/pipeline/', '^src/jobs/', '^src/web/', '^src/api/'] },
    },
    {
      name: 'store-below-the-work',
      severity: 'error',
      comment: 'The store is a contract the work uses, never the other way round.',
      from: { path: '^src/store/' },
      to: { path: ['^src/pipeline/', '^src/jobs/', '^src/web/', '^src/api/'] },
    },
    {
      name: 'web-api-siblings',
      severity: 'error',
      comment: 'The site and the API are mounted side by side by src/server; what both need lives a layer down.',
      from: { path: '^src/(web|api)/' },
      to: { path: '^src/(web|api)/', pathNot: '^src/$1/' },
    },
    {
      name: 'readers-never-fetch',
      severity: 'error',
      comment: 'Pages and the API read the store; fetching is the pipeline\'s job.',
      from: { path: '^src/(web|api)/' },
      to: { path: '^src/ingest/fetch/' },
    },
    {
      name: 'server-is-the-root',
      severity: 'error',
      comment: 'src/server composes everything; only the CLI starts it.',
      from: { path: '^src/', pathNot: ['^src/server/', '^src/cli/'] },
      to: { path: '^src/server/' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', 'node_modules'] },
    tsPreCompilationDeps: true,
    // TypeScript 7 (the native compiler) has no JS API for dependency-cruiser; swc parses the
    // sources instead, type-only imports included.
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
