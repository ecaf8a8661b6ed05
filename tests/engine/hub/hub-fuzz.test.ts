import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { METHOD_NAMES } from '../../../shared/method-names.js';
import { childHub, expectAlive, stopHub, type HubProcess } from './hub-process-helpers.js';
import { rawRequest } from './raw-http.js';

/**
 * Invariant 4 against a real hub process: whatever arrives on its port (request lines, headers,
 * RPC path segments and bodies, WebSocket frames), the process never exits, answers /api/health
 * after every batch, and never needs its last-resort error path. A run is deterministic for its
 * seed (printed by fast-check on failure); `endOnFailure` because a dead hub stays dead.
 */
let hub: HubProcess & { admin: string };
let wallToken = '';

beforeAll(async () => {
  hub = await childHub();
  const add = spawnSync(process.execPath, ['--import', 'tsx', 'electron/hub/cli.ts', 'user', 'add', 'fuzzwall', '--role', 'wall', '--data', hub.dataDir], {
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  wallToken = /\b(nr_[\w-]+)/.exec(add.stdout)![1]!;
}, 60_000);

afterAll(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

const RUNS = { numRuns: 40, endOnFailure: true } as const;
const nasty = ['%', '%zz', '%E0%A4%A', '%00', '%2e%2e', '%2f', '%C0%AF', '%ff', '%%', '..', '//', '[', ']', '\\', '@', ':', '?', '#', '*', '"', '<', '>', '{', '}', '|', '^', '`', ' ', '\t'];
const pathPart = fc.oneof(fc.constantFrom(...nasty), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.string({ unit: 'binary-ascii', maxLength: 3 }));
const pathBody = fc.array(pathPart, { maxLength: 10 }).map((a) => a.join(''));
const methodLike = fc.oneof(
  fc.constantFrom(...METHOD_NAMES, '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'me.get.', '.', ''),
  fc.constantFrom(...METHOD_NAMES).map((m) => encodeURIComponent(m).replace(/\./g, '%2E')),
  pathBody,
);

function requestTarget(): fc.Arbitrary<string> {
  return fc.oneof(
    // Shapes a URL parser chokes on, often enough that every run has them.
    fc.constantFrom('//[', '//[::1', '//[%zz]/', '//%zz', 'http://%zz/', 'http://[/', 'https://%E0%A4%A/', 'http://a b/', 'http://:99999/', '/%', '/%E0%A4%A'),
    pathBody.map((p) => `//[${p}`),
    pathBody.map((p) => `/${p}`),
    pathBody.map((p) => `//${p}`),
    methodLike.map((m) => `/api/rpc/${m}`),
    pathBody.map((p) => `/api/${p}`),
    fc
      .tuple(fc.constantFrom('http://', 'https://', 'HTTP://', 'ws://', 'ftp://', 'http:', 'javascript:', '//'), fc.constantFrom('127.0.0.1', '%zz', '[', '[::1]', 'evil.example', '', 'a@b', '999.1.1.1:99999'), pathBody)
      .map(([s, h, p]) => `${s}${h}/${p}`),
    fc.constantFrom('*', '127.0.0.1:4780', 'evil.example:443', '', ' ', '/api/rpc/', '/api/rpc/%', '/api/ws', '/api/health', '/api/health?%zz', '/#/wall'),
  );
}

function headers(port: number): fc.Arbitrary<string[]> {
  const host = fc.constantFrom(`127.0.0.1:${port}`, 'localhost', `localhost:${port}`, 'evil.example', '', '[', '%zz', '[::1]:1', 'a:b:c', `127.0.0.1:${port}:9`);
  const auth = fc.oneof(
    fc.constantFrom(`Bearer ${hub.admin}`, `Bearer ${wallToken}`, 'Bearer', 'Bearer  ', 'Basic abc', `bearer ${hub.admin} extra`),
    fc.string({ maxLength: 40 }).map((s) => `Bearer nr_${s}`),
  );
  const one = fc.oneof(
    host.map((h) => `Host: ${h}`),
    auth.map((a) => `Authorization: ${a}`),
    fc.constantFrom('null', 'http://evil.example', `http://127.0.0.1:${port}`, 'app://newsroom', '%zz').map((o) => `Origin: ${o}`),
    fc.constantFrom('-1', 'abc', '99999999999999999999', '0', '5', '1, 2', '2000000').map((n) => `Content-Length: ${n}`),
    fc.constantFrom('chunked', 'gzip, chunked', 'identity', 'chunked, chunked').map((t) => `Transfer-Encoding: ${t}`),
    fc.constantFrom('Upgrade: websocket', 'Connection: Upgrade', 'Connection: close', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: 99', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Key: %zz'),
    fc.constantFrom('application/json', 'text/plain', '', 'application/json; charset=%zz').map((t) => `Content-Type: ${t}`),
    fc.integer({ min: 1_000, max: 40_000 }).map((n) => `X-Big: ${'a'.repeat(n)}`),
  );
  const odd = fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 30 }).map((s) => `X-Odd: ${s}`), fc.string({ unit: 'binary-ascii', maxLength: 30 }));
  return fc.tuple(host, fc.array(one, { maxLength: 6 }), fc.option(odd, { freq: 5 })).map(([h, rest, o]) => [`Host: ${h}`, ...rest, ...(o === null ? [] : [o])]);
}

function rawHttpRequest(port: number): fc.Arbitrary<string> {
  // Mostly well-formed around the target, so most requests reach the hub's own code rather than Node's parser.
  const method = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH') },
    { weight: 1, arbitrary: fc.constantFrom('CONNECT', 'TRACE', 'get', 'G E T', '') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 6 }) },
  );
  const version = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('HTTP/1.1', 'HTTP/1.0') }, { weight: 1, arbitrary: fc.constantFrom('HTTP/2.0', 'HTTP/1.1 x', '', 'HTTP/9.9', 'http/1.1') });
  const body = fc.oneof(fc.constant(''), fc.json({ maxDepth: 3 }), fc.string({ maxLength: 200 }), fc.constant('5\r\nhello\r\nzz\r\n'), fc.constant('0\r\n\r\n'));
  const many = fc.integer({ min: 0, max: 150 }).map((n) => Array.from({ length: n }, (_, i) => `X-H${i}: v`));
  return fc
    .tuple(method, requestTarget(), version, headers(port), many, body)
    .map(([m, t, v, hs, extra, b]) => `${m} ${t} ${v}\r\n${[...hs, ...extra].join('\r\n')}${hs.length + extra.length ? '\r\n' : ''}\r\n${b}`);
}

