/**
 * Runs the hub's processes and keeps them running: a process that dies without being asked to is
 * started again after a pause that doubles with each crash in a row (backoff), with a log line
 * saying why it died (exit code or signal, its last lines of output) and another when it is back.
 * A process that crashes more than `maxCrashes` times within `windowMs` is given up on; the owner
 * (npm start) then stops the hub and exits non-zero rather than run degraded without saying so.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves once the process serves; rejects when it cannot (the supervisor treats that as a crash). */
  ready(child: ChildProcess): Promise<void>;
}

export interface SupervisorOptions {
  /** First pause before a restart; doubled per crash in a row up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** More crashes than this within `windowMs` and the process is given up on. */
  maxCrashes?: number;
  windowMs?: number;
  /** Lines of a process's own output, for `verbose` display. */
  output?: (name: string, line: string) => void;
  /** Supervision events (death, restart, back up, given up), one human line each. */
  log?: (line: string) => void;
  /** Called once when a process keeps crashing; the hub cannot be trusted to serve any more. */
  onGiveUp?: (name: string, reason: string) => void;
}

/** The last lines a process printed, kept bounded (a crash loop must not grow memory). */
class Tail {
  private lines: string[] = [];
  constructor(private readonly max = 5) {}
  push(line: string) {
    this.lines.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  text() {
    return this.lines.join(' | ');
  }
}

interface Entry {
  spec: ProcessSpec;
  child: ChildProcess | null;
  /** Set while a stop was asked for: that exit is not a crash. */
  stopping: boolean;
  crashes: number[];
  consecutive: number;
  startedAt: number;
  restarts: number;
  tail: Tail;
  timer: NodeJS.Timeout | null;
  givenUp: boolean;
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exited with code ${code}`;
}

export class Supervisor {
  private readonly entries = new Map<string, Entry>();
  private readonly opts: Required<Omit<SupervisorOptions, 'onGiveUp'>> & Pick<SupervisorOptions, 'onGiveUp'>;
  private closed = false;

  constructor(options: SupervisorOptions = {}) {
    this.opts = {
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 15_000,
      maxCrashes: options.maxCrashes ?? 5,
      windowMs: options.windowMs ?? 120_000,
      output: options.output ?? (() => {}),
      log: options.log ?? (() => {}),
      onGiveUp: options.onGiveUp,
    };
  }

  /** Starts a process and waits until it is ready; a process that fails its first start is not restarted. */
  async start(spec: ProcessSpec): Promise<void> {
    const entry: Entry = { spec, child: null, stopping: false, crashes: [], consecutive: 0, startedAt: 0, restarts: 0, tail: new Tail(), timer: null, givenUp: false };
    this.entries.set(spec.name, entry);
    const child = this.spawn(entry);
    try {
      await spec.ready(child);
    } catch (e) {
      entry.stopping = true;
      await stopChild(child);
      const why = entry.tail.text();
      throw new Error(`${spec.name} did not start: ${e instanceof Error ? e.message : String(e)}${why ? ` (last output: ${why})` : ''}`);
    }
  }

  pid(name: string): number | undefined {
    return this.entries.get(name)?.child?.pid;
  }

  pids(): Record<string, number> {
    return Object.fromEntries([...this.entries].map(([n, e]) => [n, e.child?.pid ?? 0]));
  }

  /** How often each process has been restarted since the start. */
  restarts(): Record<string, number> {
    return Object.fromEntries([...this.entries].map(([n, e]) => [n, e.restarts]));
  }

  /** Sends a signal to a process as a fault would (SIGKILL is then restarted, SIGSTOP freezes it). */
  signal(name: string, signal: NodeJS.Signals): void {
    const child = this.entries.get(name)?.child;
    if (!child?.pid) throw new Error(`no running process ${name}`);
    process.kill(child.pid, signal);
  }

  /** Stops one process on purpose: it stays down until `restart`. */
  async stop(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) return;
    entry.stopping = true;
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.child) await stopChild(entry.child);
  }

  /** Starts a process stopped on purpose again and waits until it is ready. */
  async restart(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`no process ${name}`);
    await this.stop(name);
    entry.stopping = false;
    await entry.spec.ready(this.spawn(entry));
  }

  async stopAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.entries.keys()].map((n) => this.stop(n)));
  }

  private spawn(entry: Entry): ChildProcess {
    const { spec } = entry;
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    entry.child = child;
    entry.startedAt = Date.now();
    const onData = (d: Buffer) =>
      d
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((line) => {
          entry.tail.push(line);
          this.opts.output(spec.name, line);
        });
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      if (entry.child !== child) return;
      if (entry.stopping || this.closed) return;
      this.crashed(entry, describeExit(code, signal));
    });
    return child;
  }

  private crashed(entry: Entry, how: string): void {
    const { name } = entry.spec;
    const now = Date.now();
    const upSeconds = ((now - entry.startedAt) / 1000).toFixed(1);
    entry.crashes = entry.crashes.filter((t) => now - t < this.opts.windowMs);
    entry.crashes.push(now);
    // A process that stayed up longer than the window starts its backoff afresh.
    entry.consecutive = now - entry.startedAt > this.opts.windowMs ? 1 : entry.consecutive + 1;
    const last = entry.tail.text();
    const reason = `${name} ${how} after ${upSeconds} s${last ? `; last output: ${last}` : ''}`;
    if (entry.crashes.length > this.opts.maxCrashes) {
      entry.givenUp = true;
      this.opts.log(`${reason}; it crashed ${entry.crashes.length} times within ${this.opts.windowMs / 1000} s, giving up`);
      this.opts.onGiveUp?.(name, reason);
      return;
    }
    const delay = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (entry.consecutive - 1));
    this.opts.log(`${reason}; restarting in ${delay < 1000 ? `${delay} ms` : `${(delay / 1000).toFixed(1)} s`} (crash ${entry.crashes.length} of at most ${this.opts.maxCrashes} within ${this.opts.windowMs / 1000} s)`);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (entry.stopping || this.closed) return;
      const began = Date.now();
      const child = this.spawn(entry);
      entry.restarts += 1;
      entry.spec.ready(child).then(
        () => this.opts.log(`${name} back up (pid ${child.pid}) after ${((Date.now() - began) / 1000).toFixed(1)} s, ${((Date.now() - now) / 1000).toFixed(1)} s after it died`),
        // Not ready and still running: stop it, which counts as the next crash.
        () => {
          if (entry.child === child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        },
      );
    }, delay);
  }
}

export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => {
      // A frozen (SIGSTOPped) process ignores SIGTERM until continued.
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGCONT');
    child.kill('SIGTERM');
  });
}
