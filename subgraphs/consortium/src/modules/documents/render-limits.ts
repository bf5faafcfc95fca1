import { DomainError, ErrorCode } from '@pioneer/shared/errors';

/** Per-caller bounds on rendering the current record (issue 12 item 6); consortium config.ts. */
export interface RenderLimitsConfig {
  /** Renders of one caller running at once; more wait in that caller's queue. */
  inFlightPerCaller: number;
  /** Renders of one caller waiting for a slot; beyond them a render is refused. */
  queuedPerCaller: number;
  /** Renders one caller may start per minute, steadily (the bucket's refill). */
  perMinutePerCaller: number;
  /** Renders one caller may start at once after a pause (the bucket's size). */
  burstPerCaller: number;
}

/** One caller's token bucket: `tokens` at `at` (ms), refilled continuously, capped at the burst. */
interface Bucket {
  tokens: number;
  at: number;
}

interface CallerState {
  running: number;
  waiting: (() => void)[];
}

/**
 * Rendering a document is costly (a supplement takes about a core for a third of a second), and a
 * read could once render 1,080 of them. Besides the bound per request (MAX_RENDERS_PER_REQUEST),
 * each caller — the token's subject, across all their requests — has a few renders running at
 * once, a short queue behind them and a token bucket: `burstPerCaller` renders after a pause,
 * then `perMinutePerCaller` a minute, so no sixty seconds see more than burst + per-minute
 * renders of one caller (a fixed window would let twice its budget through across its end). A
 * render beyond them is refused with RATE_LIMITED and `retryAfter` seconds in its details;
 * nothing is rendered. Whole intakes are issued by the cohort job, which these limits do not
 * touch. A dozen lines of arithmetic: the in-memory limiters at hand (rate-limiter-flexible) count
 * fixed windows.
 */
export class RenderLimits {
  private readonly callers = new Map<string, CallerState>();
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly config: RenderLimitsConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token of the caller's bucket, or says in how many seconds one will be there. */
  private take(caller: string): { ok: true } | { ok: false; retryAfter: number } {
    const now = this.now();
    const perMs = this.config.perMinutePerCaller / 60_000;
    const b = this.buckets.get(caller) ?? { tokens: this.config.burstPerCaller, at: now };
    b.tokens = Math.min(this.config.burstPerCaller, b.tokens + (now - b.at) * perMs);
    b.at = now;
    this.buckets.set(caller, b);
    // Full buckets are forgotten: a caller who paused long enough costs no memory.
    for (const [k, v] of this.buckets) if (v.tokens + (now - v.at) * perMs >= this.config.burstPerCaller && k !== caller) this.buckets.delete(k);
    if (b.tokens < 1) return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
    b.tokens -= 1;
    return { ok: true };
  }

  private giveBack(caller: string): void {
    const b = this.buckets.get(caller);
    if (b) b.tokens = Math.min(this.config.burstPerCaller, b.tokens + 1);
  }

  /** Runs `render` for `caller` within the limits, or refuses with RATE_LIMITED. */
  async run<T>(caller: string, render: () => Promise<T>): Promise<T> {
    const token = this.take(caller);
    if (!token.ok) {
      throw refusal(`At most ${this.config.perMinutePerCaller} renders per person per minute (${this.config.burstPerCaller} at once after a pause); try again in ${token.retryAfter} s, or issue a cohort's documents with startCohortIssue`, token.retryAfter, {
        perMinute: this.config.perMinutePerCaller,
        burst: this.config.burstPerCaller,
      });
    }
    // From here to the render (or the wait for a slot) nothing yields: the counts below are exact.
    let state = this.callers.get(caller);
    if (!state) this.callers.set(caller, (state = { running: 0, waiting: [] }));
    if (state.running < this.config.inFlightPerCaller) state.running += 1;
    else if (state.waiting.length < this.config.queuedPerCaller) {
      // A waiting render is handed the slot of one that ends: `running` never exceeds the bound.
      const slots = state.waiting;
      await new Promise<void>((resolve) => slots.push(resolve));
    } else {
      // Refused: the token is given back, nothing was rendered.
      this.giveBack(caller);
      throw refusal(`At most ${this.config.inFlightPerCaller} renders of one person run at once and ${this.config.queuedPerCaller} wait; try again shortly, or issue a cohort's documents with startCohortIssue`, 1, {
        inFlight: this.config.inFlightPerCaller,
        queued: this.config.queuedPerCaller,
      });
    }
    try {
      return await render();
    } finally {
      const next = state.waiting.shift();
      if (next) next();
      else if ((state.running -= 1) === 0) this.callers.delete(caller);
    }
  }

  /** Renders of a caller running and waiting now (tests, metrics). */
  load(caller: string): { running: number; waiting: number } {
    const state = this.callers.get(caller);
    return { running: state?.running ?? 0, waiting: state?.waiting.length ?? 0 };
  }
}

function refusal(message: string, retryAfter: number, limits: Record<string, number>): DomainError {
  return new DomainError(ErrorCode.RATE_LIMITED, message, { retryAfter, retryable: true, ...limits });
}
