// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiTransport } from '../../shared/api';
import { RpcError } from '../../shared/errors';
import { methods } from '../../shared/methods';
import { triageConfigSchema, type BusinessCalendar, type SlaPolicy, type TriageConfig } from '../../shared/queue';
import { setRpcTransport } from '../../renderer/src/api/rpc';
import { serverErrors } from '../../renderer/src/features/settings/queue/field-errors';
import { SlaSettings } from '../../renderer/src/features/settings/queue/sla-settings';
import { TriageRulesSettings } from '../../renderer/src/features/settings/queue/triage-rules-settings';

const RULES: TriageConfig = triageConfigSchema.parse({
  rules: [
    { id: 'legal', name: 'Legal threats', when: [{ field: 'urgency', in: ['legal'] }], then: { team: 'care', priority: 'urgent', tags: ['legal'] } },
    {
      id: 'pre-sales',
      name: 'Pre-purchase questions',
      continue: true,
      when: [
        { field: 'intent', in: ['question'] },
        { field: 'stage', in: ['pre-purchase', 'purchase'], not: false },
        { field: 'language', in: ['en', 'de'], not: true },
        { field: 'reach', atLeast: 10000 },
        { field: 'vip', is: false },
      ],
      then: { team: 'sales', sla: 'std' },
    },
  ],
  defaultRoute: { team: 'care', sla: 'std' },
  vip: ['@Mayor@City.example'],
});

const SLA: { policies: SlaPolicy[]; calendars: BusinessCalendar[] } = methods['sla.save'].params.parse({
  policies: [{ id: 'std', name: 'Standard', calendar: 'office', firstResponseMinutes: 60, resolutionMinutes: 480, byPriority: { urgent: { firstResponseMinutes: 15 } } }],
  calendars: [{ id: 'office', name: 'Office', timeZone: 'Europe/Berlin', week: { mon: [{ from: '09:00', to: '17:00' }], tue: [{ from: '09:00', to: '17:00' }] }, holidays: [] }],
}) as never;

type Call = { method: string; params: unknown };
let calls: Call[];
let refuse: Record<string, string>;
let undo: (() => void) | null = null;

beforeEach(() => {
  calls = [];
  refuse = {};
  const t: ApiTransport = {
    async call(method, params) {
      calls.push({ method, params });
      if (refuse[method]) throw new RpcError('invalid_input', refuse[method]!);
      switch (method) {
        case 'rules.list':
          return { config: RULES } as never;
        case 'teams.list':
          return { teams: [{ id: 'care' }, { id: 'sales' }, { id: 'billing' }] } as never;
        case 'sla.list':
          return SLA as never;
        case 'rules.save':
          return { config: triageConfigSchema.parse((params as { config: unknown }).config), warnings: [] } as never;
        case 'sla.save':
          return methods['sla.save'].params.parse(params) as never;
        case 'rules.test':
          return { item: {}, explanation: { outcome: { team: 'sales', priority: 'normal', sla: null, tags: [] }, decidingRule: 'pre-sales', rules: [] } } as never;
        default:
          throw new Error(`unexpected ${method}`);
      }
    },
    subscribe: () => () => undefined,
  };
  undo = setRpcTransport(t);
});
afterEach(() => {
  cleanup();
  undo?.();
});

const sent = (method: string) => calls.filter((c) => c.method === method).map((c) => c.params as Record<string, unknown>);
const errorAt = (path: string) => document.querySelector(`[data-testid="field-error"][data-path="${path}"]`)?.textContent ?? null;

