// OPML subscription lists in and out.
export { readOpml, refusalOf, OpmlError, type OpmlDocument, type OpmlFeed, type RefusedOutline } from './read-opml.js';
export { writeOpml, categoryOf } from './write-opml.js';
