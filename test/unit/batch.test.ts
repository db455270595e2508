// The write batcher of the worker's job tracking (worker/lib/batch.ts).
import { describe, expect, it } from "vitest";
import { batched, ItemFailure } from "../../worker/lib/batch.ts";

describe("batched", () => {
  it("turns calls made together into one call, in order, and later calls into the next one", async () => {
    const calls: number[][] = [];
    const double = batched(async (xs: number[]) => {
      calls.push(xs);
      await new Promise((r) => setTimeout(r, 20));
      return xs.map((x) => x * 2);
    });
    const first = await Promise.all([1, 2, 3].map(double));
    expect(first).toEqual([2, 4, 6]);
    expect(calls).toEqual([[1, 2, 3]]);
    // While a batch is in flight, new items wait and go together in the next one.
    const a = double(4);
    await new Promise((r) => setImmediate(r));
    const rest = [5, 6].map(double);
    expect(await Promise.all([a, ...rest])).toEqual([8, 10, 12]);
    expect(calls).toEqual([[1, 2, 3], [4], [5, 6]]);
  });

  it("respects the maximum batch size", async () => {
    const sizes: number[] = [];
    const id = batched(async (xs: number[]) => (sizes.push(xs.length), xs), 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => id(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it("when a batch fails, retries its items one by one so only the bad one fails", async () => {
    const calls: string[][] = [];
    const check = batched(async (xs: string[]) => {
      calls.push(xs);
      if (xs.includes("bad")) throw new Error(`rejected ${xs.join(",")}`);
      return xs.map((x) => x.toUpperCase());
    });
    const results = await Promise.allSettled(["a", "bad", "c"].map(check));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["A", "rejected bad", "C"]);
    expect(calls[0]).toEqual(["a", "bad", "c"]);
    expect(calls.slice(1).sort()).toEqual([["a"], ["bad"], ["c"]]);
  });

  it("an item the batch marks as failed is rejected alone, without re-running the batch", async () => {
    const calls: string[][] = [];
    const check = batched(async (xs: string[]) => {
      calls.push(xs);
      return xs.map((x) => (x === "bad" ? new ItemFailure(new Error("bad row")) : x.toUpperCase()));
    });
    const results = await Promise.allSettled(["a", "bad", "c"].map(check));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["A", "bad row", "C"]);
    expect(calls).toEqual([["a", "bad", "c"]]);
  });
});
