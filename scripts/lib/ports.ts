import { createServer } from 'node:net';

/**
 * A port free on 127.0.0.1 right now, chosen at random below the kernel's ephemeral range
 * (32768-60999 on Linux). A port the OS hands out (listen on 0) comes from that range, where
 * outgoing connections take their local ports too: a hub that seeds for minutes before it
 * listens could find "its" port taken by then. Random, so parallel runs rarely pick the same one.
 */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isFree(port)) return port;
  }
  throw new Error('no free port found between 20000 and 32000');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
