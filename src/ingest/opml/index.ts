// OPML subscription lists in and out.
export { readOpml, OpmlError, type OpmlDocument, type OpmlFeed } from './read-opml.js';
export { writeOpml, categoryOf } from './write-opml.js';
