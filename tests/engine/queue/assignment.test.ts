import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentsOf, chooseAgent, unstartedOf, type AgentState, type AssignRequest } from '../../../electron/engine/queue/assignment.js';
import { teamSchema, type PresenceStatus } from '../../../shared/queue.js';

const agent = (user: string, over: Partial<AgentState> = {}): AgentState => ({ user, languages: ['en'], skills: [], cap: null, presence: 'online', load: 0, ...over });
const request = (agents: AgentState[], over: Partial<AssignRequest> = {}): AssignRequest => ({
  mode: 'round_robin',
  agents,
  cursor: null,
  language: null,
  languagePolicy: 'ignored',
  skills: [],
  ...over,
});

describe('assignment: examples', () => {
  it('goes round the team from the cursor, skipping who is offline, busy or at their cap', () => {
    const agents = [agent('ann'), agent('ben', { presence: 'offline' }), agent('cat', { presence: 'busy' }), agent('dan', { cap: 2, load: 2 }), agent('eve')];
    expect(chooseAgent(request(agents, { cursor: 'ann' }))).toMatchObject({ agent: 'eve', cursor: 'eve' });
    expect(chooseAgent(request(agents, { cursor: 'eve' }))).toMatchObject({ agent: 'ann' });
    expect(chooseAgent(request(agents, { cursor: 'gone-from-team' }))).toMatchObject({ agent: 'ann' });
  });

  it('says why nobody was chosen', () => {
    expect(chooseAgent(request([]))).toMatchObject({ agent: null, reason: 'no_members', message: 'the team has no members' });
    const away = [agent('ann', { presence: 'offline' }), agent('ben', { presence: 'busy' })];
    expect(chooseAgent(request(away))).toMatchObject({ agent: null, reason: 'nobody_online', message: 'nobody can take it now: 1 offline, 1 busy' });
    const full = [agent('ann', { cap: 3, load: 3 }), agent('ben', { presence: 'offline' })];
    expect(chooseAgent(request(full))).toMatchObject({ agent: null, reason: 'all_at_cap', skipped: [{ user: 'ann', why: 'at_cap' }, { user: 'ben', why: 'offline' }] });
    const noGerman = [agent('ann'), agent('ben', { cap: 1, load: 1 })];
    expect(chooseAgent(request(noGerman, { language: 'de-AT', languagePolicy: 'required' }))).toMatchObject({
      agent: null,
      reason: 'no_skill',
      message: 'nobody can take it now: 1 at their cap, 1 not speaking de-AT',
    });
    expect(chooseAgent(request([agent('ann')], { mode: 'manual' }))).toMatchObject({ agent: null, reason: 'manual' });
  });

  it('prefers agents who speak the customer’s language, or requires them', () => {
    const agents = [agent('ann'), agent('ben', { languages: ['en', 'de'] }), agent('cat')];
    expect(chooseAgent(request(agents, { language: 'de-CH', languagePolicy: 'preferred', cursor: 'ben' }))).toMatchObject({ agent: 'ben' });
    const benBusy = agents.map((a) => (a.user === 'ben' ? { ...a, presence: 'busy' as const } : a));
    expect(chooseAgent(request(benBusy, { language: 'de', languagePolicy: 'preferred', cursor: 'ann' }))).toMatchObject({ agent: 'cat' });
    expect(chooseAgent(request(benBusy, { language: 'de', languagePolicy: 'required' })).agent).toBeNull();
  });

  it('needs every skill the conversation asks for', () => {
    const agents = [agent('ann'), agent('ben', { skills: ['refunds', 'vip'] })];
    expect(chooseAgent(request(agents, { skills: ['refunds', 'vip'] }))).toMatchObject({ agent: 'ben' });
    expect(chooseAgent(request(agents, { skills: ['legal'] }))).toMatchObject({ agent: null, reason: 'no_skill', message: 'nobody can take it now: 2 without legal' });
  });

  it('balanced mode gives it to the least loaded, ties in round-robin order', () => {
    const agents = [agent('ann', { load: 3 }), agent('ben', { load: 1 }), agent('cat', { load: 1 })];
    expect(chooseAgent(request(agents, { mode: 'balanced' }))).toMatchObject({ agent: 'ben' });
    expect(chooseAgent(request(agents, { mode: 'balanced', cursor: 'ben' }))).toMatchObject({ agent: 'cat' });
  });

  it('builds agents from a team, presence and loads; the member cap overrides the team cap', () => {
    const team = teamSchema.parse({ id: 'care', name: 'Care', members: [{ user: 'ann', languages: ['DE'] }, { user: 'ben', cap: 2 }], assignment: { cap: 5 } });
    const agents = agentsOf(team, new Map([['ann', 'online']]), new Map([['ben', 1]]));
    expect(agents).toEqual([
      { user: 'ann', languages: ['de'], skills: [], cap: 5, presence: 'online', load: 0 },
      { user: 'ben', languages: [], skills: [], cap: 2, presence: 'offline', load: 1 },
    ]);
  });

  it('hands back only the unstarted open conversations of an agent going offline', () => {
    const list = [
      { id: 'a', assignee: 'ann', status: 'open' as const, firstResponseAt: null },
      { id: 'b', assignee: 'ann', status: 'open' as const, firstResponseAt: '2026-11-22T12:00:00Z' },
      { id: 'c', assignee: 'ann', status: 'resolved' as const, firstResponseAt: null },
      { id: 'd', assignee: 'ben', status: 'open' as const, firstResponseAt: null },
    ];
    expect(unstartedOf(list, 'ann')).toEqual(['a']);
  });
});

