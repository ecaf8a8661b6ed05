import { RpcError } from '../../../../shared/errors.js';
import { type BusinessCalendar, type SlaPolicy, type Team, type TriageConfig, type TriageExplanation, type TriageItem } from '../../../../shared/queue.js';
import type { Enricher } from '../../enrich/enricher.js';
import { compileTriage } from '../triage.js';
import { parseTriageConfig, unknownName, type ConfigProblem } from '../triage-config.js';
import { isoOf, type QueueCore } from './queue-core.js';

export interface RuleTestInput {
  text: string;
  platform: string;
  author: string;
  followers: number | null;
  private: boolean;
  lang?: string | undefined;
  topics: string[];
  /** Unsaved rules to try; absent = the saved ones. */
  config?: unknown;
}

/** teams.*, rules.*, sla.*: the queue's settings, validated against each other as a lead saves them. */
export function createQueueConfigActions(core: QueueCore, enricher: Enricher | null) {
  const { settings, store } = core;
  const announce = (area: 'teams' | 'rules' | 'sla') => store.changes.append({ kind: 'queue.settings', area }, isoOf(core.clock.now()));
  const refs = () => ({ teams: settings.teams().map((t) => t.id), slaPolicies: settings.sla().policies.map((p) => p.id), topics: store.topics.list().map((t) => t.id) });
  const failed = (what: string, errors: ConfigProblem[]) => new RpcError('invalid_input', `${what} not saved: ${errors.map((e) => e.message).join('; ')}`);

  return {
    saveTeams(teams: Team[]): Team[] {
      const problems: ConfigProblem[] = [];
      const ids = new Set<string>();
      teams.forEach((t, i) => {
        if (ids.has(t.id)) problems.push({ path: `teams[${i}].id`, message: `team id "${t.id}" is used twice` });
        ids.add(t.id);
        t.members.forEach((m, j) => {
          if (!store.users.get(m.user)) problems.push({ path: `teams[${i}].members[${j}]`, message: `team "${t.name}": no user "${m.user}" (Settings → Users adds one)` });
        });
      });
      // Rules and the default route must still point at teams that exist.
      const triage = settings.triage();
      const used = [triage.defaultRoute.team, ...triage.rules.map((r) => r.then.team).filter((t): t is string => t !== undefined)];
      for (const t of new Set(used)) if (!ids.has(t)) problems.push({ path: 'teams', message: `the triage rules route to team "${t}": keep it, or change the rules first` });
      if (problems.length) throw failed('Teams', problems);
      return store.write(() => {
        settings.saveTeams(teams);
        announce('teams');
        return teams;
      });
    },

    saveRules(input: unknown): { config: TriageConfig; warnings: ConfigProblem[] } {
      const r = parseTriageConfig(input, refs());
      if (!r.ok) throw failed('Rules', r.errors);
      return store.write(() => {
        settings.saveTriage(r.config);
        announce('rules');
        return { config: r.config, warnings: r.warnings };
      });
    },

    testRules(p: RuleTestInput): { item: TriageItem; explanation: TriageExplanation } {
      let config = settings.triage();
      if (p.config !== undefined) {
        const r = parseTriageConfig(p.config, refs());
        if (!r.ok) throw failed('Rules', r.errors);
        config = r.config;
      }
      const e = enricher?.enrich({ text: p.text, platformLang: p.lang ?? null, author: { handle: p.author, followers: p.followers } }) ?? null;
      const item: TriageItem = {
        platform: p.platform,
        sourceId: null,
        text: p.text,
        lang: e?.lang.value ?? p.lang ?? null,
        intent: e?.intent.label ?? null,
        sentiment: e?.sentiment.label ?? null,
        stage: e?.stage.label ?? null,
        topics: p.topics,
        urgency: e?.urgency.cues.map((c) => c.cue) ?? [],
        author: { handle: p.author, followers: p.followers },
        private: p.private,
      };
      return { item, explanation: compileTriage(config).explain(item) };
    },

    saveSla(input: { policies: SlaPolicy[]; calendars: BusinessCalendar[] }) {
      const cals = new Set(input.calendars.map((c) => c.id));
      const problems: ConfigProblem[] = [];
      input.policies.forEach((p, i) => {
        if (p.calendar !== null && !cals.has(p.calendar)) problems.push({ path: `policies[${i}].calendar`, message: `policy "${p.name}": ${unknownName('calendar', p.calendar, [...cals])}` });
      });
      const ids = new Set(input.policies.map((p) => p.id));
      const triage = settings.triage();
      const used = [triage.defaultRoute.sla, ...triage.rules.map((r) => r.then.sla)].filter((s): s is string => typeof s === 'string');
      for (const s of new Set(used)) if (!ids.has(s)) problems.push({ path: 'policies', message: `the triage rules use SLA policy "${s}": keep it, or change the rules first` });
      if (problems.length) throw failed('SLA settings', problems);
      return store.write(() => {
        settings.saveSla(input);
        announce('sla');
        return input;
      });
    },
  };
}
