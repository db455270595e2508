// Coalesces concurrent calls into one call over many items (DataLoader-style, no fixed delay): the
// first item waits only until the current I/O phase ends, and items that arrive while a batch is in
// flight form the next one. Under load this turns one statement per job into one per batch; when
// idle it adds no latency.

/** A result slot for one item that failed on its own (the rest of its batch went through). */
export class ItemFailure {
  constructor(readonly error: unknown) {}
}

export type BatchFn<T, R> = (items: T[]) => Promise<(R | ItemFailure)[]>;

interface Entry<T, R> {
  item: T;
  resolve(r: R): void;
  reject(e: unknown): void;
}

function settle<T, R>(e: Entry<T, R>, r: R | ItemFailure | undefined) {
  if (r instanceof ItemFailure) e.reject(r.error);
  else e.resolve(r as R);
}

export function batched<T, R>(run: BatchFn<T, R>, maxBatch = 200): (item: T) => Promise<R> {
  let queue: Entry<T, R>[] = [];
  let scheduled = false;
  let inFlight = false;

  const runOne = async (e: Entry<T, R>) => {
    try {
      settle(e, (await run([e.item]))[0]);
    } catch (err) {
      e.reject(err);
    }
  };

  const flush = async () => {
    scheduled = false;
    if (inFlight || queue.length === 0) return;
    inFlight = true;
    const entries = queue.slice(0, maxBatch);
    queue = queue.slice(entries.length);
    try {
      const results = await run(entries.map((e) => e.item));
      entries.forEach((e, i) => settle(e, results[i]));
    } catch (err) {
      // One bad item must not fail its neighbours: retry them one by one, each with its own outcome.
      if (entries.length === 1) entries[0]!.reject(err);
      else await Promise.all(entries.map(runOne));
    } finally {
      inFlight = false;
      if (queue.length) schedule();
    }
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
