import { describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { Supervisor, type ProcessSpec } from '../scripts/lib/supervisor.js';

/**
 * The supervisor with tiny node processes instead of the hub's: restart after kill -9 with the
 * reason logged, backoff, giving up on a crash loop, and no restart of a process stopped on purpose.
 */
const readyWhenPrinted = (child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code, signal) => reject(new Error(`exited ${signal ?? code}`)));
  });

const spec = (name: string, script: string): ProcessSpec => ({ name, command: process.execPath, args: ['-e', script], env: {}, cwd: process.cwd(), ready: readyWhenPrinted });
const SERVE = "console.log('ready'); setInterval(() => {}, 1000)";
const until = async (check: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the process supervisor', () => {
  it('restarts a process killed with SIGKILL, saying why it died and when it came back', async () => {
    const lines: string[] = [];
    const sup = new Supervisor({ baseDelayMs: 50, log: (l) => lines.push(l) });
    try {
      await sup.start(spec('leuven', SERVE));
      const first = sup.pid('leuven');
      sup.signal('leuven', 'SIGKILL');
      await until(() => lines.some((l) => l.includes('back up')));
      expect(sup.pid('leuven')).not.toBe(first);
      expect(sup.restarts()).toEqual({ leuven: 1 });
      expect(lines[0]).toMatch(/^leuven killed by SIGKILL after \d+\.\d s; last output: ready; restarting in 50 ms \(crash 1 of at most 5 within 120 s\)$/);
      expect(lines[1]).toMatch(/^leuven back up \(pid \d+\) after \d+\.\d s/);
    } finally {
      await sup.stopAll();
    }
  });

  it('gives up on a process that keeps crashing, with its exit code and last output, and backs off in between', async () => {
    const lines: string[] = [];
    let gaveUp = '';
    const sup = new Supervisor({ baseDelayMs: 20, maxCrashes: 3, windowMs: 60_000, log: (l) => lines.push(l), onGiveUp: (n, why) => (gaveUp = `${n}: ${why}`) });
    try {
      await sup.start(spec('ttu', "console.log('ready'); setTimeout(() => { console.error('cannot reach the database'); process.exit(3) }, 30)"));
      await until(() => gaveUp !== '');
      expect(gaveUp).toMatch(/^ttu: ttu exited with code 3 after .*cannot reach the database/);
      expect(lines.filter((l) => l.includes('restarting in'))).toHaveLength(3);
      // 20 ms, 40 ms, 80 ms: the pause doubles with each crash in a row.
      expect(lines.filter((l) => l.includes('restarting in')).map((l) => /restarting in (\d+) ms/.exec(l)![1])).toEqual(['20', '40', '80']);
      expect(lines.at(-1)).toMatch(/crashed 4 times within 60 s, giving up$/);
      expect(sup.restarts()).toEqual({ ttu: 3 });
    } finally {
      await sup.stopAll();
    }
  });

  it('does not restart a process stopped on purpose, and starts it again when asked', async () => {
    const lines: string[] = [];
    const sup = new Supervisor({ baseDelayMs: 20, log: (l) => lines.push(l) });
    try {
      await sup.start(spec('muenster', SERVE));
      await sup.stop('muenster');
      await new Promise((r) => setTimeout(r, 200));
      expect(lines).toEqual([]);
      expect(sup.restarts()).toEqual({ muenster: 0 });
      await sup.restart('muenster');
      expect(sup.pid('muenster')).toBeGreaterThan(0);
    } finally {
      await sup.stopAll();
    }
  });

  it('a process that fails its first start is reported, not restarted', async () => {
    const sup = new Supervisor({ baseDelayMs: 20 });
    await expect(sup.start(spec('gateway', "console.error('GATEWAY_PORT: port 99999 is outside 0-65535'); process.exit(1)"))).rejects.toThrow(
      /gateway did not start: exited 1 \(last output: GATEWAY_PORT: port 99999/,
    );
    await sup.stopAll();
  });
});
