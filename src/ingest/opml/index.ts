// OPML subscription lists in and out.
export {
  readOpml,
  refusalOf,
  refusalNoteOf,
  OpmlError,
  noFeedsNote,
  OPML_NOTE_EN,
  opmlNoteEnglish,
  readOpmlNote,
  type OpmlDocument,
  type OpmlFeed,
  type OpmlNote,
  type OpmlNoteKey,
  type RefusedOutline,
} from './read-opml.js';
export { writeOpml, categoryOf } from './write-opml.js';