/** A JSON value built to trip naive code: keys that shadow Object.prototype, numbers where strings go, deep nesting. */
const nastyKey = fc.constantFrom('__proto__', 'toString', 'valueOf', 'constructor', 'prototype', 'hasOwnProperty', 'then', 'type', 'id', 'method', 'params', 'token', 'since', 'feedId', 'limit', 'name', 'role');
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom({ toString: 1 }, { valueOf: 1 }, { toString: { valueOf: 1 } }, [], [[]], -0, 1e308, -1, 2 ** 53 + 1, '', '\u0000', '\ud800'),
  fc.dictionary(nastyKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** JSON text with an own "__proto__" key (JSON.stringify cannot write one from an object literal). */
const protoJson = (inner: unknown) => `{"__proto__":${JSON.stringify(inner)},"type":"call","id":7,"method":"me.get"}`;

function wsFrames(): fc.Arbitrary<Array<string | Buffer>> {
  const frameObject = fc.record(
    {
      type: fc.oneof(fc.constantFrom('auth', 'call', 'ready', 'change', '__proto__', ''), nastyValue),
      id: fc.oneof(fc.integer(), fc.string({ maxLength: 120 }), nastyValue),
      method: fc.oneof(methodLike, nastyValue),
      params: nastyValue,
      token: fc.oneof(fc.constantFrom(hub.admin, wallToken, 'nr_wrong'), nastyValue),
      since: fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.constant(9_999_999), nastyValue),
      feedId: nastyValue,
    },
    { requiredKeys: [] },
  );
  const frame = fc.oneof(
    { weight: 6, arbitrary: frameObject.map((o) => JSON.stringify(o)) },
    { weight: 2, arbitrary: fc.constantFrom(...METHOD_NAMES).chain((m) => nastyValue.map((params) => JSON.stringify({ type: 'call', id: 1, method: m, params }))) },
    { weight: 1, arbitrary: nastyValue.map(protoJson) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 300_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 150_000 }).map((n) => `{"type":"call","id":1,"method":"items.list","params":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`) },
    { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => JSON.stringify({ type: 'call', id: 2, method: 'me.get', params: { pad: 'x'.repeat(n) } })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) },
  );
  return fc.array(frame, { minLength: 5, maxLength: 25 });
}

