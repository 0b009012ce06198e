import { parseFeed } from './dist/src/parse/index.js';
import { generateCorpus } from './dist/bench/corpus/feeds.js';
const docs = generateCorpus(4e6, 7).filter(d => d.format !== 'json');
const sanitize = process.argv[2] !== 'raw';
for (let r = 0; r < 6; r++) for (const d of docs) parseFeed({ bytes: d.bytes }, { sanitize });
