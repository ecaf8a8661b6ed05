import { describe, expect, it } from 'vitest';
import { freezeBannerText } from '../../renderer/src/features/freeze/freeze-text';
import { may, navLinks, postActions, showsSuggestionPrompt } from '../../renderer/src/lib/permissions';
import type { Role } from '../../shared/roles';
import { frozen, makeFreeze } from './helpers/publishing';

// Local times, so HH:MM reads the same on any machine.
const since = new Date(2025, 2, 4, 12, 30, 0);
const now = since.getTime() + 4 * 60_000;
const accounts = new Map([['a1', { name: 'Kettlebird' }]]);

describe('freeze banner text', () => {
  it('says nothing when not frozen or unknown', () => {
    expect(freezeBannerText(makeFreeze(), accounts, now).frozen).toBe(false);
    expect(freezeBannerText(null, accounts, now)).toMatchObject({ frozen: false, headline: '' });
  });

  it('says what, why, who and since when', () => {
    const t = freezeBannerText(frozen({ reason: 'Product recall', by: 'dana', since: since.toISOString() }), accounts, now);
    expect(t.headline).toBe('PUBLISHING FROZEN — Product recall — by dana since 12:30 (4 min ago)');
    expect(t.detail).toBe('Product recall — by dana since 12:30 (4 min ago)');
    expect(t.scope).toBeNull();
    expect(t.lift).toBeNull();
    expect(t.expires).toBeNull();
  });

  it('copes with missing details rather than printing "null"', () => {
    const t = freezeBannerText(frozen({ reason: null, by: null, since: null }), accounts, now);
    expect(t.headline).toBe('PUBLISHING FROZEN — no reason given — by someone');
  });

  it('names the accounts when the freeze is scoped', () => {
    const t = freezeBannerText(frozen({ scope: { kind: 'accounts', accountIds: ['a1', 'a-unknown'] } }), accounts, now);
    expect(t.scope).toBe('Only these 2 accounts: Kettlebird, a-unknown — other accounts still publish');
    expect(freezeBannerText(frozen({ scope: { kind: 'accounts', accountIds: ['a1'] } }), accounts, now).scope).toMatch(/^Only this account: Kettlebird/);
  });

  it('says when a lift awaits a second person, and when it ends by itself', () => {
    const t = freezeBannerText(
      frozen({
        liftRequiresSecondPerson: true,
        pendingLift: { by: 'sam', at: new Date(2025, 2, 4, 12, 40).toISOString() },
        expiresAt: new Date(2025, 2, 4, 18, 0).toISOString(),
      }),
      accounts,
      now,
    );
    expect(t.lift).toBe('sam asked to lift it at 12:40 — awaiting a second person to confirm');
    expect(t.expires).toMatch(/^Ends by itself at 18:00:/);
    const later = freezeBannerText(frozen({ expiresAt: new Date(2025, 2, 9, 18, 0).toISOString() }), accounts, now);
    expect(later.expires).toMatch(/^Ends by itself at 9 .+ 18:00:/);
  });
});

describe('role-based visibility', () => {
  it('follows the contract’s access table', () => {
    expect(may('crisis', 'freeze.set')).toBe(true);
    expect(may('lead', 'freeze.set')).toBe(false);
    expect(may('wall', 'freeze.get')).toBe(true);
    expect(may('wall', 'posts.list')).toBe(false);
    expect(may(null, 'freeze.get')).toBe(false);
  });

  it('shows the suggestion prompt to crisis leads and admins, never on the wall', () => {
    const roles: Role[] = ['admin', 'crisis', 'lead', 'agent', 'wall'];
    expect(roles.filter((r) => showsSuggestionPrompt(r, 'desk'))).toEqual(['admin', 'crisis']);
    expect(showsSuggestionPrompt('admin', 'wall')).toBe(false);
  });

  it('offers post actions by status and role', () => {
    expect(postActions('agent', { status: 'pending_approval' })).toEqual({ edit: true, cancel: true, approve: false, release: false, schedule: false });
    expect(postActions('lead', { status: 'pending_approval' }).approve).toBe(true);
    expect(postActions('lead', { status: 'held' })).toMatchObject({ release: true, edit: true, cancel: true });
    expect(postActions('agent', { status: 'held' }).release).toBe(false);
    expect(postActions('agent', { status: 'draft' }).schedule).toBe(true);
    for (const status of ['publishing', 'published', 'unconfirmed', 'cancelled'] as const) {
      expect(postActions('admin', { status })).toEqual({ edit: false, cancel: false, approve: false, release: false, schedule: false });
    }
    expect(postActions('wall', { status: 'scheduled' }).cancel).toBe(false);
  });

  it('keeps composing out of the wall’s nav but lets everyone read the crisis console', () => {
    expect(navLinks('wall').map((l) => l.label)).toEqual(['Wall', 'Desk', 'Crisis']);
    expect(navLinks('agent').map((l) => l.label)).toEqual(['Wall', 'Desk', 'Compose', 'Posts', 'Crisis', 'Alerts']);
    // Leads and crisis leads reach Settings for topics, alert rules and channels and the queue's teams, rules and SLAs; agents don't.
    expect(navLinks('crisis').map((l) => l.label)).toContain('Settings');
    expect(navLinks('lead').map((l) => l.label)).toEqual(['Wall', 'Desk', 'Compose', 'Posts', 'Crisis', 'Alerts', 'Settings']);
    expect(navLinks('admin').map((l) => l.label)).toEqual(['Wall', 'Desk', 'Compose', 'Posts', 'Crisis', 'Alerts', 'Settings']);
  });
});
