import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { APP_VERSION, type AppConfig, type SignupMode } from './config.js';
import { FamilyPool } from './tenants/pool.js';
import { tenantsDir } from './tenants/paths.js';
import { makeDirectory } from './tenants/make-directory.js';

export interface ServerOptions {
  dataDir: string;
  port: number;
  host: string;
  maxOpen?: number;
  idleCloseMs?: number;
  signup?: SignupMode;
  maxFamilies?: number;
}

export interface RunningServer {
  url: string;
  /** The port listened on (the one the system chose for port 0). */
  port: number;
  pool: FamilyPool;
  server: ServerType;
  /** Stops accepting connections, finishes requests in flight, closes every family file. */
  stop(): Promise<void>;
}

/** Starts the HTTP server. Nothing at start opens or scans the families: they open on first request. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  makeDirectory(tenantsDir(options.dataDir));
  const pool = new FamilyPool({ dataDir: options.dataDir, maxOpen: options.maxOpen, idleCloseMs: options.idleCloseMs });
  pool.startSweeping();
  const config: AppConfig = { dataDir: options.dataDir, signup: options.signup ?? 'open', maxFamilies: options.maxFamilies, version: APP_VERSION };
  const app = createApp({ pool, config });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    pool,
    server,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive connections would hold close() open; requests in flight still finish.
          (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        await pool.close();
      })();
      return stopping;
    },
  };
}
