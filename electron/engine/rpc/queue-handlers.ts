import type { UserView } from '../../../shared/domain.js';
import type { MethodName } from '../../../shared/methods.js';
import { conversationView } from '../queue/wiring/queue-repo.js';
import { withSla } from '../queue/wiring/queue-core.js';
import type { QueueService } from '../queue/wiring/queue-service.js';
import type { Handlers } from './handlers.js';
import { createReplySettingsHandlers } from '../queue/wiring/reply-settings-handlers.js';

type QueueMethod = Extract<MethodName, `queue.${string}` | `rules.${string}` | `teams.${string}` | `sla.${string}` | `presence.${string}` | `customers.${string}`>;

/** queue.*, rules.*, teams.*, sla.*, presence.set (issue 12): thin adapters over the queue service. */
export function createQueueHandlers(q: QueueService): Pick<Handlers, QueueMethod> {
  const { core, actions: a } = q;
  const myTeams = (user: UserView) => core.settings.teams().filter((t) => t.members.some((m) => m.user === user.name)).map((t) => t.id);
  return {
    'queue.list': (user, p) => {
      const nowMs = core.clock.now();
      const base = { statuses: p.status, limit: p.limit };
      const rows =
        p.view === 'mine'
          ? core.repo.list({ ...base, assignee: user.name, team: p.team })
          : p.view === 'team'
            ? (p.team !== undefined ? [p.team] : myTeams(user)).flatMap((team) => core.repo.list({ ...base, team, assignee: null }))
            : core.repo.list({ ...base, team: p.team, assignee: p.assignee });
      return { conversations: rows.map((c) => conversationView(withSla(core, c, nowMs))), presence: core.repo.presence() };
    },
    'queue.get': (user, p) => a.get(user, p.id),
    'queue.claim': (user, p) => ({ conversation: a.claim(user, p.id) }),
    'queue.assign': (user, p) => ({ conversation: a.assign(user, p.id, p.to) }),
    'queue.release': (user, p) => ({ conversation: a.release(user, p.id) }),
    'queue.reply': (user, p) => a.reply(user, p),
    'queue.note': (user, p) => ({ message: a.note(user, p.id, p.text) }),
    'queue.resolve': (user, p) => ({ conversation: a.resolve(user, p.id) }),
    'queue.reopen': (user, p) => ({ conversation: a.reopen(user, p.id) }),
    'queue.canned': (user, p) => ({ replies: a.canned(user, p.id) }),
    'queue.stats': () => q.stats(),
    'rules.list': () => ({ config: core.settings.triage() }),
    'rules.save': (_user, p) => q.config.saveRules(p.config),
    'rules.test': (_user, p) => q.config.testRules(p),
    'teams.list': () => ({ teams: core.settings.teams() }),
    'teams.save': (_user, p) => ({ teams: q.config.saveTeams(p.teams) }),
    'sla.list': () => core.settings.sla(),
    'sla.save': (_user, p) => q.config.saveSla(p),
    'presence.set': (user, p) => ({ presence: a.setPresence(user, p) }),
    // session 15: queue
    'customers.tags.add': (user, p) => ({ customer: q.customerTags.add(user, p) }),
    'customers.tags.remove': (user, p) => ({ customer: q.customerTags.remove(user, p) }),
    // session 15: canned replies and guidelines
    ...createReplySettingsHandlers(core),
  };
}
