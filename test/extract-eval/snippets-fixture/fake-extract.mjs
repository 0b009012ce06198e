#!/usr/bin/env node
// A stand-in for `newsdesk extract` in the scorer's tests: the text is what is inside <article>
// (block ends become blank lines), and a page without one is an error line, as the CLI prints.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--url') i++;
  else files.push(args[i]);
}
for (const path of files) {
  const m = /<article>([\s\S]*)<\/article>/.exec(readFileSync(path, 'utf8'));
  const text = m
    ? m[1]
        .replace(/<\/p>/g, '\n\n')
        .replace(/<[^>]+>/g, '')
        .trim()
    : null;
  console.log(JSON.stringify(text === null ? { path, error: 'no article' } : { path, title: 'T', text }));
}
