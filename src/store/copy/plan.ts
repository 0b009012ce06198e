// What a copy will do, worked out from the two schemas alone: which tables, which columns (and
// as what kind), in which order. Nothing here names a Newsdesk table.
import { CopyError, type ColumnInfo, type TableInfo } from './types.js';
import { commonKind } from './values.js';

export interface TablePlan {
  source: TableInfo;
  target: TableInfo;
  /** Columns written and compared: the source's stored columns, with the kind both sides are compared as. */
  columns: ColumnInfo[];
}

/**
 * Pairs every source table with the target's table of the same name. Both stores are at the
 * current migration level, so a table or column missing on one side means the schemas differ in a
 * way a copy cannot bridge: that is an error, never a silently dropped column.
 */
export function planTables(
  source: { dialect: string; tables: TableInfo[] },
  target: { dialect: string; tables: TableInfo[] },
): TablePlan[] {
  const byName = new Map(target.tables.map((t) => [t.name, t]));
  const problems: string[] = [];
  const plans: TablePlan[] = [];
  for (const s of source.tables) {
    const t = byName.get(s.name);
    if (!t) {
      problems.push(`table ${s.name} is in the source but not in the target`);
      continue;
    }
    const columns: ColumnInfo[] = [];
    for (const c of s.columns) {
      if (c.generated) continue;
      const tc = t.columns.find((x) => x.name === c.name);
      if (!tc) problems.push(`column ${s.name}.${c.name} is in the source but not in the target`);
      else if (tc.generated) problems.push(`column ${s.name}.${c.name} is computed by the target; it cannot be copied into`);
      else
        columns.push({
          name: c.name,
          declared: tc.declared,
          generated: false,
          kind: commonKind({ dialect: source.dialect, kind: c.kind }, { dialect: target.dialect, kind: tc.kind }),
        });
    }
    plans.push({ source: s, target: t, columns });
  }
  if (problems.length > 0) {
    throw new CopyError(`the source and target schemas differ, so nothing was copied:\n  ${problems.join('\n  ')}`);
  }
  return inDependencyOrder(plans);
}

/**
 * Tables referenced by foreign keys come before the tables that reference them, so a target that
 * enforces the keys accepts every batch. A cycle (which no Newsdesk migration makes) keeps the
 * remaining tables in name order.
 */
export function inDependencyOrder(plans: TablePlan[]): TablePlan[] {
  const names = new Set(plans.map((p) => p.source.name));
  const placed = new Set<string>();
  const out: TablePlan[] = [];
  let rest = [...plans].sort((a, b) => (a.source.name < b.source.name ? -1 : 1));
  while (rest.length > 0) {
    const ready = rest.filter((p) => p.source.references.every((r) => !names.has(r) || placed.has(r)));
    const next = ready.length > 0 ? ready : [rest[0]!];
    for (const p of next) {
      placed.add(p.source.name);
      out.push(p);
    }
    rest = rest.filter((p) => !placed.has(p.source.name));
  }
  return out;
}
