import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { RenderedDocument, RenderTimings } from '../document.render.js';
import type { DocumentSnapshot } from '../document.snapshot.js';
import type { SigningIdentity } from '../signing/signing-identity.js';

/**
 * Render-and-sign on every core: a pool of worker threads (piscina, a maintained pool with a
 * queue, cancellation and worker recycling). The workers load TypeScript through tsx like the
 * process itself.
 */
export class RenderPool {
  private readonly pool: Piscina;

  constructor(identity: SigningIdentity, threads = availableParallelism()) {
    const fromSource = import.meta.url.endsWith('.ts');
    // A worker thread refuses V8 flags (ERR_WORKER_INVALID_EXEC_ARGV), and the consortium runs
    // with a heap bound and growing factor (docs/operations.md). V8's flags are the process's,
    // so its workers get the same limits anyway.
    const inherited = process.execArgv.filter((a) => !/^--(max-(old|semi)-space-size|heap-growing-percent)/.test(a));
    const execArgv = !fromSource || inherited.some((a) => a.includes('tsx')) ? inherited : [...inherited, '--import', 'tsx'];
    this.pool = new Piscina({
      // From source (tsx) the worker is its TypeScript; in the production bundle it is the worker's
      // own bundle beside it (scripts/lib/process-bundles.ts).
      filename: new URL(fromSource ? './render.worker.ts' : './render.worker.mjs', import.meta.url).href,
      workerData: { identityPem: `${identity.privateKeyPem}${identity.certificatePem}` },
      // No worker until a document is rendered, and none a minute after the last: rendering is
      // occasional, and a resident worker (pdfmake, its fonts, the signing libraries) held about
      // 40 MiB of the consortium's memory all the time (issue 16: ≤ 300 MiB after paging
      // through 10,000 students). The first render after a quiet minute starts a worker.
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      execArgv,
    });
  }

  get threads(): number {
    return this.pool.options.maxThreads;
  }

  async render(snapshot: DocumentSnapshot, signal?: AbortSignal, current = false): Promise<RenderedDocument & { timings: RenderTimings }> {
    const out = (await this.pool.run({ snapshot, current }, signal ? { signal } : {})) as { pdf: Uint8Array; xml: string | null; timings: RenderTimings };
    return { pdf: Buffer.from(out.pdf.buffer, out.pdf.byteOffset, out.pdf.byteLength), xml: out.xml, timings: out.timings };
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
