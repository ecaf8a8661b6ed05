import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishAccount, ScheduledPost } from '../../../shared/publishing.js';
import { createSandbox, type Sandbox } from '../../../electron/sandbox/create-sandbox.js';
import type { FaultSpec } from '../../../electron/sandbox/faults.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { memorySecrets, openEngine, tmpDb, users, type TestEngine } from './harness.js';

// The real Mastodon publisher against the sandbox over HTTP; time is a fake clock shared by both,
// so the publisher's timeout, the 429 wait and the backoff are moved by the test, not waited for.
const TIMEOUT_MS = 5_000;

async function until<T>(what: string, fn: () => T | Promise<T>, ms = 5_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('publishing to the sandbox over HTTP', () => {
  let clock: FakeClock;
  let sandbox: Sandbox;
  let t: TestEngine;
  let account: PublishAccount;

  beforeEach(async () => {
    clock = new FakeClock();
    sandbox = await createSandbox({ scenario: null, clock, brandToken: 'brand-token' });
    t = await openEngine(tmpDb(), clock, memorySecrets(), null, {
      autoTick: false,
      requestTimeoutMs: TIMEOUT_MS,
      settleMs: 120_000,
      backoffBaseMs: 2_000,
      random: () => 0.5,
    });
    account = (
      await t.call<{ account: PublishAccount }>(users.admin, 'accounts.add', {
        platform: 'mastodon',
        name: 'Kettlebird',
        instanceUrl: sandbox.url,
        accessToken: 'brand-token',
        requireApproval: false,
      })
    ).account;
  });
  afterEach(async () => {
    await t.engine.stop();
    t.store.close();
    await sandbox.close();
  });

  const fault = async (...faults: FaultSpec[]) => {
    const res = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ faults }) });
    expect(res.status).toBe(200);
  };
  const post = async (text: string) =>
    (await t.call<{ posts: ScheduledPost[] }>(users.lead, 'posts.create', { accountIds: [account.id], text, scheduledAt: new Date(clock.now()).toISOString() })).posts[0]!;
  const get = (id: string) => t.store.posts.get(id)!;
  const ours = (text: string) => sandbox.published().filter((s) => (s.content ?? '').includes(text));
  /** A tick, then until the send it started has an answer recorded. */
  const tickAndSettle = async (id: string) => {
    await t.tick();
    await until('the send to be settled', () => get(id).status !== 'publishing');
  };

  it('accounts.add checks the token with verify_credentials and keeps the handle; a bad token is a clear 400', async () => {
    expect(account).toMatchObject({ handle: `${sandbox.brand.acct}@${new URL(sandbox.url).host}`, hasToken: true });
    await expect(
      t.call(users.admin, 'accounts.add', { platform: 'mastodon', name: 'x', instanceUrl: sandbox.url, accessToken: 'wrong', requireApproval: true }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/refused the access token/) });
    expect(t.store.accounts.list()).toHaveLength(1);
  });

  it('publishes with an Idempotency-Key: once, with the remote id and url', async () => {
    const p = await post('Kettles, but louder. #kettlebird');
    await tickAndSettle(p.id);
    const [status] = ours('Kettles, but louder.');
    expect(get(p.id)).toMatchObject({ status: 'published', remoteId: status!.id, remoteUrl: status!.url });
  });

  it('accept-then-timeout: unconfirmed, then reconciled to published by reading the account back — not re-sent', async () => {
    await fault({ kind: 'accept-then-timeout', path: '/api/v1/statuses', method: 'POST' });
    const p = await post('The one that got away');
    await t.tick();
    await until('the sandbox to accept the post', () => ours('The one that got away').length === 1);
    expect(get(p.id).status).toBe('publishing');
    clock.advance(TIMEOUT_MS);
    await until('the timeout to be recorded', () => get(p.id).status === 'unconfirmed');
    expect(get(p.id).attempts[0]).toMatchObject({ outcome: 'unknown', error: expect.stringMatching(/no answer/) });
    await t.tick();
    await until('reconciliation', () => get(p.id).status === 'published');
    const [status] = ours('The one that got away');
    expect(get(p.id)).toMatchObject({ remoteId: status!.id, remoteUrl: status!.url });
    clock.advance(600_000);
    await t.tick();
    expect(ours('The one that got away')).toHaveLength(1);
    expect(get(p.id).attempts).toHaveLength(1);
  });

  it('a connection reset before the server took it: unconfirmed, not found after the settle window, sent again once', async () => {
    await fault({ kind: 'reset', path: '/api/v1/statuses', method: 'POST' });
    const p = await post('Reset and retried');
    await tickAndSettle(p.id);
    expect(get(p.id).status).toBe('unconfirmed');
    await t.tick();
    clock.advance(60_000);
    await t.tick();
    expect(get(p.id).status).toBe('unconfirmed');
    clock.advance(61_000);
    await t.tick();
    await until('the settle window to close', () => get(p.id).status === 'scheduled');
    await tickAndSettle(p.id);
    expect(get(p.id).status).toBe('published');
    expect(ours('Reset and retried')).toHaveLength(1);
    expect(get(p.id).attempts.map((a) => a.outcome)).toEqual(['failed', 'sent']);
  });

  it('500 before the server accepts: retried with backoff once it clears, published once', async () => {
    await fault({ kind: 'status', status: 500, path: '/api/v1/statuses', method: 'POST', count: 2 });
    const p = await post('Through the storm');
    await tickAndSettle(p.id);
    expect(get(p.id)).toMatchObject({ status: 'scheduled', note: expect.stringMatching(/HTTP 500/) });
    clock.advance(1_500);
    await tickAndSettle(p.id);
    expect(get(p.id).status).toBe('scheduled');
    clock.advance(3_000);
    await tickAndSettle(p.id);
    expect(get(p.id).status).toBe('published');
    expect(ours('Through the storm')).toHaveLength(1);
    expect(get(p.id).attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'sent']);
  });

  it('429: waits until the server says, then publishes', async () => {
    await fault({ kind: 'status', status: 429, retryAfter: 30, path: '/api/v1/statuses', method: 'POST' });
    const p = await post('Patience');
    await tickAndSettle(p.id);
    expect(get(p.id)).toMatchObject({ status: 'scheduled', notBefore: new Date(clock.now() + 30_000).toISOString() });
    clock.advance(29_000);
    await t.tick();
    expect(get(p.id).attempts).toHaveLength(1);
    clock.advance(1_000);
    await tickAndSettle(p.id);
    expect(get(p.id).status).toBe('published');
    expect(ours('Patience')).toHaveLength(1);
  });

  it("422: failed at once with the platform's words, never retried", async () => {
    await fault({ kind: 'status', status: 422, path: '/api/v1/statuses', method: 'POST' });
    const p = await post('Rejected');
    await tickAndSettle(p.id);
    expect(get(p.id)).toMatchObject({ status: 'failed', note: expect.stringMatching(/HTTP 422.*Validation failed/) });
    clock.advance(600_000);
    await t.tick();
    expect(get(p.id).attempts).toHaveLength(1);
    expect(ours('Rejected')).toHaveLength(0);
  });

  it('a 2xx with a cut-off body is an unknown outcome, reconciled to published', async () => {
    await fault({ kind: 'truncated', path: '/api/v1/statuses', method: 'POST' });
    const p = await post('Half an answer');
    await tickAndSettle(p.id);
    expect(get(p.id).status).toBe('unconfirmed');
    await t.tick();
    await until('reconciliation', () => get(p.id).status === 'published');
    expect(ours('Half an answer')).toHaveLength(1);
  });
});
