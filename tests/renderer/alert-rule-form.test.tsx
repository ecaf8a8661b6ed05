// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertRuleSchema, type AlertRule } from '../../shared/alerts';
import { announceChange } from '../../renderer/src/api/change-signal';
import { setRpcTransport } from '../../renderer/src/api/rpc';
import { checkDraft, draftOf, newDraft, ruleInputOf } from '../../renderer/src/features/settings/alert-rule-draft';
import { AlertRuleForm } from '../../renderer/src/features/settings/alert-rule-form';
import { AlertRulesEditor } from '../../renderer/src/features/settings/alert-rules-editor';
import { FakeTransport } from './helpers/fake-transport';

let transport: FakeTransport;
let unset: () => void;
beforeEach(() => {
  transport = new FakeTransport();
  unset = setRpcTransport(transport);
});
afterEach(() => {
  cleanup();
  unset();
});

const RULES: AlertRule[] = [
  { id: 'q', name: 'Refunds', kind: 'query_match', query: 'refund OR "charged twice"' },
  { id: 'v', name: 'Volume', kind: 'volume_spike', target: { kind: 'query', query: 'outage' }, measure: 'ratio', threshold: 2.5, minCount: 40, quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin', days: [1, 5], breakThrough: 'warning' } },
  { id: 's', name: 'Mood', kind: 'sentiment_drop', target: { kind: 'topic', term: 'app' }, drop: 0.5, below: -0.4, minCount: 12 },
  { id: 'a', name: 'VIPs', kind: 'author', handles: ['ceo@social.example', 'press@news.example'], minFollowers: null },
  { id: 'b', name: 'Brand', kind: 'brand_trend', brandTerms: ['kettlebird', '#kettlebird'], minCooccurrence: 4, threshold: 3.5, channels: ['slack'] },
  { id: 'e', name: 'News', kind: 'sensitive_event', terms: ['earthquake', 'mass shooting'], threshold: 3, minCount: 5, severity: 'crisis', enabled: false } as never,
].map((r) => alertRuleSchema.parse({ severity: 'warning', ...r }));

describe('alert rule drafts', () => {
  it('every kind goes form → rule → form unchanged', () => {
    for (const rule of RULES) {
      const back = checkDraft(draftOf(rule, 'UTC'));
      expect(back.errors).toEqual({});
      expect(back.rule).toEqual(rule);
    }
  });

  it('maps the schema’s issues to the fields they are about, in words', () => {
    const d = { ...newDraft('volume_spike', 0, 'UTC'), name: 'Spike', threshold: '-2', minCount: '1.5', cooldownMinutes: 'soon', targetKind: 'query' as const, targetQuery: 'refund NEAR/ order' };
    expect(checkDraft(d).errors).toEqual({
      threshold: 'more than 0',
      minCount: 'a whole number',
      cooldownMinutes: 'a number',
      targetQuery: expect.stringMatching(/^`NEAR\/` needs a number \(character 8\)$/),
    });
    expect(checkDraft(d).rule).toBeNull();
    const quiet = checkDraft({ ...newDraft('query_match', 0, 'UTC'), name: 'Q', query: 'refund', quiet: true, quietStart: '25:00', quietTimeZone: 'Mars/Base' });
    expect(quiet.errors).toEqual({ quietStart: 'a time of day as HH:MM (24 h)', quietTimeZone: expect.stringContaining('time zone') });
    expect(checkDraft({ ...newDraft('author', 0, 'UTC'), name: 'VIP' }).errors).toEqual({ handles: 'name VIP handles or a follower count' });
    expect(checkDraft({ ...newDraft('author', 0, 'UTC'), name: 'VIP', minFollowers: '0' }).errors).toEqual({ minFollowers: 'at least 1' });
    expect(checkDraft({ ...newDraft('author', 0, 'UTC'), name: 'VIP', minFollowers: '5000' }).rule).toMatchObject({ handles: [], minFollowers: 5000 });
    expect(checkDraft({ ...newDraft('brand_trend', 0, 'UTC'), name: 'B', brandTerms: ' , ' }).errors).toEqual({ brandTerms: 'name at least one' });
    expect(checkDraft({ ...newDraft('sentiment_drop', 0, 'UTC'), name: 'M', below: '-3' }).errors).toEqual({ below: 'at least -1' });
  });

  it('leaves empty numbers to the server’s defaults and sends only the fields of the kind', () => {
    const input = ruleInputOf({ ...newDraft('sensitive_event', 0, 'UTC'), name: 'News', terms: 'flood\nwildfire, riot', threshold: '', query: 'left over from another kind' });
    expect(input).toEqual({ id: 'rule-0', name: 'News', enabled: true, severity: 'crisis', cooldownMinutes: 30, quietHours: null, channels: [], kind: 'sensitive_event', terms: ['flood', 'wildfire', 'riot'], minCount: 5 });
    expect(alertRuleSchema.parse(input)).toMatchObject({ threshold: 3 });
  });
});

describe('the alert rule form', () => {
  it('an invalid threshold shows its error under the field and saves nothing; fixed, it saves the rule’s shape', async () => {
    let done = 0;
    render(<AlertRuleForm initial={newDraft('volume_spike', 1_700_000_000_000, 'Europe/Berlin')} isNew channels={[{ id: 'slack', name: 'Team Slack' } as never]} timeZone="Europe/Berlin" onDone={() => done++} />);
    fireEvent.change(screen.getByTestId('rule-name'), { target: { value: 'Outage spike' } });
    fireEvent.change(screen.getByTestId('rule-threshold'), { target: { value: '0' } });
    expect(screen.getByTestId('rule-threshold-error').textContent).toBe('more than 0');
    expect(screen.getByTestId('rule-threshold').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByTestId('rule-save'));
    expect(transport.pending('alerts.rules.save')).toHaveLength(0);

    fireEvent.change(screen.getByTestId('rule-threshold'), { target: { value: '4' } });
    expect(screen.queryByTestId('rule-threshold-error')).toBeNull();
    fireEvent.change(screen.getByTestId('rule-targetKind'), { target: { value: 'query' } });
    fireEvent.change(screen.getByTestId('rule-targetQuery'), { target: { value: 'outage OR "app down"' } });
    fireEvent.change(screen.getByTestId('rule-severity'), { target: { value: 'crisis' } });
    fireEvent.click(screen.getByLabelText('Team Slack'));
    fireEvent.click(screen.getByTestId('rule-save'));
    await waitFor(() => expect(transport.pending('alerts.rules.save')).toHaveLength(1));
    expect(transport.pending('alerts.rules.save')[0]!.params).toEqual({
      rule: {
        id: 'rule-loyw3v28',
        name: 'Outage spike',
        kind: 'volume_spike',
        enabled: true,
        severity: 'crisis',
        cooldownMinutes: 30,
        quietHours: null,
        channels: ['slack'],
        target: { kind: 'query', query: 'outage OR "app down"' },
        measure: 'significance',
        threshold: 4,
        minCount: 10,
      },
    });
    await act(async () => transport.answer('alerts.rules.save', { rule: RULES[1] }));
    expect(done).toBe(1);
  });

  it('a query with a typo shows where, and blocks the save', () => {
    render(<AlertRuleForm initial={{ ...newDraft('query_match', 0, 'UTC'), name: 'Refunds' }} isNew channels={[]} timeZone="UTC" onDone={() => undefined} />);
    fireEvent.change(screen.getByTestId('rule-query'), { target: { value: 'refund AND (order' } });
    expect(screen.getByTestId('query-error').dataset.position).toBe('11');
    fireEvent.click(screen.getByTestId('rule-save'));
    expect(transport.pending('alerts.rules.save')).toHaveLength(0);
    expect(screen.getByText('Fix the fields marked above, then save again.')).toBeTruthy();
  });

  it('the JSON view follows the form, and a valid JSON edit fills the form', () => {
    render(<AlertRuleForm initial={draftOf(RULES[4]!, 'UTC')} isNew={false} channels={[]} timeZone="UTC" onDone={() => undefined} />);
    const json = () => JSON.parse((screen.getByTestId('rule-json') as HTMLTextAreaElement).value) as Record<string, unknown>;
    fireEvent.change(screen.getByTestId('rule-minCooccurrence'), { target: { value: '9' } });
    expect(json()).toMatchObject({ id: 'b', minCooccurrence: 9, brandTerms: ['kettlebird', '#kettlebird'] });
    fireEvent.change(screen.getByTestId('rule-json'), { target: { value: JSON.stringify({ ...json(), threshold: 7, brandTerms: ['brewco'] }) } });
    expect((screen.getByTestId('rule-threshold') as HTMLInputElement).value).toBe('7');
    expect((screen.getByTestId('rule-brandTerms') as HTMLTextAreaElement).value).toBe('brewco');
    fireEvent.change(screen.getByTestId('rule-json'), { target: { value: JSON.stringify({ ...json(), id: 'other' }) } });
    expect(screen.getByText(/a saved rule keeps its id/)).toBeTruthy();
    expect((screen.getByTestId('rule-threshold') as HTMLInputElement).value).toBe('7');
  });
});

describe('removing a rule', () => {
  it('asks first, calls alerts.rules.remove, and the list follows the change event', async () => {
    render(<AlertRulesEditor />);
    await act(async () => {
      transport.answerAll('alerts.rules.list', { rules: RULES.slice(0, 2), invalid: [], errors: {} });
      transport.answerAll('alerts.channels.list', { channels: [] });
    });
    expect(screen.getAllByTestId('alert-rule').map((li) => li.dataset.ruleId)).toEqual(['q', 'v']);
    fireEvent.click(screen.getAllByTestId('rule-remove')[0]!);
    expect(transport.pending('alerts.rules.remove')).toHaveLength(0);
    expect(screen.getByText(/Remove “Refunds” for good\?/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('rule-remove-confirm'));
    expect(transport.pending('alerts.rules.remove').map((c) => c.params)).toEqual([{ id: 'q' }]);
    await act(async () => transport.answer('alerts.rules.remove', { ok: true, id: 'q' }));
    await act(async () => announceChange({ kind: 'alert_rule.removed', id: 'q' }));
    await waitFor(() => expect(transport.pending('alerts.rules.list')).toHaveLength(1));
    await act(async () => transport.answerAll('alerts.rules.list', { rules: RULES.slice(1, 2), invalid: [], errors: {} }));
    expect(screen.getAllByTestId('alert-rule').map((li) => li.dataset.ruleId)).toEqual(['v']);
  });
});
