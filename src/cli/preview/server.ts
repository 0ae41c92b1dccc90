/**
 * The preview's web server: Node's own `http`, bound to the loopback address
 * only. It serves the page (page/), pdf.js's browser build from inside the
 * package (dist/pdfjs/, Brotli-compressed, see scripts/vendor-pdfjs.mjs;
 * never a CDN), the current PDF, and a stream of server-sent events
 * that tells the page when a build is done or has failed. Nothing else: no
 * folder listings, no files by path. A request whose Host header is not this
 * server's own loopback address is refused, so a web page on another site
 * cannot reach it by pointing a DNS name at 127.0.0.1 (DNS rebinding).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../../errors.js';
import { PACKAGE_ROOT } from '../../paths.js';

export const LOOPBACK = '127.0.0.1';

/** One place in a file, as the page lists problems and warnings. */
export interface PreviewProblem {
  file?: string;
  line?: number;
  column?: number;
  path: string;
  message: string;
}

/** What the page shows besides the PDF; sent to it whole on every change. */
export interface PreviewState {
  /** The content file, as the user named it. */
  file: string;
  headline?: string;
  /** Increases with every successful build; -1 before the first. */
  version: number;
  /** A build is under way. */
  building: boolean;
  /** The last good build's fit and warnings (kept while a later build has failed). */
  fit?: { summary: string; passes: number; layouts: number; scale: { type: number; space: number }; spareHeight: number };
  pages?: number;
  warnings: PreviewProblem[];
  builtAt?: string;
  /** Milliseconds the last good build took. */
  ms?: number;
  /** The latest build failed: why, where, and what to do. */
  error?: {
    title: string;
    problems: PreviewProblem[];
    hint?: string;
    /** The PDF shown is this build's, not the last good one (content that runs over the page, laid out anyway). */
    shown?: boolean;
  };
}

interface Asset {
  file: string;
  type: string;
  /** Stored Brotli-compressed: sent so to a browser that accepts it, else uncompressed here. */
  br?: boolean;
}

const PAGE_DIR = fileURLToPath(new URL('src/cli/preview/page/', PACKAGE_ROOT));
const PDFJS_DIR = fileURLToPath(new URL('dist/pdfjs/', PACKAGE_ROOT));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.bcmap': 'application/octet-stream',
  '.icc': 'application/octet-stream',
};

const ASSETS: Record<string, Asset> = {
  '/': { file: join(PAGE_DIR, 'index.html'), type: TYPES['.html']! },
  '/app.js': { file: join(PAGE_DIR, 'app.js'), type: TYPES['.js']! },
  '/app.css': { file: join(PAGE_DIR, 'app.css'), type: TYPES['.css']! },
  '/pdfjs/pdf.mjs': { file: join(PDFJS_DIR, 'pdf.mjs.br'), type: TYPES['.mjs']!, br: true },
  '/pdfjs/pdf.worker.mjs': { file: join(PDFJS_DIR, 'pdf.worker.mjs.br'), type: TYPES['.mjs']!, br: true },
  '/pdfjs/pdf_viewer.css': { file: join(PDFJS_DIR, 'pdf_viewer.css.br'), type: TYPES['.css']!, br: true },
};

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export class PreviewServer {
  readonly url: string;
  private state: PreviewState;
  private pdf: { bytes: Buffer; version: number; name: string } | undefined;
  private readonly clients = new Set<ServerResponse>();
  private readonly cache = new Map<string, Buffer>();
  private readonly heartbeat: NodeJS.Timeout;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    file: string,
  ) {
    this.url = `http://${LOOPBACK}:${port}/`;
    this.state = { file, version: -1, building: true, warnings: [] };
    server.on('request', (req, res) => this.handle(req, res));
    // Proxies and some browsers drop a stream that stays silent for long.
    this.heartbeat = setInterval(() => this.broadcast(': ping\n\n'), 15_000);
    this.heartbeat.unref();
  }

  /** Listens on 127.0.0.1, on `port` or (0, the default) a free one. */
  static async start(options: { port?: number; file: string }): Promise<PreviewServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      const fail = (err: NodeJS.ErrnoException) => {
        const port = options.port ?? 0;
        if (err.code === 'EADDRINUSE')
          reject(
            new UsageError(`port ${port} on ${LOOPBACK} is in use`, {
              hint: 'choose another with --port, or leave --port out for a free one',
            }),
          );
        else if (err.code === 'EACCES')
          reject(new UsageError(`not allowed to listen on port ${port}`, { hint: 'choose a port above 1023, or leave --port out' }));
        else reject(err);
      };
      server.once('error', fail);
      server.listen(options.port ?? 0, LOOPBACK, () => {
        server.off('error', fail);
        resolve();
      });
    });
    return new PreviewServer(server, (server.address() as AddressInfo).port, options.file);
  }

  /** A new state for the page; with `pdf`, a new build to show. */
  publish(state: Omit<PreviewState, 'version'>, pdf?: { bytes: Buffer; name: string }): PreviewState {
    const version = pdf ? (this.pdf?.version ?? -1) + 1 : this.state.version;
    if (pdf) this.pdf = { ...pdf, version };
    this.state = { ...state, version };
    this.broadcast(`event: state\ndata: ${JSON.stringify(this.state)}\n\n`);
    return this.state;
  }

  get current(): PreviewState {
    return this.state;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private broadcast(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }

  private allowedHost(host: string | undefined): boolean {
    if (!host) return false;
    const h = host.toLowerCase();
    return h === `${LOOPBACK}:${this.port}` || h === `localhost:${this.port}`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (!this.allowedHost(req.headers.host)) {
      return this.plain(res, 403, `This preview answers only at ${this.url}\n`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.plain(res, 405, 'method not allowed\n');
    }
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (path === '/events') return this.events(req, res);
    if (path === '/state') return this.send(res, 200, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(this.state)), req);
    if (path === '/briefing.pdf') {
      if (!this.pdf) return this.plain(res, 404, 'no PDF yet: the first build has not succeeded\n');
      res.setHeader('X-Briefing-Version', String(this.pdf.version));
      res.setHeader('Content-Disposition', `inline; filename="${this.pdf.name}"`);
      return this.send(res, 200, 'application/pdf', this.pdf.bytes, req);
    }
    if (path === '/favicon.ico') return this.send(res, 204, 'image/x-icon', Buffer.alloc(0), req);
    const asset = ASSETS[path];
    if (!asset) return this.plain(res, 404, 'not found\n');
    const br = asset.br === true && /\bbr\b/.test(String(req.headers['accept-encoding'] ?? ''));
    this.asset(asset, asset.br === true && !br)
      .then((bytes) => this.send(res, 200, asset.type, bytes, req, br))
      .catch(() => this.plain(res, 404, 'not found\n'));
  }

  /** An asset's bytes, as stored or (`decode`) uncompressed. */
  private async asset(asset: Asset, decode: boolean): Promise<Buffer> {
    const key = `${asset.file}${decode ? ' decoded' : ''}`;
    let bytes = this.cache.get(key);
    if (!bytes) {
      bytes = await readFile(asset.file);
      this.cache.set(key, (bytes = decode ? brotliDecompressSync(bytes) : bytes));
    }
    return bytes;
  }

  private events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(`retry: 1000\n\nevent: state\ndata: ${JSON.stringify(this.state)}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  private send(res: ServerResponse, status: number, type: string, body: Buffer, req: IncomingMessage, br = false): void {
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      ...(br && { 'Content-Encoding': 'br', Vary: 'Accept-Encoding' }),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private plain(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  }
}
