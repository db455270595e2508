"use client";
// A submit form generated from a job type's JSON Schema (`jobTypes { argsSchema }`): fields by type,
// checked with the schema's own constraints before anything is sent, a dry run (`submitPreview`)
// that says what the job would take on, and only then the real `submitJob`. Server errors land on
// their fields when the server names them. Rendered only for a viewer who may submit (the page
// shows the read-only notice instead).
import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { SubmitJobDocument, SubmitPreviewDocument, type JobTypeFormFragment, type SubmitPreviewQuery } from "../generated/graphql/operations";
import { GraphQLRequestError, gql } from "./graphql-client";
import { btn, btnPrimary, input, link, muted } from "./components";
import { fieldsOf, hintOf, initialValues, issuesToErrors, validate, type Field, type FormValues } from "./json-schema";

type Step =
  | { kind: "editing" }
  | { kind: "previewing" }
  | { kind: "previewed"; preview: SubmitPreviewQuery["submitPreview"] | null; note?: string; args: Record<string, unknown> }
  | { kind: "submitting"; args: Record<string, unknown> }
  | { kind: "queued"; id: string };

export interface SubmitDialogProps {
  jobType: JobTypeFormFragment;
  title: string;
  /** Field values to start from, e.g. the page's region filter. */
  prefill?: Record<string, string>;
  onClose: () => void;
  onQueued?: (jobId: string) => void;
}

export function SubmitDialog({ jobType, title, prefill, onClose, onQueued }: SubmitDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const uid = useId();
  const fields = useMemo(() => fieldsOf(jobType.argsSchema), [jobType.argsSchema]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, prefill));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: "editing" });

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  function change(name: string, v: string | boolean) {
    setValues((s) => ({ ...s, [name]: v }));
    setErrors((e) => {
      const { [name]: _, ...rest } = e;
      return rest;
    });
    // Any change invalidates a preview: the user must look at the new one before queuing.
    if (step.kind === "previewed") setStep({ kind: "editing" });
  }

  function serverError(e: unknown) {
    if (e instanceof GraphQLRequestError && e.code === "BAD_USER_INPUT") {
      const mapped = issuesToErrors(e.details, fields);
      setErrors(mapped.errors);
      setGeneral(mapped.rest.length || !Object.keys(mapped.errors).length ? e.message : null);
    } else setGeneral((e as Error).message);
  }

  async function preview(ev: React.FormEvent) {
    ev.preventDefault();
    setGeneral(null);
    const { args, errors: errs } = validate(fields, values);
    setErrors(errs);
    if (Object.keys(errs).length) {
      const first = Object.keys(errs)[0]!;
      document.getElementById(`${uid}-${first}`)?.focus();
      return;
    }
    setStep({ kind: "previewing" });
    try {
      const { submitPreview } = await gql(SubmitPreviewDocument, { type: jobType.type, args });
      setStep({ kind: "previewed", preview: submitPreview, args });
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.code !== "BAD_USER_INPUT" && /submitPreview/.test(e.message)) {
        // An API without the preview: show the validated args and say so.
        setStep({ kind: "previewed", preview: null, note: "Preview unavailable on this server: check the arguments below.", args });
        return;
      }
      serverError(e);
      setStep({ kind: "editing" });
    }
  }

  async function submit() {
    if (step.kind !== "previewed") return;
    const args = step.args;
    setStep({ kind: "submitting", args });
    try {
      const { submitJob } = await gql(SubmitJobDocument, { input: { type: jobType.type, args } });
      setStep({ kind: "queued", id: submitJob.id });
      onQueued?.(submitJob.id);
    } catch (e) {
      serverError(e);
      setStep({ kind: "editing" });
    }
  }

  const busy = step.kind === "previewing" || step.kind === "submitting";
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${uid}-title`}
      onClose={onClose}
      onCancel={onClose}
      className="m-auto w-[36rem] max-w-[95vw] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      data-submit-dialog={jobType.type}
    >
      <form onSubmit={preview} noValidate className="space-y-4 p-5">
        <div>
          <h2 id={`${uid}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <p className={`text-sm ${muted}`}>
            {jobType.description} <span className="font-mono text-xs">({jobType.type})</span>
          </p>
        </div>
        {!jobType.available && <p className="text-sm text-amber-800 dark:text-amber-300">This job type is not available in this version yet.</p>}
        {fields.length === 0 && <p className={`text-sm ${muted}`}>This job takes no arguments.</p>}
        <div className="space-y-3">
          {fields.map((f) => (
            <FieldInput key={f.name} id={`${uid}-${f.name}`} field={f} value={values[f.name]!} error={errors[f.name]} onChange={(v) => change(f.name, v)} disabled={busy || step.kind === "queued"} />
          ))}
        </div>
        {general && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            {general}
          </p>
        )}
        {(step.kind === "previewed" || step.kind === "submitting") && (
          <div className="space-y-2 rounded border border-blue-300 bg-blue-50 p-3 text-sm text-blue-950 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-100" data-testid="submit-preview" role="status">
            <p className="font-medium">Dry run: nothing is queued yet.</p>
            {step.kind === "previewed" && step.preview ? (
              <p data-preview-message>{step.preview.message}</p>
            ) : step.kind === "previewed" && step.note ? (
              <p>{step.note}</p>
            ) : null}
            <pre className="overflow-x-auto rounded bg-white/70 p-2 font-mono text-xs dark:bg-black/30">{JSON.stringify(step.args, null, 2)}</pre>
          </div>
        )}
        {step.kind === "queued" && (
          <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100" data-queued-job={step.id}>
            Queued job <span className="font-mono">{step.id.slice(0, 8)}</span>.{" "}
            <Link className={link} href={`/jobs/${step.id}`}>
              Monitor it
            </Link>
          </p>
        )}
        <div className="flex items-center justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-800">
          <button type="button" className={btn} onClick={() => ref.current?.close()}>
            {step.kind === "queued" ? "Close" : "Cancel"}
          </button>
          {step.kind !== "queued" && (
            <>
              <button type="submit" className={btn} disabled={busy || !jobType.available}>
                {step.kind === "previewing" ? "Checking…" : step.kind === "previewed" ? "Preview again" : "Preview (dry run)"}
              </button>
              <button type="button" className={btnPrimary} disabled={step.kind !== "previewed"} onClick={() => void submit()} title={step.kind !== "previewed" ? "Preview first: see what the job will do" : undefined}>
                {step.kind === "submitting" ? "Queuing…" : "Queue job"}
              </button>
            </>
          )}
        </div>
      </form>
    </dialog>
  );
}

