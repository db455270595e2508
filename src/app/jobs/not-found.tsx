import Link from "next/link";

export default function JobNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Job not found</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A job id is a UUID such as <code>3f2b…</code>. Find jobs in the{" "}
        <Link href="/status" className="text-blue-700 underline dark:text-blue-400">
          job table on the status page
        </Link>
        .
      </p>
    </div>
  );
}
