/**
 * Fault injection, deterministic for a given seed and request order: a seeded PRNG (mulberry32) decides drops and
 * ServiceFaults; a token bucket per access key (real time, not the virtual clock) decides throttling.
 */
export interface FaultOptions {
  latencyMs?: number;
  rateLimitPerSecond?: number;
  faultRate?: number;
  dropRate?: number;
  seed?: number;
}

export type FaultDecision = 'drop' | 'fault' | 'none';

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class FaultInjector {
  private readonly random: () => number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: FaultOptions) {
    this.random = mulberry32(options.seed ?? 1);
  }

  get latencyMs(): number {
    return this.options.latencyMs ?? 0;
  }

  /** Two draws per request whenever either rate is set, so one decision never shifts the next. */
  decide(): FaultDecision {
    const { dropRate = 0, faultRate = 0 } = this.options;
    if (dropRate <= 0 && faultRate <= 0) return 'none';
    const dropDraw = this.random();
    const faultDraw = this.random();
    if (dropDraw < dropRate) return 'drop';
    if (faultDraw < faultRate) return 'fault';
    return 'none';
  }

  /** Token bucket: burst = one second's worth of requests, refilled continuously. */
  admit(accessKeyId: string, nowMs = performance.now()): boolean {
    const rate = this.options.rateLimitPerSecond;
    if (!rate || rate <= 0) return true;
    const capacity = Math.max(1, rate);
    const bucket = this.buckets.get(accessKeyId) ?? { tokens: capacity, updatedMs: nowMs };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * rate);
    bucket.updatedMs = nowMs;
    this.buckets.set(accessKeyId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
