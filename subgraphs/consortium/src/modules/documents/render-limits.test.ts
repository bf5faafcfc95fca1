import { describe, expect, it } from 'vitest';
import { DomainError } from '@pioneer/shared/errors';
import { RenderLimits } from './render-limits.js';

/** A render that ends when the test says so. */
function held() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { render: async () => (await done, 'pdf'), release };
}

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof DomainError ? `${e.code}:${(e.details as { retryAfter: number }).retryAfter}` : String(e);
  }
}

// Issue 12 item 6: renders per caller across requests; counts, never timings.
describe('per-caller render limits', () => {
  it('6 renders of one caller at once with 2 running and 1 waiting allowed: exactly 3 refused; another caller is not', async () => {
    const limits = new RenderLimits({ inFlightPerCaller: 2, queuedPerCaller: 1, perMinutePerCaller: 100, burstPerCaller: 100 });
    const renders = Array.from({ length: 6 }, held);
    const results = renders.map((r) => outcome(limits.run('staff-a', r.render)));
    // The refusals answer at once, while the admitted renders still hold their slots.
    const refused = await Promise.all(results.slice(3));
    expect(refused).toEqual(['RATE_LIMITED:1', 'RATE_LIMITED:1', 'RATE_LIMITED:1']);
    expect(limits.load('staff-a')).toEqual({ running: 2, waiting: 1 });

    const other = held();
    const otherResult = outcome(limits.run('student-b', other.render));
    await new Promise((r) => setImmediate(r));
    expect(limits.load('student-b')).toEqual({ running: 1, waiting: 0 });

    // The waiting render takes the slot of the first that ends: never more than 2 running.
    renders[0]!.release();
    await results[0];
    expect(limits.load('staff-a')).toEqual({ running: 2, waiting: 0 });
    for (const r of [...renders, other]) r.release();
    expect(await Promise.all([...results.slice(0, 3), otherResult])).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect(limits.load('staff-a')).toEqual({ running: 0, waiting: 0 });
  });

  it('a token bucket per caller: the burst, then the per-minute pace; the rest refused with the seconds to wait, nothing rendered', async () => {
    let now = 1_000_000;
    const limits = new RenderLimits({ inFlightPerCaller: 2, queuedPerCaller: 4, perMinutePerCaller: 3, burstPerCaller: 3 }, () => now);
    let rendered = 0;
    const render = async () => void (rendered += 1);
    const results: string[] = [];
    for (let i = 0; i < 5; i++) results.push(await outcome(limits.run('staff-a', render)));
    // 3 a minute: one token every 20 s.
    expect(results).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED:20', 'RATE_LIMITED:20']);
    expect(rendered).toBe(3);
    expect(await outcome(limits.run('student-b', render))).toBe('OK');
    now += 5_000;
    expect(await outcome(limits.run('staff-a', render))).toBe('RATE_LIMITED:15');
    now += 15_000;
    expect(await outcome(limits.run('staff-a', render))).toBe('OK');
    expect(await outcome(limits.run('staff-a', render))).toBe('RATE_LIMITED:20');
    // After a long pause the bucket is full again, never fuller than the burst.
    now += 3_600_000;
    const again: string[] = [];
    for (let i = 0; i < 4; i++) again.push(await outcome(limits.run('staff-a', render)));
    expect(again).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED:20']);
    expect(rendered).toBe(3 + 1 + 1 + 3);
  });

  it('a render refused because too many of the caller’s run and wait gives its token back', async () => {
    const limits = new RenderLimits({ inFlightPerCaller: 1, queuedPerCaller: 0, perMinutePerCaller: 1, burstPerCaller: 2 }, () => 0);
    const first = held();
    const running = outcome(limits.run('staff-a', first.render));
    expect(await outcome(limits.run('staff-a', async () => 'pdf'))).toBe('RATE_LIMITED:1');
    first.release();
    expect(await running).toBe('OK');
    // The refused render took nothing: the second token of the burst is still there.
    expect(await outcome(limits.run('staff-a', async () => 'pdf'))).toBe('OK');
    expect(await outcome(limits.run('staff-a', async () => 'pdf'))).toBe('RATE_LIMITED:60');
  });

  it('a render that fails frees its slot', async () => {
    const limits = new RenderLimits({ inFlightPerCaller: 1, queuedPerCaller: 0, perMinutePerCaller: 10, burstPerCaller: 10 });
    expect(await outcome(limits.run('staff-a', async () => Promise.reject(new Error('worker died'))))).toBe('Error: worker died');
    expect(limits.load('staff-a')).toEqual({ running: 0, waiting: 0 });
    expect(await outcome(limits.run('staff-a', async () => 'pdf'))).toBe('OK');
  });
});
