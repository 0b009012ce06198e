// The desk forms that take more than the server's general request-body cap (64 KiB by default:
// every other form is a few fields). An OPML upload and a topic's text are documents an editor
// brings; each route checks its own size and says so in the editor's language, so the server's cap
// (src/server/request-body-limit.ts), which answers before any route with a bare status, must let
// these two through up to what the route itself accepts.

/** The largest OPML file the desk imports. */
export const OPML_MAX_BYTES = 1 << 20;
/** The multipart envelope around the file (boundaries, the CSRF field, the file's name). */
export const OPML_ENVELOPE_BYTES = 16_384;
/** The longest topic text the editor keeps. */
export const TOPIC_SOURCE_MAX = 200_000;
/**
 * The topic form's body: the text URL-encoded (at most nine bytes a character: `%XX` for each of
 * its three UTF-8 bytes) and a few short fields. Any text of at most TOPIC_SOURCE_MAX characters
 * fits, so a longer one reaches the editor, which says it is too long.
 */
export const TOPIC_FORM_MAX_BYTES = 9 * TOPIC_SOURCE_MAX + 16_384;

export const OPML_UPLOAD_PATH = '/desk/sources/opml';

/** The body size a desk POST to `path` may reach, when more than the general cap; undefined for every other request. */
export function deskBodyAllowance(method: string, path: string): number | undefined {
  if (method !== 'POST') return undefined;
  if (path === OPML_UPLOAD_PATH) return OPML_MAX_BYTES + OPML_ENVELOPE_BYTES;
  if (path === '/desk/topics/save') return TOPIC_FORM_MAX_BYTES;
  return undefined;
}

/**
 * Whether the route refuses a declared body over its size itself (before reading a byte, with a
 * page in the editor's language): the OPML upload does, so a file too large is told so there.
 */
export function deskJudgesDeclaredLength(method: string, path: string): boolean {
  return method === 'POST' && path === OPML_UPLOAD_PATH;
}
