import type { Alert } from '../../shared/alerts.js';

/** A crisis alert as the hub stores it, for tests of what shows or notifies it. */
export function makeAlert(id: string, over: Partial<Alert> = {}): Alert {
  return {
    id,
    ruleId: 'r',
    ruleName: 'Payments failing',
    kind: 'sensitive_event',
    severity: 'crisis',
    subject: 'charged',
    title: 'Payments failing',
    why: '14 posts about charged twice',
    evidence: { itemIds: [1], terms: ['charged'], seriesKey: null, series: [], numbers: {} },
    createdAt: '2026-11-30T10:04:00.000Z',
    quiet: false,
    channels: [],
    ack: null,
    ...over,
  };
}