const presenceArb = fc.constantFrom<PresenceStatus>('online', 'online', 'busy', 'offline');
const agentsArb = fc.uniqueArray(
  fc.record({
    user: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
    languages: fc.subarray(['en', 'de', 'fr']),
    skills: fc.subarray(['refunds', 'vip']),
    cap: fc.option(fc.integer({ min: 0, max: 4 })),
    presence: presenceArb,
    load: fc.integer({ min: 0, max: 6 }),
  }),
  { selector: (a) => a.user, maxLength: 7 },
);
const requestArb = fc.record({
  mode: fc.constantFrom('round_robin' as const, 'balanced' as const),
  agents: agentsArb,
  cursor: fc.option(fc.constantFrom('a', 'b', 'c', 'x')),
  language: fc.option(fc.constantFrom('en', 'de', 'fr-CA')),
  languagePolicy: fc.constantFrom('required' as const, 'preferred' as const, 'ignored' as const),
  skills: fc.subarray(['refunds', 'vip']),
});

describe('assignment: properties', () => {
  it('only ever picks an eligible agent, and picks someone whenever one is eligible', () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const r = chooseAgent(req);
        const lang = req.language?.split('-')[0]?.toLowerCase();
        const eligible = req.agents.filter(
          (a) =>
            a.presence === 'online' &&
            (a.cap === null || a.load < a.cap) &&
            req.skills.every((s) => a.skills.includes(s)) &&
            (req.languagePolicy !== 'required' || !lang || a.languages.includes(lang)),
        );
        if (eligible.length === 0) {
          expect(r.agent).toBeNull();
          return;
        }
        const chosen = eligible.find((a) => a.user === r.agent);
        expect(chosen).toBeDefined();
        const pool = req.languagePolicy === 'preferred' && lang && eligible.some((a) => a.languages.includes(lang)) ? eligible.filter((a) => a.languages.includes(lang)) : eligible;
        expect(pool).toContain(chosen);
        if (req.mode === 'balanced') expect(chosen!.load).toBe(Math.min(...pool.map((a) => a.load)));
        else {
          // Round robin: the first of the pool after the cursor, in the team's order.
          const at = req.agents.findIndex((a) => a.user === req.cursor);
          const ring = [...req.agents.slice(at + 1), ...req.agents.slice(0, at + 1)];
          expect(chosen).toBe(ring.find((a) => pool.includes(a)));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is fair: agents who stay eligible get the same number, give or take one, and nobody passes their cap', () => {
    const step = fc.record({ flip: fc.option(fc.nat(5)), resolve: fc.option(fc.nat(5)) });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.option(fc.integer({ min: 1, max: 5 })), { minLength: 6, maxLength: 6 }),
        fc.array(step, { minLength: 1, maxLength: 200 }),
        (n, caps, steps) => {
          // Agents 0 and 1 are always online without a cap; the others flicker and have caps.
          const agents = Array.from({ length: n }, (_, i) => agent(`u${i}`, { cap: i < 2 ? null : (caps[i] ?? null) }));
          const assigned = new Map(agents.map((a) => [a.user, 0]));
          let cursor: string | null = null;
          for (const s of steps) {
            if (s.flip !== null && s.flip >= 2 && s.flip < n) agents[s.flip]!.presence = agents[s.flip]!.presence === 'online' ? 'offline' : 'online';
            if (s.resolve !== null && s.resolve < n && agents[s.resolve]!.load > 0) agents[s.resolve]!.load -= 1;
            const r = chooseAgent(request(agents, { cursor }));
            expect(r.agent).not.toBeNull();
            const a = agents.find((x) => x.user === r.agent)!;
            a.load += 1;
            if (a.cap !== null) expect(a.load).toBeLessThanOrEqual(a.cap);
            assigned.set(a.user, assigned.get(a.user)! + 1);
            cursor = r.agent;
          }
          expect(Math.abs(assigned.get('u0')! - assigned.get('u1')!)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('shares evenly when everyone is eligible: k rounds give each agent exactly k', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 10 }), fc.option(fc.nat(7)), (n, k, start) => {
        const agents = Array.from({ length: n }, (_, i) => agent(`u${i}`));
        let cursor: string | null = start === null ? null : `u${start % n}`;
        const counts = new Map<string, number>();
        for (let i = 0; i < n * k; i++) {
          const r = chooseAgent(request(agents, { cursor }));
          counts.set(r.agent!, (counts.get(r.agent!) ?? 0) + 1);
          cursor = r.agent;
        }
        expect([...counts.values()]).toEqual(Array(n).fill(k));
      }),
    );
  });
});
