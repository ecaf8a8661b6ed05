import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_ERROR_LIMITS } from '../../../shared/client-errors.js';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { addUser } from '../../../electron/engine/team/users.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { hubOn, rpc, tmpDataDir } from '../hub/hub-helpers.js';

interface Line {
  msg: string;
  data?: Record<string, unknown>;
}

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function start() {
  const clock = new FakeClock();
  const errors: Line[] = [];
  const log = { info: () => undefined, warn: () => undefined, error: (msg: string, data?: Record<string, unknown>) => void errors.push({ msg, ...(data ? { data } : {}) }) };
  hub = await hubOn(tmpDataDir(), { clock, log });
  const wall = addUser(hub.store, clock, 'lobby-wall', 'wall');
  return { hub, clock, errors, wall };
}

const report = (over: Record<string, unknown> = {}) => ({
  where: 'panel',
  panel: 'column:all',
  message: 'Cannot read properties of undefined',
  stack: 'TypeError: Cannot read properties of undefined\n    at ColumnBody (wall-column.tsx:12:3)',
  route: '#/wall?name=lobby',
  ...over,
});

describe('client.reportError', () => {
  it('lets the read-only wall report, and writes the report with its stack to the host log', async () => {
    const { hub, errors, wall } = await start();
    const res = await rpc(hub, 'client.reportError', wall, report());
    expect(res).toEqual({ status: 200, body: { logged: true } });
    expect(errors).toEqual([
      {
        msg: 'client error',
        data: expect.objectContaining({ user: 'lobby-wall', role: 'wall', where: 'panel', panel: 'column:all', stack: expect.stringContaining('at ColumnBody') }),
      },
    ]);
  });

  it('refuses a report over the caps or of an unknown kind, and an unsigned one', async () => {
    const { hub, errors, wall } = await start();
    expect((await rpc(hub, 'client.reportError', wall, report({ message: 'x'.repeat(CLIENT_ERROR_LIMITS.message + 1) }))).status).toBe(400);
    expect((await rpc(hub, 'client.reportError', wall, report({ stack: 'x'.repeat(CLIENT_ERROR_LIMITS.stack + 1) }))).status).toBe(400);
    expect((await rpc(hub, 'client.reportError', wall, report({ where: 'server' }))).status).toBe(400);
    expect((await rpc(hub, 'client.reportError', wall, report({ extra: 1 }))).status).toBe(400);
    expect((await rpc(hub, 'client.reportError', null, report())).status).toBe(401);
    expect(errors).toEqual([]);
  });

  it('rate-limits per user: past 20 a minute reports are dropped and counted, and the next line says how many', async () => {
    const { hub, clock, errors, wall } = await start();
    const admin = hub.adminToken!;
    const answers: unknown[] = [];
    for (let i = 0; i < 25; i++) answers.push((await rpc(hub, 'client.reportError', wall, report({ message: `boom ${i}` }))).body);
    expect(answers.filter((a) => (a as { logged: boolean }).logged)).toHaveLength(20);
    expect(answers.slice(20)).toEqual(Array(5).fill({ logged: false }));
    // Another user has a budget of their own.
    expect((await rpc(hub, 'client.reportError', admin, report())).body).toEqual({ logged: true });

    clock.advance(60_000);
    expect((await rpc(hub, 'client.reportError', wall, report({ message: 'after the window', suppressed: 3 }))).body).toEqual({ logged: true });
    const last = errors.at(-1)!.data!;
    expect(last).toMatchObject({ message: 'after the window', droppedByHost: 5, suppressedByClient: 3 });
    expect(errors).toHaveLength(22);
  });
});
