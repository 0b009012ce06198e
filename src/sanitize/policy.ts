// What the sanitiser lets through. An allowlist: any element not named here is unwrapped (its tag
// dropped, its text kept) unless it is in DROP_WITH_CONTENT; any attribute not named is dropped.
// The element list covers news content (text structure, media, tables) after Python feedparser's
// acceptable elements, minus forms, scripting and foreign content.

/** Elements dropped together with everything inside them. */
export const DROP_WITH_CONTENT: ReadonlySet<string> = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'noframes', 'noembed',
  // object and applet are unwrapped instead: their children are the fallback content meant for
  // readers whose browser cannot run the plugin, which is every reader now.
  'embed', 'param',
  'input', 'button', 'select', 'option', 'optgroup', 'datalist', 'textarea', 'output', 'keygen',
  'meta', 'link', 'base', 'head', 'title',
  // Foreign content: SVG and MathML have their own parsing rules (the classic mXSS vectors) and
  // scriptable attributes of their own; news text loses almost nothing when they go.
  'svg', 'math',
  'portal', 'fencedframe', 'slot',
]);

/**
 * Attributes any allowed element may keep: presentational or descriptive, none holding a URL or
 * script, none naming the element (id/name/class are left out: they let content clobber DOM
 * lookups or pick up the host page's CSS).
 */
const GLOBAL_ATTRS = [
  'title', 'lang', 'dir', 'style', 'abbr', 'align', 'alt', 'axis', 'bgcolor', 'border', 'bordercolor',
  'cellpadding', 'cellspacing', 'char', 'charoff', 'clear', 'color', 'cols', 'colspan', 'compact',
  'coords', 'datetime', 'face', 'frame', 'headers', 'height', 'hreflang', 'hspace', 'label',
  'nowrap', 'noshade', 'rows', 'rowspan', 'rules', 'scope', 'shape', 'size', 'span', 'start',
  'summary', 'type', 'valign', 'value', 'vspace', 'width', 'media', 'high', 'low', 'min', 'max',
  'optimum', 'open', 'loop', 'default', 'hidden', 'translate',
  // Obsolete or form-state attributes: inert outside the form controls we drop, kept because
  // feeds carry them and feedparser's allowlist keeps them.
  'balance', 'bgproperties', 'bordercolordark', 'bordercolorlight', 'bottompadding', 'leftspacing',
  'rightspacing', 'toppadding', 'ch', 'choff', 'delay', 'end', 'gutter', 'loopcount', 'loopend',
  'loopstart', 'point-size', 'volume', 'wrap', 'variable', 'rev', 'galleryimg', 'hidefocus',
  'unselectable', 'repeat-max', 'repeat-min', 'replace', 'template', 'urn', 'suppress', 'pqg',
  'keytype', 'challenge', 'inputmode', 'pattern', 'maxlength', 'step', 'multiple', 'selected',
  'checked', 'disabled', 'readonly', 'required', 'prompt', 'radiogroup', 'for', 'charset', 'accept',
  'autocomplete', 'ismap', 'nohref', 'datapagesize',
];

/** Per-element attributes beyond the global ones. URL-valued ones are checked in url.ts. */
const ELEMENT_ATTRS: Record<string, readonly string[]> = {
  a: ['href', 'hreflang', 'type'],
  abbr: [], acronym: [], address: [], article: [], aside: [], b: [], bdi: [], bdo: [], big: [],
  blockquote: ['cite'], br: [], caption: ['align'], center: [], cite: [], code: [],
  col: ['span', 'width', 'align', 'valign'], colgroup: ['span', 'width', 'align', 'valign'],
  dd: [], del: ['cite', 'datetime'], details: ['open'], dfn: [], div: ['align'], dl: [], dt: [],
  em: [], figcaption: [], figure: [], font: ['color', 'face', 'size'], footer: [],
  h1: ['align'], h2: ['align'], h3: ['align'], h4: ['align'], h5: ['align'], h6: ['align'],
  header: [], hgroup: [], hr: ['align', 'noshade', 'size', 'width'], i: [],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'align', 'border', 'hspace', 'vspace'],
  ins: ['cite', 'datetime'], kbd: [], li: ['value', 'type'], main: [], mark: [],
  nav: [], ol: ['start', 'reversed', 'type'], p: ['align'], picture: [], pre: [], q: ['cite'],
  rp: [], rt: [], ruby: [], s: [], samp: [], section: [], small: [],
  source: ['src', 'srcset', 'sizes', 'type', 'media'], span: [], strike: [], strong: [], sub: [],
  summary: [], sup: [],
  table: ['align', 'border', 'cellpadding', 'cellspacing', 'summary', 'width', 'frame', 'rules'],
  tbody: ['align', 'valign'], td: ['colspan', 'rowspan', 'headers', 'abbr', 'align', 'valign', 'width', 'height', 'nowrap'],
  tfoot: ['align', 'valign'], th: ['colspan', 'rowspan', 'headers', 'abbr', 'scope', 'align', 'valign', 'width', 'height', 'nowrap'],
  thead: ['align', 'valign'], time: ['datetime'], tr: ['align', 'valign'], tt: [], u: [],
  ul: ['type'], var: [], wbr: [],
  area: ['href', 'alt', 'coords', 'shape'], map: [], menu: [], dir: [], fieldset: [], legend: [],
  label: [], meter: [], progress: [],
  audio: ['src', 'preload', 'loop', 'muted'],
  video: ['src', 'poster', 'width', 'height', 'preload', 'loop', 'muted', 'playsinline'],
  track: ['src', 'kind', 'srclang', 'label', 'default'],
};

/** Attributes whose value is a URL, and how strictly it is checked. */
export const URL_ATTRS: Readonly<Record<string, 'link' | 'media'>> = {
  href: 'link', cite: 'link', src: 'media', poster: 'media',
};

/** Elements written without an end tag. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'br', 'hr', 'img', 'source', 'track', 'wbr', 'col', 'area',
]);

/** Allowed attribute names per element (global ones included), built once. */
export const ALLOWED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(ELEMENT_ATTRS).map(([el, attrs]) => [el, new Set([...GLOBAL_ATTRS, ...attrs])]),
);

/** Deeper than this, tags are unwrapped (text kept): browsers flatten past ~512 levels anyway. */
export const MAX_DEPTH = 256;
