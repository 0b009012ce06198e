// linkedom's EventTarget constructor gives every node it creates an entry in one process-wide
// WeakMap — the node's table of event listeners, made eagerly, empty for life on a parsed page.
// Extraction never listens to events, and those entries were its largest cost: a WeakMap entry is
// an ephemeron, which every collection of the young generation has to trace and sweep, and a
// page is tens of thousands of nodes. Profiled on the 128 real pages (`node --cpu-prof`), the
// constructor was 18% of our self time and the garbage collector another 20%; without the
// entries a page took 11 ms instead of 18–21 ms (CPU, in process). See README "Speed".
//
// While `withoutListenerEntries(fn)` runs (synchronously), the registry's `set` skips the entry;
// a node made then gets it from `addEventListener` the first time a listener is added, and
// `removeEventListener` on a node that never had one does nothing — what linkedom does for a node
// with an empty table. So the DOM behaves as before for anyone who uses events; it only stops
// paying for tables nobody fills. Outside `fn` (Readability on linkedom in the bench, anyone
// else in the process) nothing changes but one call through the registry's own `set`.
//
// The registry is private to linkedom's module: it is found once, by watching which WeakMap
// `new EventTarget()` writes to, and checked. On a linkedom where any of this does not hold
// (another version's layout), nothing is changed and `fn` just runs.
import { EventTarget as LinkedomEventTarget, parseHTML } from 'linkedom';

type Registry = WeakMap<object, unknown>;
type Listening = (this: object, ...args: unknown[]) => unknown;

// undefined: not tried yet; null: tried, this linkedom is not what we expect.
let registry: Registry | null | undefined;
let skipping = false;

/** The registry, tuned on first use; null on a linkedom of another layout. */
function tunedRegistry(): Registry | null {
  if (registry === undefined) registry = install();
  return registry;
}

/** Runs `fn` (synchronous) with linkedom's per-node listener tables made only when used. */
export function withoutListenerEntries<T>(fn: () => T): T {
  if (tunedRegistry() === null || skipping) return fn();
  skipping = true;
  try {
    return fn();
  } finally {
    skipping = false;
  }
}

/** Whether the tuning is in place (false on a linkedom of another layout): for tests. */
export function listenerEntriesTuned(): boolean {
  return tunedRegistry() !== null;
}

/** Whether linkedom holds a listener table for `node`: for tests. */
export function hasListenerEntry(node: object): boolean {
  return registry ? registry.has(node) : true;
}

function install(): Registry | null {
  const found = findRegistry();
  if (!found) return null;
  const proto = LinkedomEventTarget.prototype as unknown as Record<string, unknown>;
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  if (typeof add !== 'function' || typeof remove !== 'function') return null;
  const setEntry = WeakMap.prototype.set;
  // Only the constructor writes to the registry; the listener methods read it.
  Object.defineProperty(found, 'set', {
    configurable: true,
    writable: true,
    value(this: Registry, key: object, value: unknown): Registry {
      return skipping ? this : setEntry.call(this, key, value);
    },
  });
  proto.addEventListener = function (this: object, ...args: unknown[]): unknown {
    if (!found.has(this)) setEntry.call(found, this, new Map());
    return (add as Listening).apply(this, args);
  };
  proto.removeEventListener = function (this: object, ...args: unknown[]): unknown {
    return found.has(this) ? (remove as Listening).apply(this, args) : undefined;
  };
  return found;
}

/** linkedom's listener registry: the WeakMap `new EventTarget()` registers into, if it is one. */
function findRegistry(): Registry | null {
  const set = WeakMap.prototype.set;
  const seen: Registry[] = [];
  let probe: object;
  WeakMap.prototype.set = function (this: Registry, key: object, value: unknown) {
    seen.push(this);
    return set.call(this, key, value);
  };
  try {
    probe = new LinkedomEventTarget();
  } catch {
    return null;
  } finally {
    WeakMap.prototype.set = set;
  }
  const found = seen.length === 1 ? seen[0] : undefined;
  if (!found || !(found.get(probe) instanceof Map)) return null;
  // Nodes register through the same constructor (Node extends EventTarget in linkedom).
  const { document } = parseHTML('<p>x</p>') as unknown as { document: object };
  return found.has(document) ? found : null;
}
