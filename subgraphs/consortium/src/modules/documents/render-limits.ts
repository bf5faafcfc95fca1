import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';

/** Per-caller bounds on rendering the current record (issue 12 item 6); consortium config.ts. */
export interface RenderLimitsConfig {
  /** Renders of one caller running at once; more wait in that caller's queue. */
  inFlightPerCaller: number;
  /** Renders of one caller waiting for a slot; beyond them a render is refused. */
  queuedPerCaller: number;
  /** Renders one caller may start per minute (fixed window from their first). */
  perMinutePerCaller: number;
}

interface CallerState {
  running: number;
  waiting: (() => void)[];
}

/**
 * Rendering a document is costly (a supplement takes about a core for a third of a second), and a
 * read could once render 1,080 of them. Besides the bound per request (MAX_RENDERS_PER_REQUEST),
 * each caller — the token's subject, across all their requests — has a few renders running at
 * once, a short queue behind them and a budget per minute (rate-limiter-flexible's in-memory
 * limiter, the one the gateway's /verify route uses). A render beyond them is refused with
 * RATE_LIMITED and `retryAfter` seconds in its details; nothing is rendered. Whole intakes are
 * issued by the cohort job, which these limits do not touch.
 */
export class RenderLimits {
  private readonly callers = new Map<string, CallerState>();
  private readonly window: RateLimiterMemory;

  constructor(readonly config: RenderLimitsConfig) {
    this.window = new RateLimiterMemory({ points: config.perMinutePerCaller, duration: 60 });
  }

  /** Runs `render` for `caller` within the limits, or refuses with RATE_LIMITED. */
  async run<T>(caller: string, render: () => Promise<T>): Promise<T> {
    try {
      await this.window.consume(caller, 1);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      throw refusal(`At most ${this.config.perMinutePerCaller} renders per person per minute; try again in ${seconds(e.msBeforeNext)} s, or issue a cohort's documents with startCohortIssue`, seconds(e.msBeforeNext), {
        perMinute: this.config.perMinutePerCaller,
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
      // Refused: the minute's budget is given back, nothing was rendered.
      await this.window.reward(caller, 1);
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

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function refusal(message: string, retryAfter: number, limits: Record<string, number>): DomainError {
  return new DomainError(ErrorCode.RATE_LIMITED, message, { retryAfter, retryable: true, ...limits });
}
