import type { Metadata } from "next";
import { StatusView, type JobTableFilters } from "./status-view";

export const metadata: Metadata = { title: "Status · Pipewatch" };

const STATUSES = new Set(["Pending", "Running", "Success", "Failed", "Cancelled"]);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** `/status?status=Failed&type=Diagnostic&q=abc&tasks=0`: the job table's filters, shareable. */
export default async function StatusPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const status = one(sp.status);
  const filters: JobTableFilters = {
    status: STATUSES.has(status) ? (status as JobTableFilters["status"]) : "",
    type: one(sp.type).slice(0, 100),
    search: one(sp.q).slice(0, 200),
    hideTasks: one(sp.tasks) === "0",
  };
  return <StatusView initialFilters={filters} />;
}
