// The coordinator role: periodic work that must run in exactly one process of a deployment
// (re-tagging history today). Every process that could do it runs a Coordinator; each asks the
// store for the lead of one name, and only the holder runs the duties. The others ask again every
// `retryMs`, so when the leader dies (its lock goes with its database session) another takes over
// within one retry; the leader checks its lock just as often and stops its duties if it lost it.
import type { Logger } from '../log/logger.js';
import type { CoordinationRepo, Leadership } from '../store/coordination.js';

/** Work only the leader does: started when leadership is taken, stopped when it ends. */
export interface Duty {
  readonly name: string;
  start(): void;
  /** Stops after the step at hand; the work's progress is in the store, so the next leader resumes. */
  stop(): Promise<void>;
}

export interface CoordinatorOptions {
  coordination: CoordinationRepo;
  duties: readonly Duty[];
  log: Logger;
  /** How often a follower asks for the lead, and the leader checks its lock (ms). */
  retryMs: number;
  /** The lock's name (default "coordinator"). */
  name?: string;
  /** Told when this process takes or loses the lead (metrics, tests). */
  onChange?: (leading: boolean) => void;
}

export class Coordinator {
  private lead: Leadership | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly o: CoordinatorOptions) {}

  /** Whether this process runs the duties now. */
  leading(): boolean {
    return this.lead?.held() === true;
  }

  /** Asks for the lead now, then every retryMs. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = (): void => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        if (!this.stopped) {
          this.timer = setTimeout(loop, this.o.retryMs);
          this.timer.unref();
        }
      });
    };
    loop();
  }

  /** Stops the duties and gives the lead up, so another process takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.stepDown('stopping');
  }

  private async tick(): Promise<void> {
    try {
      if (this.lead) {
        if (!(await this.lead.check())) await this.stepDown('the lock was lost (database session ended)');
        return;
      }
      const lead = await this.o.coordination.tryLead(this.o.name ?? 'coordinator');
      if (!lead) return;
      if (this.stopped) {
        await lead.release();
        return;
      }
      this.lead = lead;
      this.o.log.info({ duties: this.o.duties.map((d) => d.name) }, 'took the coordinator role');
      for (const d of this.o.duties) d.start();
      this.o.onChange?.(true);
    } catch (err) {
      this.o.log.warn({ err }, 'coordinator: could not reach the store; trying again');
    }
  }

  private async stepDown(why: string): Promise<void> {
    const lead = this.lead;
    if (!lead) return;
    this.lead = undefined;
    for (const d of this.o.duties)
      await d.stop().catch((err: unknown) => this.o.log.error({ err, duty: d.name }, 'duty did not stop cleanly'));
    await lead.release();
    this.o.log.info({ why }, 'left the coordinator role');
    this.o.onChange?.(false);
  }
}
