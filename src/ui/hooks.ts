"use client";
// Hooks shared by the live dashboards: a loader with busy/error state, the refresh selector's
// timer, throttled refetch on subscription events, and debounced inputs.
import { useCallback, useEffect, useRef, useState } from "react";
import { subscribe } from "./graphql-client";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";

export const DEFAULT_REFRESH_MS = 30_000;

export interface Loader<T> {
  data: T | null;
  error: string | null;
  busy: boolean;
  /** Loads again; concurrent calls collapse, and only the newest answer is kept. */
  reload: () => Promise<void>;
  setData: React.Dispatch<React.SetStateAction<T | null>>;
}

/**
 * Runs `fetcher` now and whenever its identity changes (put its inputs in useCallback deps).
 * A slower answer to an older request never overwrites a newer one.
 */
export function useLoader<T>(fetcher: () => Promise<T>): Loader<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setBusy(true);
    try {
      const d = await fetcher();
      if (mine === seq.current) {
        setData(d);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError((e as Error).message || "request failed");
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  }, [fetcher]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, busy, reload, setData };
}

/** Calls `fn` every `ms` (0 = off) while the tab is visible; a hidden tab catches up on return. */
export function useInterval(fn: () => void, ms: number) {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (!ms) return;
    let last = Date.now();
    const tick = () => {
      if (document.visibilityState === "hidden") return;
      last = Date.now();
      ref.current();
    };
    const t = setInterval(tick, ms);
    const onVisible = () => {
      if (document.visibilityState === "visible" && Date.now() - last >= ms) tick();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(t);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [ms]);
}

/**
 * Returns a function that runs `fn` at most once per `ms`: the first call runs at once, calls
 * during the quiet period collapse into one trailing run. For "refetch when events arrive".
 */
export function useThrottled(fn: () => void, ms: number): () => void {
  const ref = useRef(fn);
  ref.current = fn;
  const state = useRef<{ last: number; timer: ReturnType<typeof setTimeout> | null }>({ last: 0, timer: null });
  useEffect(() => () => {
    if (state.current.timer) clearTimeout(state.current.timer);
  }, []);
  return useCallback(() => {
    const s = state.current;
    if (s.timer) return;
    const wait = Math.max(0, s.last + ms - Date.now());
    s.timer = setTimeout(() => {
      s.timer = null;
      s.last = Date.now();
      ref.current();
    }, wait);
  }, [ms]);
}

/** `value`, updated only after it stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Subscribes while mounted (and re-subscribes when `key` changes); `onData` may change freely. */
export function useSubscription<R, V>(doc: TypedDocumentNode<R, V>, variables: V, onData: (d: R) => void, key = "") {
  const ref = useRef(onData);
  ref.current = onData;
  const vars = useRef(variables);
  vars.current = variables;
  useEffect(() => subscribe(doc, vars.current, (d) => ref.current(d)), [doc, key]);
}

/** Milliseconds-resolution "now" that advances every `ms`, for relative times. */
export function useNow(ms = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
