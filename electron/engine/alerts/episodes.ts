/**
 * Cooldown and hysteresis per (rule, subject). An alert opens an episode; while it is open the
 * same rule stays silent about the same subject, and it closes only when the signal has fallen
 * back (below half the threshold) AND the cooldown has passed. A signal hovering around its
 * threshold therefore raises one alert, not one per crossing.
 */
interface Episode {
  ruleId: string;
  at: number;
  /** The signal is still up (volume and trend rules); immediate rules never stay open. */
  open: boolean;
  /** Posts that matched while silent: reported with the next alert so nothing goes unseen. */
  suppressed: number;
  suppressedItems: number[];
}

const SEP = '\u0000';

export class Episodes {
  private readonly map = new Map<string, Episode>();

  constructor(private readonly max = 50_000) {}

  get size(): number {
    return this.map.size;
  }

  /** Whether any of the subjects is silenced for this rule. */
  silenced(ruleId: string, subjects: readonly string[], now: number, cooldownMs: number): boolean {
    for (const s of subjects) {
      const e = this.map.get(ruleId + SEP + s);
      if (e && (e.open || now < e.at + cooldownMs)) return true;
    }
    return false;
  }

  /** Counts a match that was silenced (only the first subject carries the tally). */
  suppress(ruleId: string, subject: string, itemIds: readonly number[]): void {
    const e = this.map.get(ruleId + SEP + subject);
    if (!e) return;
    e.suppressed++;
    e.suppressedItems.push(...itemIds);
    if (e.suppressedItems.length > 20) e.suppressedItems.splice(0, e.suppressedItems.length - 20);
  }

  /** What was silenced since the last alert about `subject`, and forgets it. */
  takeSuppressed(ruleId: string, subject: string): { count: number; itemIds: number[]; since: number } | null {
    const e = this.map.get(ruleId + SEP + subject);
    if (!e || e.suppressed === 0) return null;
    const out = { count: e.suppressed, itemIds: e.suppressedItems, since: e.at };
    e.suppressed = 0;
    e.suppressedItems = [];
    return out;
  }

  raise(ruleId: string, subjects: readonly string[], now: number, open: boolean): void {
    for (const s of subjects) {
      const key = ruleId + SEP + s;
      this.map.delete(key);
      this.map.set(key, { ruleId, at: now, open, suppressed: 0, suppressedItems: [] });
    }
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  /** Open subjects of a rule (to check whether their signal has fallen back). */
  openSubjects(ruleId: string): string[] {
    const out: string[] = [];
    for (const [key, e] of this.map) if (e.open && e.ruleId === ruleId) out.push(key.slice(ruleId.length + 1));
    return out;
  }

  settle(ruleId: string, subject: string): void {
    const e = this.map.get(ruleId + SEP + subject);
    if (e) e.open = false;
  }

  /** Forgets closed episodes whose cooldown is over (nothing left to silence). */
  prune(now: number, cooldownOf: (ruleId: string) => number | null): void {
    for (const [key, e] of this.map) {
      const cooldown = cooldownOf(e.ruleId);
      if (cooldown === null || (!e.open && e.suppressed === 0 && now >= e.at + cooldown)) this.map.delete(key);
    }
  }
}
