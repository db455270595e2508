import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: "Pipewatch",
  description: "Runs and watches geospatial ETL pipelines",
};

const NAV = [
  { href: "/status", label: "Status" },
  { href: "/pipelines", label: "Pipelines" },
  { href: "/playground", label: "GraphQL" },
];

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <nav aria-label="Main" className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
            <Link href="/status" className="font-semibold tracking-tight">
              Pipewatch
            </Link>
            {NAV.map((n) => (
              <Link key={n.href} href={n.href} className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
                {n.label}
              </Link>
            ))}
          </nav>
        </header>
        <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