async function inParallel<T>(items: T[], width: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

function openWs(url: string): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/ws`, { maxPayload: 64 * 1024 * 1024 });
    ws.on('error', () => resolve(null));
    ws.once('open', () => resolve(ws));
  });
}

describe('hub fuzz (a real hub process; it must answer /api/health after every batch)', () => {
  it('raw request lines and headers: malformed URLs, percent-encodings, absolute forms, huge and many headers', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rawHttpRequest(hub.port), { minLength: 30, maxLength: 30 }), async (batch) => {
        await inParallel(batch, 10, (req) => rawRequest(hub.port, req, 400));
        await expectAlive(hub);
      }),
      RUNS,
    );
  });

  it('every RPC path segment shape, with and without a token, with hostile bodies', { timeout: 120_000 }, async () => {
    const body = fc.oneof(
      nastyValue.map((v) => JSON.stringify(v) ?? ''),
      nastyValue.map((v) => `{"__proto__":${JSON.stringify(v) ?? 'null'}}`),
      fc.integer({ min: 1, max: 200_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
      fc.constantFrom('', '{', 'null', '[]', '"x"', '{"limit":"lots"}', `{"pad":"${'x'.repeat(1_100_000)}"}`),
    );
    const token = fc.constantFrom<string | null>(null, hub.admin, wallToken, 'nr_not_a_token');
    const request = fc.tuple(methodLike, body, token, fc.constantFrom('POST', 'GET')).map(([m, b, t, verb]) => {
      const bytes = Buffer.byteLength(b);
      return `${verb} /api/rpc/${m} HTTP/1.1\r\nHost: 127.0.0.1:${hub.port}\r\n${t ? `Authorization: Bearer ${t}\r\n` : ''}Content-Type: application/json\r\nContent-Length: ${bytes}\r\nConnection: close\r\n\r\n${b}`;
    });
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 30, maxLength: 30 }), async (batch) => {
        await inParallel(batch, 10, (req) => rawRequest(hub.port, req, 1_500));
        await expectAlive(hub);
      }),
      RUNS,
    );
  });

  it('every WebSocket frame shape: objects with toString/valueOf, __proto__, deep nesting, huge strings, binary frames', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(wsFrames(), async (frames) => {
        const anonymous = await openWs(hub.url);
        const admin = await openWs(hub.url);
        const wall = await openWs(hub.url);
        admin?.send(JSON.stringify({ type: 'auth', token: hub.admin, since: 0 }));
        wall?.send(JSON.stringify({ type: 'auth', token: wallToken, since: null }));
        const sockets = [anonymous, admin, wall].filter((s): s is WebSocket => s !== null);
        frames.forEach((f, i) => {
          const ws = sockets[i % sockets.length];
          if (ws?.readyState === WebSocket.OPEN) ws.send(f, { binary: typeof f !== 'string' });
        });
        // A frame over the hub's 1 MiB limit closes its socket; the hub itself carries on.
        if (anonymous?.readyState === WebSocket.OPEN) anonymous.send(`"${'y'.repeat(1024 * 1024 + 10)}"`);
        await new Promise((r) => setTimeout(r, 250));
        for (const ws of sockets) ws.terminate();
        await expectAlive(hub);
      }),
      RUNS,
    );
  });

  it('the process never needed its last resort: no uncaught exception, no unhandled rejection, no internal error logged', async () => {
    await expectAlive(hub);
    expect(hub.child.exitCode).toBeNull();
    const output = hub.output();
    expect(output).not.toMatch(/uncaught|unhandled|ERR_UNHANDLED_REJECTION/i);
    // consoleLogger lines are "<time> <level> <message>": warnings (foreign origin, failed sign-ins) are expected, errors are not.
    expect(output.split('\n').filter((l) => /^\S+ error /.test(l))).toEqual([]);
  });
});
