import { afterAll } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';

/** The real HTTP server on a loopback port, stopped after the test file. */
export async function startLiveServer(dataDir: string, options: { maxOpen?: number; idleCloseMs?: number } = {}): Promise<RunningServer> {
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', ...options });
  afterAll(() => server.stop());
  return server;
}

/** A browser-like client (optionally carrying on a session): keeps its cookie, sends our Origin on POSTs, never follows redirects. */
export function browser(base: string, startingCookie = '') {
  let cookie = startingCookie;
  const remember = (res: Response) => {
    const set = res.headers.get('set-cookie');
    const match = set && /dinkydash_session=([^;]*)/.exec(set);
    if (match) cookie = match[1] ? `dinkydash_session=${match[1]}` : '';
    return res;
  };
  return {
    get cookie() {
      return cookie;
    },
    get: async (path: string, headers: Record<string, string> = {}) =>
      remember(await fetch(`${base}${path}`, { redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...headers } })),
    post: async (path: string, form: Record<string, string> | FormData, headers: Record<string, string> = {}) =>
      remember(
        await fetch(`${base}${path}`, {
          method: 'POST',
          redirect: 'manual',
          body: form instanceof FormData ? form : new URLSearchParams(form),
          headers: { origin: base, ...(cookie ? { cookie } : {}), ...headers },
        }),
      ),
  };
}
