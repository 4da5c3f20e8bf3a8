import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeEach, vi } from 'vitest';

// Stand-ins for Open-Meteo: real HTTP servers on 127.0.0.1, whose answer each
// test sets. A guard on every socket's connect() makes sure the weather tests
// talk to 127.0.0.1 and nothing else, even if the code under test were wrong.

export interface StandIn {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Every request's path and query, in order. */
  requests: URL[];
  /** How the next requests are answered. */
  answer: http.RequestListener;
  close(): Promise<void>;
}

export async function startStandIn(answer: http.RequestListener = (_, res) => res.writeHead(404).end()): Promise<StandIn> {
  const standIn: StandIn = { origin: '', requests: [], answer, close: async () => {} };
  const server = http.createServer((req, res) => {
    standIn.requests.push(new URL(req.url ?? '/', 'http://stand-in'));
    standIn.answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  standIn.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  afterAll(() => standIn.close());
  return standIn;
}

/** An answer of JSON with a status. */
export function json(body: unknown, status = 200): http.RequestListener {
  return (_, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A 127.0.0.1 address where nothing listens: a connection is refused. */
export async function refusedOrigin(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Fails any connection to anything but 127.0.0.1 (installed around each test of the file). */
export function onlyLoopback(): { hosts: string[] } {
  const seen = { hosts: [] as string[] };
  const connect = net.Socket.prototype.connect;
  beforeEach(() => {
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      const first = args[0];
      const options = (Array.isArray(first) ? first[0] : first) as net.TcpNetConnectOpts | undefined;
      const host = typeof options === 'object' && options !== null ? (options.host ?? 'localhost') : String(first);
      seen.hosts.push(host);
      if (host !== '127.0.0.1') throw new Error(`the weather tests may connect to 127.0.0.1 only, not ${host}`);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return seen;
}

/** Open-Meteo's forecast answer for five days from `first` (YYYY-MM-DD), as the API sends it. */
export function forecastAnswer(first: string, options: { temperature?: number; code?: number; isDay?: 0 | 1; max?: number[]; min?: number[]; codes?: number[]; rain?: (number | null)[] } = {}) {
  const start = new Date(`${first}T00:00:00Z`).getTime();
  const time = Array.from({ length: 5 }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
  return {
    latitude: 52.52,
    longitude: 13.419998,
    generationtime_ms: 0.1,
    utc_offset_seconds: 3600,
    timezone: 'Europe/Berlin',
    timezone_abbreviation: 'GMT+1',
    elevation: 38,
    current_units: { time: 'iso8601', interval: 'seconds', temperature_2m: '°C', weather_code: 'wmo code', is_day: '' },
    current: { time: `${first}T11:00`, interval: 900, temperature_2m: options.temperature ?? 7.4, weather_code: options.code ?? 2, is_day: options.isDay ?? 1 },
    daily_units: { time: 'iso8601', weather_code: 'wmo code', temperature_2m_max: '°C', temperature_2m_min: '°C', precipitation_probability_max: '%' },
    daily: {
      time,
      weather_code: options.codes ?? [2, 63, 0, 73, 95],
      temperature_2m_max: options.max ?? [9.6, 11.2, 14.5, 1.4, 18],
      temperature_2m_min: options.min ?? [2.1, 4.4, 5, -3.6, 9.5],
      precipitation_probability_max: options.rain ?? [35, 80, 0, 60, null],
    },
  };
}
