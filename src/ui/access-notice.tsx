"use client";
// The page header's access line, on pages with write actions. Read-only: the server's reason and,
// when a token would help (API_TOKEN is set on the server), a field to use one; the token is kept
// in this browser (localStorage) and sent with every request. With a stored token that works: a
// quiet "Forget token".
import { useId, useState } from "react";
import { setApiToken } from "./graphql-client";
import { btnSmall, input, link } from "./components";
import { useViewer } from "./viewer";

/** `code` spans in the server's wording shown as code. */
function Reason({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 ? (
          <code key={i} className="rounded bg-amber-100 px-1 font-mono text-xs dark:bg-amber-900/60">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function ReadOnlyNotice() {
  const viewer = useViewer();
  const uid = useId();
  const [draft, setDraft] = useState("");

  // Only where the token is what allows it: a server without API_TOKEN ignores it.
  if (viewer.canWrite === true && viewer.hasToken && viewer.tokenAccepted) {
    return (
      <p className="w-full text-xs text-slate-600 dark:text-slate-400" data-testid="access-token-in-use">
        Changes allowed with the API token saved in this browser.{" "}
        <button type="button" className={`${link} text-xs`} onClick={() => setApiToken(null)}>
          Forget token
        </button>
      </p>
    );
  }
  if (viewer.canWrite !== false) return null;

  const showToken = viewer.tokenAccepted || viewer.hasToken;
  return (
    <section
      aria-label="Read-only access"
      data-testid="read-only-notice"
      className="flex w-full flex-wrap items-center gap-x-4 gap-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <p className="min-w-0 flex-1" role="status">
        <span className="mr-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-amber-950 dark:bg-amber-800 dark:text-amber-50">Read-only</span>
        <span data-testid="read-only-reason">
          <Reason text={viewer.reason ?? "this server does not allow changes from this browser"} />
        </span>
      </p>
      {showToken && (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!draft.trim()) return;
            setApiToken(draft);
            setDraft("");
          }}
        >
          <label htmlFor={`${uid}-token`} className="text-xs font-medium">
            Use API token
          </label>
          <input
            id={`${uid}-token`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={viewer.hasToken ? "replace the saved token" : "API_TOKEN"}
            className={`${input} w-56 py-0.5`}
          />
          <button type="submit" className={btnSmall} disabled={!draft.trim() || viewer.loading}>
            {viewer.loading ? "Checking…" : "Save"}
          </button>
          {viewer.hasToken && (
            <button type="button" className={`${link} text-xs`} onClick={() => setApiToken(null)}>
              Forget token
            </button>
          )}
        </form>
      )}
    </section>
  );
}
