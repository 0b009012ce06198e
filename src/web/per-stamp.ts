/**
 * A read kept per store change (stamp), shared by every caller that asks while it is under way. A
 * page asks for the topics twice at once (its content and its navigation, in one Promise.all);
 * keeping only the answer, both missed while the first read was still out, and the read ran twice:
 * on a loaded machine, where the first read was slow, a page made three statements more than on a
 * quiet one (the query-count test's flake). A caller with another stamp starts its own read at once
 * rather than waiting for one under way: that read may have begun before the change its caller has
 * seen (a renamed or added source), and its answer would be older than the caller's stamp. A failed
 * read is not kept: the next caller asks again.
 */
export class PerStamp<T> {
  private kept: { stamp: string; value: Promise<T> } | undefined;
  /** The latest answer read, for what must not wait on the store (an error page's navigation). */
  last: T | undefined;

  constructor(private readonly load: () => Promise<T>) {}

  get(stamp: string): Promise<T> {
    if (this.kept?.stamp !== stamp) {
      const kept = { stamp, value: this.load() };
      this.kept = kept;
      kept.value.then(
        (value) => {
          if (this.kept === kept) this.last = value;
        },
        () => {
          if (this.kept === kept) this.kept = undefined;
        },
      );
    }
    return this.kept.value;
  }
}