function FieldInput({ id, field: f, value, error, onChange, disabled }: { id: string; field: Field; value: string | boolean; error?: string; onChange: (v: string | boolean) => void; disabled: boolean }) {
  const hint = hintOf(f);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const common = { id, name: f.name, disabled, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, "aria-required": f.required || undefined };
  return (
    <div className="grid grid-cols-[10rem_1fr] items-start gap-x-3 gap-y-1">
      <label htmlFor={id} className="pt-1 text-sm font-medium">
        {f.label}
        {f.required && (
          <span aria-hidden className="text-red-700 dark:text-red-400">
            {" "}
            *
          </span>
        )}
      </label>
      <div>
        {f.kind === "boolean" ? (
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} className="mt-2 h-4 w-4 accent-blue-700" />
        ) : f.kind === "enum" ? (
          <select {...common} value={String(value)} onChange={(e) => onChange(e.target.value)} className={`${input} w-full`}>
            <option value="">{f.required ? "Choose…" : "(any)"}</option>
            {f.schema.enum!.map((e) => (
              <option key={String(e)} value={String(e)}>
                {String(e)}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            type="text"
            inputMode={f.kind === "integer" ? "numeric" : f.kind === "number" ? "decimal" : undefined}
            value={String(value)}
            onChange={(e) => onChange(e.target.value)}
            className={`${input} w-full ${error ? "border-red-600 dark:border-red-500" : ""}`}
            placeholder={f.required ? "" : "optional"}
          />
        )}
        {hint && (
          <p id={`${id}-hint`} className={`text-xs ${muted}`}>
            {hint}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} className="text-xs font-medium text-red-700 dark:text-red-400" data-field-error={f.name}>
            {f.label}: {error}
          </p>
        )}
      </div>
    </div>
  );
}
