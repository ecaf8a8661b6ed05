import {
  businessCalendarSchema,
  cannedReplySchema,
  guidelinesSchema,
  slaPolicySchema,
  teamSchema,
  triageConfigSchema,
  type BusinessCalendar,
  type CannedReply,
  type Guidelines,
  type SlaPolicy,
  type Team,
  type TriageConfig,
} from '../../../../shared/queue.js';
import { compileCalendar, type CompiledCalendar } from '../business-calendar.js';
import { compileTriage, type Triage } from '../triage.js';
import type { QueueRepo } from './queue-repo.js';

/**
 * The queue's settings as stored (queue_settings rows), with defaults for a fresh data dir: one
 * team "care" that every conversation routes to until a lead writes rules. Compiled forms (the
 * triage matcher, calendars) are cached until a save.
 */
export interface QueueSettingsStore {
  teams(): Team[];
  triage(): TriageConfig;
  compiledTriage(): Triage;
  sla(): { policies: SlaPolicy[]; calendars: BusinessCalendar[] };
  policy(id: string | null): { policy: SlaPolicy; calendar: CompiledCalendar | null } | null;
  guidelines(): Guidelines;
  canned(): CannedReply[];
  saveTeams(teams: Team[]): void;
  saveTriage(config: TriageConfig): void;
  saveSla(sla: { policies: SlaPolicy[]; calendars: BusinessCalendar[] }): void;
  saveGuidelines(g: Guidelines): void;
  saveCanned(c: CannedReply[]): void;
}

const DEFAULT_TEAMS = [teamSchema.parse({ id: 'care', name: 'Care' })];
const DEFAULT_TRIAGE = triageConfigSchema.parse({ rules: [], defaultRoute: { team: 'care' } });

export function createQueueSettings(repo: QueueRepo): QueueSettingsStore {
  let triage: Triage | null = null;
  let calendars: Map<string, CompiledCalendar> | null = null;
  // Parsed settings, read on every routed item: dropped on every save (never updated in place, so
  // a save whose transaction rolls back leaves nothing stale behind).
  const cache = new Map<string, unknown>();
  const read = <T>(key: string, parse: (v: unknown) => T, fallback: T): T => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = readFresh(key, parse, fallback);
    cache.set(key, value);
    return value;
  };
  const readFresh = <T>(key: string, parse: (v: unknown) => T, fallback: T): T => {
    const v = repo.setting<unknown>(key);
    if (v === null) return fallback;
    try {
      return parse(v);
    } catch {
      // Written by this code after validation; a hand-edited row that no longer parses falls back.
      return fallback;
    }
  };
  const put = (key: string, value: unknown) => {
    cache.delete(key);
    repo.putSetting(key, value);
  };
  const s: QueueSettingsStore = {
    teams: () => read('teams', (v) => teamSchema.array().parse(v), DEFAULT_TEAMS),
    triage: () => read('triage', (v) => triageConfigSchema.parse(v), DEFAULT_TRIAGE),
    compiledTriage: () => (triage ??= compileTriage(s.triage())),
    sla: () =>
      read(
        'sla',
        (v) => {
          const o = v as { policies: unknown; calendars: unknown };
          return { policies: slaPolicySchema.array().parse(o.policies), calendars: businessCalendarSchema.array().parse(o.calendars) };
        },
        { policies: [], calendars: [] },
      ),
    policy(id) {
      if (id === null) return null;
      const sla = s.sla();
      const policy = sla.policies.find((p) => p.id === id);
      if (!policy) return null;
      calendars ??= new Map(sla.calendars.map((c) => [c.id, compileCalendar(c)]));
      return { policy, calendar: policy.calendar === null ? null : (calendars.get(policy.calendar) ?? null) };
    },
    guidelines: () => read('guidelines', (v) => guidelinesSchema.parse(v), guidelinesSchema.parse({})),
    canned: () => read('canned', (v) => cannedReplySchema.array().parse(v), []),
    saveTeams: (teams) => put('teams', teams),
    saveTriage(config) {
      put('triage', config);
      triage = null;
    },
    saveSla(sla) {
      put('sla', sla);
      calendars = null;
    },
    saveGuidelines: (g) => put('guidelines', g),
    saveCanned: (c) => put('canned', c),
  };
  return s;
}
