import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from '../../../src-main/electron/app-protocol.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** A loopback HTTP server for the built renderer, sending the same security headers (CSP included) as the app's protocol. */
export interface RendererServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `rootDir` on 127.0.0.1 with a free port; GET only, no path outside the folder. */
export async function startRendererServer(rootDir: string): Promise<RendererServer> {
  const root = resolve(rootDir);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      const file = resolve(root, path === '/' ? 'index.html' : `.${path}`);
      if (request.method !== 'GET' || !file.startsWith(root + sep)) {
        response.writeHead(404, SECURITY_HEADERS).end();
        return;
      }
      try {
        const body = await readFile(file);
        response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        response.writeHead(404, SECURITY_HEADERS).end();
      }
    })();
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The renderer server has no TCP address.');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}
