// The one HTML sanitiser every path shares (feeds, extracted articles, listing pages).
export { sanitizeEvents, sanitizeHtml, type MarkupEvents, type SanitizeOptions } from './sanitizer.js';
