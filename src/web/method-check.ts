// 405 Method Not Allowed for a known address asked with a method none of its routes takes (a GET
// on a form's POST-only address, a DELETE on a page), with `Allow` naming those it does take; HEAD
// goes with GET. An address no route knows stays a 404, answered further on.
//
// The table is read from the application's own routes on the first request (every route is
// registered by then), so a route added later is covered without a list to keep. A request path
// is matched against the route patterns the way the router reads them (`:name` one segment,
// `*` the rest); when a pattern without parameters matches it, only such patterns decide, so
// `GET /desk/sources/preview` (a POST-only form address) is a 405 and not the page of a source
// named "preview" that a `GET /desk/sources/:id` would look for and not find.
import type { Context, MiddlewareHandler } from 'hono';

interface RoutePattern {
  re: RegExp;
  literal: boolean;
  methods: Set<string>;
}

/** The order `Allow` lists methods in. */
const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A route path of the router's syntax as a regular expression over a whole request path. */
function patternOf(path: string): { re: RegExp; literal: boolean } {
  let literal = true;
  const body = path
    .split('/')
    .map((seg) => {
      if (seg === '*') {
        literal = false;
        return '.*';
      }
      const param = /^:[A-Za-z0-9_]+(?:\{(.+)\})?(\?)?$/.exec(seg);
      if (param) {
        literal = false;
        return `(?:${param[1] ?? '[^/]+'})${param[2] ? '?' : ''}`;
      }
      return escapeRegExp(seg);
    })
    .join('/');
  return { re: new RegExp(`^${body}$`), literal };
}

/** Route patterns and their methods, from a router's route list (middleware, method ALL, left out). */
export function routeTable(routes: readonly { method: string; path: string }[], skip: (path: string) => boolean): RoutePattern[] {
  const byPath = new Map<string, Set<string>>();
  for (const r of routes) {
    if (r.method === 'ALL' || skip(r.path)) continue;
    const set = byPath.get(r.path) ?? new Set<string>();
    set.add(r.method.toUpperCase());
    if (r.method.toUpperCase() === 'GET') set.add('HEAD');
    byPath.set(r.path, set);
  }
  return [...byPath].map(([path, methods]) => ({ ...patternOf(path), methods }));
}

/** The methods the routes of `table` take at `path` (empty: no route knows the address). */
export function allowedMethods(table: readonly RoutePattern[], path: string): string[] {
  const matching = table.filter((p) => p.re.test(path));
  const literal = matching.filter((p) => p.literal);
  const set = new Set((literal.length ? literal : matching).flatMap((p) => [...p.methods]));
  return [...set].sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

/**
 * Answers 405 through `refuse` (with `Allow` set) when the request's address is known and its
 * method is not among those its routes take. `routes` is read once, at the first request.
 */
export function methodCheck(
  routes: () => readonly { method: string; path: string }[],
  skip: (path: string) => boolean,
  refuse: (c: Context, allow: readonly string[]) => Response | Promise<Response>,
): MiddlewareHandler {
  let table: RoutePattern[] | undefined;
  return async (c, next) => {
    if (skip(c.req.path)) return next();
    table ??= routeTable(routes(), skip);
    const allowed = allowedMethods(table, c.req.path);
    if (allowed.length === 0 || allowed.includes(c.req.method)) return next();
    const res = await refuse(c, allowed);
    res.headers.set('allow', allowed.join(', '));
    return res;
  };
}
