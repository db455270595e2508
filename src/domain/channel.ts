// A push-based async iterator: what graphql-ws subscriptions consume. Bounded, so one slow client
// cannot grow memory without limit (the oldest undelivered messages are dropped first).
export class Channel<T> implements AsyncIterableIterator<T> {
  /** Channels open in this process (= live subscriptions), for metrics. */
  static open = 0;
  private buffer: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void)[] = [];
  private closed = false;

  constructor(
    private onClose: () => void = () => {},
    private maxBuffer = 1000,
  ) {
    Channel.open++;
  }

  push(value: T) {
    if (this.closed) return;
    const w = this.waiting.shift();
    if (w) return w({ value, done: false });
    this.buffer.push(value);
    if (this.buffer.length > this.maxBuffer) this.buffer.shift();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(err: unknown): Promise<IteratorResult<T>> {
    this.close();
    return Promise.reject(err);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    Channel.open--;
    for (const w of this.waiting.splice(0)) w({ value: undefined, done: true });
    this.buffer = [];
    this.onClose();
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
