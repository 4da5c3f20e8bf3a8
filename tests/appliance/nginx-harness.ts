// Runs the real nginx with the appliance's site (nginx/dinkydash.conf) on
// test ports, so tests can talk to it like a browser on the home network.
// The site file is used as it is; only its listen lines and its upstream
// address are rewritten (see the comment at the top of the site file).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandPath, requireInstalled } from '../helpers/test-needs.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sitePath = path.join(repoRoot, 'nginx/dinkydash.conf');

/** The nginx binary; throws a message saying how to install it when it is missing. */
export function nginxBinary(): string {
  requireInstalled('nginx');
  return commandPath('nginx')!;
}

/** The site text with nginx listening on 127.0.0.1:listenPort and proxying to 127.0.0.1:upstreamPort. */
export function siteForPorts(site: string, listenPort: number, upstreamPort: number): string {
  const rewritten = site
    .replace(/^(\s*)listen 80 default_server;$/m, `$1listen 127.0.0.1:${listenPort} default_server;`)
    .replace(/^\s*listen \[::\]:80 default_server;\n/m, '')
    .replace(/^(\s*)server 127\.0\.0\.1:8080;$/m, `$1server 127.0.0.1:${upstreamPort};`);
  if (!rewritten.includes(`listen 127.0.0.1:${listenPort}`) || !rewritten.includes(`server 127.0.0.1:${upstreamPort};`)) {
    throw new Error('nginx/dinkydash.conf no longer has the "listen 80 default_server;" and "server 127.0.0.1:8080;" lines that tests rewrite');
  }
  return rewritten;
}

/**
 * Writes a minimal nginx.conf into dir that includes sitePathInDir inside
 * http {}, like Debian's nginx.conf includes sites-enabled, with pid, logs
 * and temp folders inside dir. extraHttp is added to the http block.
 */
export function writeNginxConfig(dir: string, includedSite: string, extraHttp = ''): string {
  const confPath = path.join(dir, 'nginx.conf');
  const temp = (name: string) => path.join(dir, name);
  fs.writeFileSync(
    confPath,
    `daemon off;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
worker_processes 1;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${temp('access.log')};
    client_body_temp_path ${temp('client_body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};
${extraHttp}
    include ${includedSite};
}
`,
  );
  return confPath;
}

/** The prefix nginx was built with (Debian: /usr/share/nginx), against which it resolves relative paths such as load_module's. */
export function nginxBuiltPrefix(): string {
  const result = spawnSync(nginxBinary(), ['-V'], { encoding: 'utf8' });
  const prefix = /--prefix=(\S+)/.exec(`${result.stdout}${result.stderr}`)?.[1];
  if (!prefix) throw new Error(`nginx -V does not say which prefix nginx was built with:\n${result.stdout}${result.stderr}`);
  return prefix;
}

export const ENABLED_MODULES_DIR = '/etc/nginx/modules-enabled';

/**
 * Debian's `include /etc/nginx/modules-enabled/*.conf;` spelled out, each
 * load_module path made absolute against nginx's built-in prefix. Tests run
 * nginx with a temporary prefix (-p), and nginx resolves a relative
 * `load_module modules/ngx_http_echo_module.so;` against that prefix, so a
 * machine with any dynamic module enabled failed with "dlopen() … failed".
 * Returns the directives and the modules they load.
 */
export function enabledModules(dir = ENABLED_MODULES_DIR): { directives: string; modules: string[] } {
  const prefix = nginxBuiltPrefix();
  // nginx's include globs in sorted order; dangling links (a removed module) are skipped by the glob too.
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.conf') && fs.existsSync(path.join(dir, name))).sort() : [];
  const modules: string[] = [];
  const directives = files
    .map((name) =>
      fs.readFileSync(path.join(dir, name), 'utf8').replace(/^(\s*load_module\s+)(["']?)([^"';\s]+)\2\s*;/gm, (_line, head: string, _quote, file: string) => {
        const absolute = path.resolve(prefix, file);
        modules.push(absolute);
        return `${head}${absolute};`;
      }),
    )
    .join('\n');
  return { directives, modules };
}

/** Runs `nginx -t` on a config; returns whether nginx accepted it and what it said. */
export function testNginxConfig(confPath: string): { ok: boolean; output: string } {
  const result = spawnSync(nginxBinary(), ['-t', '-p', path.dirname(confPath), '-c', confPath], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** `count` different TCP ports that nobody listens on right now. */
export async function freePorts(count: number): Promise<number[]> {
  // All held open together, so the system cannot hand out one port twice.
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = net.createServer();
      return new Promise<net.Server>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      });
    }),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port as number;
}

async function waitForPort(port: number, nginx: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port}: ${log()}`);
}

export interface RunningNginx {
  /** http://127.0.0.1:<port> */
  origin: string;
  stop(): Promise<void>;
}

/** Starts nginx with the DinkyDash site on listenPort, proxying to upstreamPort. */
export async function startNginx(options: { listenPort: number; upstreamPort: number; extraHttp?: string }): Promise<RunningNginx> {
  const binary = nginxBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-nginx-'));
  // nginx started as root runs its workers as "nobody", who must reach the temp folders.
  fs.chmodSync(dir, 0o755);
  const site = path.join(dir, 'dinkydash.conf');
  fs.writeFileSync(site, siteForPorts(fs.readFileSync(sitePath, 'utf8'), options.listenPort, options.upstreamPort));
  const confPath = writeNginxConfig(dir, site, options.extraHttp);
  let output = '';
  const nginx = spawn(binary, ['-p', dir, '-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  nginx.stdout?.on('data', (chunk) => (output += chunk));
  nginx.stderr?.on('data', (chunk) => (output += chunk));
  const log = () => {
    const errorLog = path.join(dir, 'error.log');
    return output + (fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : '');
  };
  await waitForPort(options.listenPort, nginx, log);
  return {
    origin: `http://127.0.0.1:${options.listenPort}`,
    async stop() {
      if (nginx.exitCode === null) {
        const exited = new Promise((resolve) => nginx.once('exit', resolve));
        nginx.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
