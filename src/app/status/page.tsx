import type { Metadata } from "next";
import { StatusView } from "./status-view";

export const metadata: Metadata = { title: "Status · Pipewatch" };

export default function StatusPage() {
  return <StatusView />;
}
