import { describe, expect, it } from 'vitest';
import { watchFreeze } from '../../electron/main/freeze-notifications.js';
import type { ChangeEnvelope } from '../../shared/changes.js';
import { freezeNotice, scopeText } from '../../shared/freeze-notice.js';
import type { FreezeState } from '../../shared/publishing.js';

const base: FreezeState = {
  frozen: false,
  epoch: 1,
  reason: null,
  scope: { kind: 'all' },
  by: null,
  since: null,
  expiresAt: null,
  pendingLift: null,
  liftRequiresSecondPerson: false,
};
const frozen: FreezeState = { ...base, frozen: true, epoch: 2, reason: 'Recall of the cold brew', by: 'crisis', since: '2026-11-22T12:00:00Z' };

describe('freeze notifications', () => {
  it('says who froze and why, urgently', () => {
    expect(freezeNotice(base, frozen)).toEqual({ title: 'Publishing frozen', body: 'crisis froze all accounts: Recall of the cold brew', urgent: true });
    expect(freezeNotice(null, { ...frozen, scope: { kind: 'accounts', accountIds: ['a', 'b'] } })!.body).toContain('2 account(s)');
  });

  it('announces a pending lift and the lift itself, and nothing for a repeat', () => {
    expect(freezeNotice(frozen, frozen)).toBeNull();
    expect(freezeNotice(frozen, { ...frozen, pendingLift: { by: 'lead2', at: 'x' } })!.title).toMatch(/second person|requested/i);
    expect(freezeNotice(frozen, { ...base, epoch: 3 })).toMatchObject({ title: 'Freeze lifted', urgent: false });
    expect(freezeNotice(base, { ...base, epoch: 3 })).toBeNull();
  });

  it('re-announces a new freeze (new epoch) but not an edit of the same one, nor a lift request twice', () => {
    expect(freezeNotice(frozen, { ...frozen, epoch: 3, reason: 'Second recall' })).toMatchObject({ title: 'Publishing frozen', body: expect.stringContaining('Second recall') });
    expect(freezeNotice(frozen, { ...frozen, reason: 'Reworded' })).toBeNull();
    const asked = { ...frozen, pendingLift: { by: 'lead2', at: 'x' } };
    expect(freezeNotice(asked, asked)).toBeNull();
    expect(freezeNotice(null, base)).toBeNull();
    expect(freezeNotice(base, { ...frozen, by: null, reason: null })!.body).toBe('Someone froze all accounts: no reason given');
    expect(scopeText({ ...frozen, scope: { kind: 'accounts', accountIds: ['a'] } })).toBe('1 account(s)');
  });

  it('watches the change feed for freeze changes only', () => {
    let listener: (envs: ChangeEnvelope[]) => void = () => undefined;
    const shown: string[] = [];
    const off = watchFreeze({ onChanges: (l) => ((listener = l), () => undefined) }, base, (n) => shown.push(n.title));
    listener([
      { seq: 1, change: { kind: 'source.removed', id: 'x' } },
      { seq: 2, change: { kind: 'freeze.changed', freeze: frozen } },
      { seq: 3, change: { kind: 'freeze.changed', freeze: { ...base, epoch: 3 } } },
    ]);
    expect(shown).toEqual(['Publishing frozen', 'Freeze lifted']);
    off();
  });
});
