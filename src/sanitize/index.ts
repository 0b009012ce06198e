// The one HTML sanitiser every path shares (feeds, extracted articles, listing pages).
export { sanitizeHtml, type SanitizeOptions } from './sanitizer.js';
