// An id as written in an address or a filter: decimal digits without leading zeros, at most 15
// (below 2^53, so the number is exact). `01`, `+1`, `1.0`, ` 1`, `0x1`, `1e0` and digits of other
// scripts (Arabic-Indic ١, Persian ۱, full-width １) name nothing. Leading zeros were the one
// spelling that still named a row: `/api/v1/sources/01` answered source 1, so one resource had
// many addresses (each its own cache entry and ETag key for clients and proxies), and a client
// that built `01` by mistake read or deleted a source it did not name (p-api3).

const CANONICAL = /^(?:0|[1-9][0-9]{0,14})$/;

/** The id `s` names, or undefined when `s` is not one written canonically. */
export function canonicalId(s: string | undefined): number | undefined {
  return s !== undefined && CANONICAL.test(s) ? Number(s) : undefined;
}