describe('Settings → Triage rules form', () => {
  it('loads the rules into the form and saves them back unchanged', async () => {
    render(<TriageRulesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('rule-card')).toHaveLength(2));
    expect((screen.getByLabelText('Rule 2 name') as HTMLInputElement).value).toBe('Pre-purchase questions');
    expect((screen.getByLabelText('Rule 2 condition 3 values') as HTMLInputElement).value).toBe('en, de');
    fireEvent.click(screen.getByTestId('rules-save'));
    await waitFor(() => expect(sent('rules.save')).toHaveLength(1));
    expect(triageConfigSchema.parse(sent('rules.save')[0]!.config)).toEqual(RULES);
    await screen.findByText('Saved.');
  });

  it('reorders rules: the order saved is the order shown', async () => {
    render(<TriageRulesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('rule-card')).toHaveLength(2));
    expect((screen.getByLabelText('Move rule 1 up') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Move rule 2 up'));
    expect(screen.getAllByTestId('rule-card').map((c) => c.getAttribute('data-rule-id'))).toEqual(['pre-sales', 'legal']);
    fireEvent.click(screen.getByTestId('rules-save'));
    await waitFor(() => expect(sent('rules.save')).toHaveLength(1));
    expect((sent('rules.save')[0]!.config as TriageConfig).rules.map((r) => r.id)).toEqual(['pre-sales', 'legal']);
  });

  it('builds a new rule from its fields: conditions, team, priority, tags, SLA; the tester tries it unsaved', async () => {
    render(<TriageRulesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('rule-card')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('rule-add'));
    fireEvent.change(screen.getByLabelText('Rule 3 name'), { target: { value: 'German billing' } });
    fireEvent.click(within(screen.getAllByTestId('rule-card')[2]!).getByText('+ condition'));
    fireEvent.change(screen.getByLabelText('Rule 3 condition 1 field'), { target: { value: 'language' } });
    fireEvent.change(screen.getByLabelText('Rule 3 condition 1 values'), { target: { value: 'de, ' } });
    // The trailing comma stays while typing.
    expect((screen.getByLabelText('Rule 3 condition 1 values') as HTMLInputElement).value).toBe('de, ');
    fireEvent.change(screen.getByLabelText('Rule 3 team'), { target: { value: 'billing' } });
    fireEvent.change(screen.getByLabelText('Rule 3 priority'), { target: { value: 'high' } });
    fireEvent.change(screen.getByLabelText('Rule 3 SLA policy'), { target: { value: 'std' } });
    fireEvent.change(screen.getByLabelText('Rule 3 tags'), { target: { value: 'billing, DE' } });
    fireEvent.change(screen.getByTestId('rule-test-text'), { target: { value: 'Meine Rechnung ist falsch' } });
    fireEvent.click(screen.getByTestId('rule-test-run'));
    await screen.findByTestId('rule-test-result');
    const tested = sent('rules.test')[0]!.config as TriageConfig;
    expect(tested.rules[2]).toMatchObject({ id: 'rule-3', name: 'German billing', when: [{ field: 'language', in: ['de'], not: false }], then: { team: 'billing', priority: 'high', sla: 'std', tags: ['billing', 'DE'] } });
    fireEvent.click(screen.getByTestId('rules-save'));
    await waitFor(() => expect(sent('rules.save')).toHaveLength(1));
    expect(triageConfigSchema.parse(sent('rules.save')[0]!.config).rules[2]!.then.tags).toEqual(['billing', 'de']);
  });

  it("shows the schema's errors beside the fields and sends nothing until they are fixed", async () => {
    render(<TriageRulesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('rule-card')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('rule-add'));
    fireEvent.click(within(screen.getAllByTestId('rule-card')[2]!).getByText('+ condition'));
    fireEvent.change(screen.getByLabelText('Rule 3 condition 1 field'), { target: { value: 'reach' } });
    fireEvent.change(screen.getByLabelText('Rule 3 tags'), { target: { value: 'two words' } });
    fireEvent.click(screen.getByTestId('rules-save'));
    await screen.findByText('Not saved: fix the fields marked below.');
    expect(errorAt('rules.2.name')).toBeTruthy();
    expect(errorAt('rules.2.then.tags')).toMatch(/a tag is letters, digits/);
    expect(errorAt('rules.2.when.0.atLeast')).toBeTruthy();
    expect(screen.getAllByTestId('rule-card')[2]!.className).toContain('has-errors');
    expect(sent('rules.save')).toEqual([]);
    // Errors follow the edits: fixing the name clears its error at once.
    fireEvent.change(screen.getByLabelText('Rule 3 name'), { target: { value: 'Big accounts' } });
    expect(errorAt('rules.2.name')).toBeNull();
    expect(errorAt('rules.2.then.tags')).toBeTruthy();
  });

  it("puts the server's refusal beside the field it names", async () => {
    refuse['rules.save'] = 'Rules not saved: rule 1 "Legal threats": rules[0].then.team: no team "legal" (did you mean "care"?); known: care, sales; rule 2 "Pre-purchase questions": rules[1].when[0].in[0]: no topic "x"';
    render(<TriageRulesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('rule-card')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('rules-save'));
    await waitFor(() => expect(errorAt('rules.0.then.team')).toBe('no team "legal" (did you mean "care"?); known: care, sales'));
    expect(errorAt('rules.1.when.0.in')).toBe('no topic "x"');
  });

  it('is read-only for agents: no save, every field disabled', async () => {
    render(<TriageRulesSettings readOnly />);
    await waitFor(() => expect(screen.getAllByTestId('rule-card')).toHaveLength(2));
    expect(screen.queryByTestId('rules-save')).toBeNull();
    expect((screen.getByLabelText('Rule 1 name') as HTMLInputElement).closest('fieldset')!.disabled).toBe(true);
  });
});

