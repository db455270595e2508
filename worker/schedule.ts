// graphile-worker crontab lines for the recurring jobs. graphile-worker's known_crontabs table makes
// sure each tick runs once even with many worker processes.
import type { Config } from "../src/config.ts";
import { MODEL_KEYS } from "../src/domain/weather/models.ts";

function everyMinutes(n: number, name: string): string {
  if (n < 60 && 60 % n === 0) return `*/${n} * * * *`;
  if (n % 60 === 0 && 24 % (n / 60) === 0) return `0 */${n / 60} * * *`;
  throw new Error(`${name}=${n}: use a divisor of 60, or a whole number of hours dividing 24`);
}

export function buildCrontab(config: Pick<Config, "SCAN_INTERVAL_MINUTES" | "DISK_USAGE_INTERVAL_MINUTES">): string {
  const lines: string[] = [];
  if (config.DISK_USAGE_INTERVAL_MINUTES > 0) {
    lines.push(`${everyMinutes(config.DISK_USAGE_INTERVAL_MINUTES, "DISK_USAGE_INTERVAL_MINUTES")} RefreshDiskUsage ?id=refresh_disk_usage&max=1 {}`);
  }
  if (config.SCAN_INTERVAL_MINUTES > 0) {
    const when = everyMinutes(config.SCAN_INTERVAL_MINUTES, "SCAN_INTERVAL_MINUTES");
    for (const model of MODEL_KEYS) lines.push(`${when} ScanSource ?id=scan_${model}&max=1 {"model":"${model}"}`);
  }
  return lines.join("\n");
}
