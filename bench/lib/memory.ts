import { readFileSync } from 'node:fs';

const MB = 1024 * 1024;

/** A field of /proc/self/status in MB (VmHWM = peak RSS, VmRSS = current RSS), if Linux. */
export function procStatusMb(field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = status.match(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples `process.memoryUsage()` every `intervalMs` while a measurement runs. Peak RSS
 * comes from the kernel's high-water mark (VmHWM) where available: sampling can miss a
 * short spike, VmHWM cannot. VmHWM covers the whole process lifetime, so read it right
 * after the measured work.
 */
export class MemorySampler {
  private timer?: NodeJS.Timeout;
  peakRssMb = 0;
  peakHeapUsedMb = 0;
  /** ms after start() when the sampled peaks were seen */
  peakRssAtMs = 0;
  peakHeapAtMs = 0;
  samples = 0;
  private startedAt = 0;

  constructor(private readonly intervalMs = 20) {}

  private sample() {
    const usage = process.memoryUsage();
    const at = performance.now() - this.startedAt;
    this.samples += 1;
    if (usage.rss / MB > this.peakRssMb) {
      this.peakRssMb = usage.rss / MB;
      this.peakRssAtMs = at;
    }
    if (usage.heapUsed / MB > this.peakHeapUsedMb) {
      this.peakHeapUsedMb = usage.heapUsed / MB;
      this.peakHeapAtMs = at;
    }
  }

  start() {
    this.startedAt = performance.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    const hwm = procStatusMb('VmHWM');
    return {
      /** kernel high-water mark when available, else the sampled peak */
      peakRssMb: hwm ?? this.peakRssMb,
      peakRssSource: hwm === undefined ? 'sampled' : 'VmHWM',
      sampledPeakRssMb: this.peakRssMb,
      peakHeapUsedMb: this.peakHeapUsedMb,
      peakRssAtMs: this.peakRssAtMs,
      peakHeapAtMs: this.peakHeapAtMs,
      samples: this.samples,
    };
  }
}

/** Largest number of timestamps in any window of `windowMs` (a rolling-window rate). */
export function maxInWindow(timestamps: number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

let clockTicks: number | undefined;

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
export function processCpuMs(pid: number): number | undefined {
  try {
    if (clockTicks === undefined) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const out = require('node:child_process').execFileSync(
          'getconf',
          ['CLK_TCK'],
          {
            encoding: 'utf8',
          },
        );
        clockTicks = Number(out.trim()) || 100;
      } catch {
        clockTicks = 100;
      }
    }
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (field 3); utime is field 14, stime field 15
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / clockTicks;
  } catch {
    return undefined;
  }
}