describe('Settings → SLA form', () => {
  it('edits weekly hours, adds a holiday with a half day, and saves what the server takes', async () => {
    render(<SlaSettings readOnly={false} />);
    await screen.findByTestId('calendar-card');
    expect((screen.getByLabelText('Calendar 1 Monday hours') as HTMLInputElement).value).toBe('09:00-17:00');
    expect((screen.getByLabelText('Policy 1 urgent first response minutes') as HTMLInputElement).value).toBe('15');
    fireEvent.change(screen.getByLabelText('Calendar 1 Monday hours'), { target: { value: '08:00-12:00, 13:00–17:30' } });
    fireEvent.change(screen.getByLabelText('Calendar 1 time zone'), { target: { value: 'America/New_York' } });
    fireEvent.click(screen.getByText('+ holiday'));
    fireEvent.change(screen.getByLabelText('Calendar 1 holiday 1 date'), { target: { value: '2026-12-24' } });
    fireEvent.change(screen.getByLabelText('Calendar 1 holiday 1 name'), { target: { value: 'Christmas Eve' } });
    fireEvent.change(screen.getByLabelText('Calendar 1 holiday 1 hours'), { target: { value: '09:00-12:00' } });
    fireEvent.change(screen.getByLabelText('Policy 1 high first response minutes'), { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('sla-save'));
    await screen.findByText('Saved.');
    const v = sent('sla.save')[0] as { policies: SlaPolicy[]; calendars: BusinessCalendar[] };
    expect(v.calendars[0]).toMatchObject({
      timeZone: 'America/New_York',
      week: { mon: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '17:30' }], tue: [{ from: '09:00', to: '17:00' }], sun: [] },
      holidays: [{ date: '2026-12-24', name: 'Christmas Eve', hours: [{ from: '09:00', to: '12:00' }] }],
    });
    expect(v.policies[0]).toMatchObject({ id: 'std', calendar: 'office', firstResponseMinutes: 60, resolutionMinutes: 480, byPriority: { urgent: { firstResponseMinutes: 15 }, high: { firstResponseMinutes: 30, resolutionMinutes: null } } });
  });

  it('marks a bad time zone, malformed hours and a missing target beside their fields, and sends nothing', async () => {
    render(<SlaSettings readOnly={false} />);
    await screen.findByTestId('calendar-card');
    fireEvent.change(screen.getByLabelText('Calendar 1 time zone'), { target: { value: 'Mars/Olympus' } });
    fireEvent.change(screen.getByLabelText('Calendar 1 Tuesday hours'), { target: { value: '9-5' } });
    fireEvent.change(screen.getByLabelText('Policy 1 first response minutes'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('sla-save'));
    await screen.findByText('Not saved: fix the fields marked below.');
    expect(errorAt('calendars.0.timeZone')).toBeTruthy();
    expect(errorAt('calendars.0.week.tue')).toMatch(/a time of day is "HH:MM"/);
    expect(errorAt('policies.0.firstResponseMinutes')).toBeTruthy();
    expect(sent('sla.save')).toEqual([]);
  });

  it("shows the server's cross-check (a policy's calendar) beside the calendar field", async () => {
    refuse['sla.save'] = 'SLA settings not saved: policies[0].calendar: policy "Standard": no calendar "ofice" (did you mean "office"?); known: office';
    render(<SlaSettings readOnly={false} />);
    await screen.findByTestId('calendar-card');
    fireEvent.click(screen.getByTestId('sla-save'));
    await waitFor(() => expect(errorAt('policies.0.calendar')).toMatch(/no calendar "ofice"/));
  });
});

describe('server messages → field errors', () => {
  it('splits on each path, keeps "; known: …" inside its message, and leaves a pathless message whole', () => {
    const { fields, rest } = serverErrors('Invalid params for sla.save: policies.0.name: Too small; calendars.1.week: a calendar is open at least once a week; known: x');
    expect([...fields]).toEqual([
      ['policies.0.name', ['Too small']],
      ['calendars.1.week', ['a calendar is open at least once a week; known: x']],
    ]);
    expect(rest).toBeNull();
    expect(serverErrors('Not allowed: sla.save needs the lead role')).toEqual({ fields: new Map(), rest: 'Not allowed: sla.save needs the lead role' });
  });
});
