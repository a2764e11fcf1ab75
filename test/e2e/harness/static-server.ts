import { createServer, type Server } from 'node:http';
import { serveRendererPath } from '../../../main/electron/app-protocol';

/** A running static server for the built renderer. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves `root` (out/renderer) on 127.0.0.1 through main/electron/app-protocol.ts, the handler
 * of the app's paraphe:// scheme: only files under root, with the app's CSP header.
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    // The very code Electron's paraphe:// handler runs: same files, types and headers.
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const response = await serveRendererPath(root, url.pathname, req.method);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('adresse du serveur inconnue');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
