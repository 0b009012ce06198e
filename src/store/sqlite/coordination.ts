// Leadership on SQLite: one process owns the database file, so it leads every duty. Names are
// still held one at a time within the process, so two coordinators in one process (tests, a
// demo beside a server) behave as they would on PostgreSQL.
import type { CoordinationRepo, HostSlot, Leadership } from '../coordination.js';

export class SqliteCoordinationRepo implements CoordinationRepo {
  /** Name → the token of its holder; a leadership holds while its token is the one stored. */
  private readonly holders = new Map<string, symbol>();

  async tryLead(name: string): Promise<Leadership | undefined> {
    if (this.holders.has(name)) return undefined;
    const token = Symbol(name);
    this.holders.set(name, token);
    const holders = this.holders;
    const held = (): boolean => holders.get(name) === token;
    return {
      name,
      held,
      check: async () => held(),
      async release() {
        if (held()) holders.delete(name);
      },
    };
  }

  /** Host → the slots taken. */
  private readonly slots = new Map<string, Set<number>>();

  async tryHostSlot(host: string, slots: number): Promise<HostSlot | undefined> {
    let taken = this.slots.get(host);
    if (!taken) this.slots.set(host, (taken = new Set()));
    for (let slot = 0; slot < slots; slot++) {
      if (taken.has(slot)) continue;
      taken.add(slot);
      const set = taken;
      const all = this.slots;
      return {
        host,
        slot,
        async release() {
          set.delete(slot);
          if (set.size === 0 && all.get(host) === set) all.delete(host);
        },
      };
    }
    return undefined;
  }

  /** The store closed: every duty and slot is given up. */
  releaseAll(): void {
    this.holders.clear();
    this.slots.clear();
  }
}
