// A promise a test opens by hand: one side waits on `opened`, the other calls `open()` when it is
// time (Node 20 has no Promise.withResolvers).
export interface Latch {
  opened: Promise<void>;
  open(): void;
}

export function latch(): Latch {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
