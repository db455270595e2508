"use client";
// What this browser may do, shared by every component of a page: one `viewer` query, asked again
// when the page opens (if the answer is older than a few seconds), when the API token changes, and
// when the server refused a change. Write actions render only once `canWrite` is known true.
import { useSyncExternalStore } from "react";
import { ViewerDocument } from "../generated/graphql/operations";
import { apiToken, gql, onApiToken, onWriteDenied } from "./graphql-client";

export interface ViewerState {
  /** `null` until the server has answered (render no write action yet). */
  canWrite: boolean | null;
  /** Why changes are refused, as the server words it. */
  reason: string | null;
  /** The server has API_TOKEN set: a token field can help. */
  tokenAccepted: boolean;
  /** The viewer could not be loaded (the page's own error banner says more). */
  error: string | null;
  /** A token is stored in this browser. */
  hasToken: boolean;
  /** A viewer request is in flight. */
  loading: boolean;
}

const INITIAL: ViewerState = { canWrite: null, reason: null, tokenAccepted: false, error: null, hasToken: false, loading: false };
const FRESH_MS = 5_000;

let state: ViewerState = INITIAL;
let seq = 0;
let answeredAt = 0;
let wired = false;
const listeners = new Set<() => void>();

function set(patch: Partial<ViewerState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

/** Asks the server again; only the newest answer is kept. */
export async function refreshViewer(): Promise<void> {
  const mine = ++seq;
  set({ loading: true, hasToken: apiToken() !== null });
  try {
    const { viewer } = await gql(ViewerDocument, {});
    if (mine !== seq) return;
    answeredAt = Date.now();
    set({ canWrite: viewer.canWrite, reason: viewer.reason ?? null, tokenAccepted: viewer.tokenAccepted, error: null, loading: false });
  } catch (e) {
    if (mine === seq) set({ error: (e as Error).message || "request failed", loading: false });
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!wired) {
    wired = true;
    onApiToken(() => {
      // A granted write may not outlive the token that granted it: hide write actions until the
      // server answers for the new token (a refusal stays shown meanwhile, so the notice stays).
      set({ canWrite: state.canWrite === true ? null : state.canWrite, hasToken: apiToken() !== null });
      void refreshViewer();
    });
    onWriteDenied(() => void refreshViewer());
  }
  if (!state.loading && Date.now() - answeredAt > FRESH_MS) void refreshViewer();
  return () => listeners.delete(listener);
}

export function useViewer(): ViewerState {
  return useSyncExternalStore(subscribe, () => state, () => INITIAL);
}

/** True only once the server said this browser may change things. */
export function useCanWrite(): boolean {
  return useViewer().canWrite === true;
}
