import type { EngineWithInternals } from '../engine/index.js';
import { cannedReplySchema, guidelinesSchema, slaPolicySchema, businessCalendarSchema, teamSchema } from '../../shared/queue.js';

/**
 * The demo's queue (issue 12): four teams with the demo agents, an SLA policy, triage rules that
 * route the default scenario's complaints, questions, press and the private double-charge message,
 * canned replies and brand guidelines. Seeded once: a lead's later edits survive restarts.
 */
export function seedDemoQueue(engine: EngineWithInternals): void {
  const { core, config } = engine.queue;
  if (core.repo.setting('teams') !== null) return;
  config.saveTeams(
    teamSchema.array().parse([
      { id: 'care', name: 'Care', members: [{ user: 'agent1', languages: ['en'] }, { user: 'agent2', languages: ['en', 'de'] }], assignment: { mode: 'round_robin', cap: 8 } },
      { id: 'sales', name: 'Sales', members: [{ user: 'agent2', languages: ['en', 'de'] }], assignment: { mode: 'round_robin', cap: 10 } },
      { id: 'billing', name: 'Billing', members: [{ user: 'agent1', languages: ['en'] }], assignment: { mode: 'balanced', cap: 10 } },
      { id: 'pr', name: 'PR', members: [{ user: 'lead', languages: ['en'] }], assignment: { mode: 'manual' } },
    ]),
  );
  config.saveSla({
    calendars: [
      businessCalendarSchema.parse({
        id: 'office',
        name: 'Office hours (London)',
        timeZone: 'Europe/London',
        week: { mon: [{ from: '08:00', to: '20:00' }], tue: [{ from: '08:00', to: '20:00' }], wed: [{ from: '08:00', to: '20:00' }], thu: [{ from: '08:00', to: '20:00' }], fri: [{ from: '08:00', to: '20:00' }] },
        holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
      }),
    ],
    policies: [
      // Around the clock so the demo's timers run whenever it is started.
      slaPolicySchema.parse({ id: 'care-standard', name: 'Care: answer within 15 min', firstResponseMinutes: 15, resolutionMinutes: 240, byPriority: { urgent: { firstResponseMinutes: 5, resolutionMinutes: 60 } } }),
      slaPolicySchema.parse({ id: 'sales-office', name: 'Sales: 1 h in office hours', calendar: 'office', firstResponseMinutes: 60, resolutionMinutes: 480 }),
    ],
  });
  config.saveRules({
    rules: [
      { id: 'private-billing', name: 'Private messages (payment details) to billing', when: [{ field: 'private', is: true }], then: { team: 'billing', priority: 'high', tags: ['private'], sla: 'care-standard' } },
      { id: 'high-reach', name: 'High reach (50,000+ followers): urgent', when: [{ field: 'reach', atLeast: 50_000 }], then: { priority: 'urgent', tags: ['high-reach'] }, continue: true },
      { id: 'press', name: 'Journalists to PR', when: [{ field: 'urgency', in: ['journalist'] }], then: { team: 'pr', priority: 'urgent', tags: ['press'], sla: 'care-standard' } },
      { id: 'safety', name: 'Safety and legal first', when: [{ field: 'urgency', in: ['safety', 'legal'] }], then: { priority: 'urgent', tags: ['safety'] }, continue: true },
      { id: 'purchase-problems', name: 'Payment problems to billing', when: [{ field: 'stage', in: ['purchase'] }, { field: 'intent', in: ['complaint', 'question'] }], then: { team: 'billing', priority: 'high', tags: ['payment'], sla: 'care-standard' } },
      { id: 'pre-purchase', name: 'Pre-purchase questions to sales', when: [{ field: 'stage', in: ['pre-purchase'] }], then: { team: 'sales', sla: 'sales-office', tags: ['lead'] } },
      { id: 'complaints', name: 'Complaints to care', when: [{ field: 'intent', in: ['complaint'] }], then: { team: 'care', priority: 'high', sla: 'care-standard', tags: ['complaint'] } },
      { id: 'questions', name: 'Other questions to care', when: [{ field: 'intent', in: ['question'] }], then: { team: 'care', sla: 'care-standard' } },
    ],
    defaultRoute: { team: 'care', priority: 'normal', sla: 'care-standard' },
  });
  core.store.write(() => {
    core.settings.saveCanned(
      cannedReplySchema.array().parse([
        { id: 'sorry', name: 'Sorry, looking into it', tone: 'apologetic', text: "Hi {{author}}, I'm so sorry about this. I'm {{agent}} from the {{team}} team at {{brand}} and I'm looking into it right now." },
        { id: 'double-charge', name: 'Double charge: refund', tone: 'apologetic', teams: ['billing', 'care'], text: 'Hi {{author}}, sorry for the double charge. Duplicate app charges are being refunded automatically within 3 working days; no need to send card details.' },
        { id: 'thanks', name: 'Thanks!', tone: 'cheerful', text: 'Thanks so much, {{author}}! 🎉' },
      ]),
    );
    core.settings.saveGuidelines(
      guidelinesSchema.parse({
        forbidden: [
          { phrase: 'calm down', reason: 'dismissive: acknowledge the problem instead' },
          { phrase: 'card number', reason: 'never ask for card details in public' },
        ],
        required: [{ team: 'pr', phrase: 'press@kettlebird.example', reason: 'press questions go to the press office' }],
      }),
    );
  });
}
