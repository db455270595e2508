// Every job type with a handler. A registry job type is available exactly when it is listed here
// (test/unit/registry.test.ts keeps the two in step).
import type { TaskHandler } from "../context.ts";
import { Diagnostic } from "./Diagnostic.ts";

export const TASKS: Record<string, TaskHandler<any>> = {
  Diagnostic,
};
