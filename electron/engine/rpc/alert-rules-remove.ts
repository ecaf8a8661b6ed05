import type { Clock } from '../../../shared/clock.js';
import { RpcError } from '../../../shared/errors.js';
import type { AlertsRuntime } from '../alerts/alerts-runtime.js';
import type { Store } from '../store/store.js';
import { recordAudit } from '../team/audit.js';
import type { Handlers } from './handlers.js';

/**
 * alerts.rules.remove (leads and up: the dispatcher checks the method's access): the rule, its
 * audit entry (with the rule as it was, so it can be put back by hand) and its change event commit
 * together; then the evaluator drops it. Alerts it raised stay listed, with their evidence.
 */
export function createAlertRuleRemoveHandler(d: { store: Store; clock: Clock; alerts: AlertsRuntime }): Pick<Handlers, 'alerts.rules.remove'> {
  const { store, clock, alerts } = d;
  return {
    'alerts.rules.remove': (user, p) => {
      const at = new Date(clock.now()).toISOString();
      store.write(() => {
        const before = alerts.repos.rules.list().rules.find((r) => r.id === p.id) ?? null;
        if (!alerts.repos.rules.remove(p.id)) throw new RpcError('not_found', `no alert rule "${p.id}" (it may have been removed already)`);
        recordAudit(store, { actor: user.name, action: 'alert_rule.removed', entity: 'alert_rule', entityId: p.id, details: before ? { rule: before } : null }, at);
        store.changes.append({ kind: 'alert_rule.removed', id: p.id }, at);
      });
      alerts.reloadRules();
      return { ok: true, id: p.id };
    },
  };
}
