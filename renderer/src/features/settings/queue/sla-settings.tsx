import { useCallback, useMemo } from 'react';
import { methods } from '../../../../../shared/methods';
import { PRIORITIES, WEEKDAYS } from '../../../../../shared/queue';
import { rpc } from '../../../api/rpc';
import { FieldError, FieldErrorsContext, SaveBar } from './field-errors';
import { useSettingsForm } from './use-settings-form';
import { fromSla, newCalendar, newHoliday, newPolicy, toSla, type DraftCalendar, type DraftPolicy } from './sla-form-model';

const WEEKDAY_LABEL = { sun: 'Sunday', mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' } as const;
// sla.save's own params schema: what the server checks, checked here as the lead types.
const slaSchema = methods['sla.save'].params;

function zoneNames(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/** Settings → SLA: policies (first response, resolution, per-priority targets, the warning) and business-hours calendars (time zone, weekly hours, holidays). */
export function SlaSettings({ readOnly }: { readOnly: boolean }) {
  const zones = useMemo(zoneNames, []);
  const load = useCallback(() => rpc('sla.list', {}).then(fromSla), []);
  const { draft, errors, error, notice, edit, save } = useSettingsForm({
    load,
    toValue: toSla,
    schema: slaSchema,
    save: async (v: ReturnType<typeof toSla>) => ({ draft: fromSla(await rpc('sla.save', slaSchema.parse(v))) }),
  });
  const editPolicy = (i: number, patch: Partial<DraftPolicy>) => edit((d) => ({ ...d, policies: d.policies.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  const editCalendar = (i: number, patch: Partial<DraftCalendar>) => edit((d) => ({ ...d, calendars: d.calendars.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  return (
    <section className="panel" data-testid="sla-settings">
      <h2>SLA policies and business hours</h2>
      <p className="hint">
        Targets are in minutes of business time: a policy with a calendar counts only the calendar's opening hours, in its time zone, skipping holidays; without one the clock
        runs around the clock. The warning comes when that share of a target has passed.
      </p>
      {draft === null ? (
        <p className="panel-empty">Loading…</p>
      ) : (
        <FieldErrorsContext.Provider value={errors}>
          <fieldset className="sla-form" disabled={readOnly}>
            <h3>Policies</h3>
            {draft.policies.map((p, i) => (
              <PolicyCard key={p.key} p={p} i={i} calendars={draft.calendars.map((c) => c.id)} onChange={(patch) => editPolicy(i, patch)} onRemove={() => edit((d) => ({ ...d, policies: d.policies.filter((_, j) => j !== i) }))} />
            ))}
            <FieldError path="policies" />
            {readOnly ? null : (
              <button type="button" className="secondary" data-testid="policy-add" onClick={() => edit((d) => ({ ...d, policies: [...d.policies, newPolicy(d.policies.map((x) => x.id))] }))}>
                Add a policy
              </button>
            )}
            <h3>Business-hours calendars</h3>
            {draft.calendars.map((c, i) => (
              <CalendarCard key={c.key} c={c} i={i} zones={zones} onChange={(patch) => editCalendar(i, patch)} onRemove={() => edit((d) => ({ ...d, calendars: d.calendars.filter((_, j) => j !== i) }))} />
            ))}
            {readOnly ? null : (
              <button type="button" className="secondary" data-testid="calendar-add" onClick={() => edit((d) => ({ ...d, calendars: [...d.calendars, newCalendar(d.calendars.map((x) => x.id))] }))}>
                Add a calendar
              </button>
            )}
          </fieldset>
        </FieldErrorsContext.Provider>
      )}
      <SaveBar error={error} notice={notice} readOnly={readOnly} ready={draft !== null} testId="sla-save" label="Save SLA settings" onSave={() => void save()} />
    </section>
  );
}

function PolicyCard({ p, i, calendars, onChange, onRemove }: { p: DraftPolicy; i: number; calendars: string[]; onChange: (patch: Partial<DraftPolicy>) => void; onRemove: () => void }) {
  const at = `policies.${i}`;
  const label = `Policy ${i + 1}`;
  return (
    <div className="sla-card" data-testid="policy-card" data-policy-id={p.id}>
      <div className="sla-row">
        <label>
          Name <input aria-label={`${label} name`} value={p.name} onChange={(e) => onChange({ name: e.target.value })} />
          <FieldError path={`${at}.name`} />
        </label>
        <label>
          Id <input aria-label={`${label} id`} className="short" value={p.id} onChange={(e) => onChange({ id: e.target.value })} />
          <FieldError path={`${at}.id`} />
        </label>
        <label>
          Business hours{' '}
          <select aria-label={`${label} calendar`} value={p.calendar} onChange={(e) => onChange({ calendar: e.target.value })}>
            <option value="">around the clock</option>
            {(p.calendar && !calendars.includes(p.calendar) ? [...calendars, p.calendar] : calendars).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <FieldError path={`${at}.calendar`} />
        </label>
        <button type="button" className="link-button" aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      <div className="sla-row">
        <label>
          First response within <input aria-label={`${label} first response minutes`} className="short" type="number" min={1} value={p.first} onChange={(e) => onChange({ first: e.target.value })} /> min
          <FieldError path={`${at}.firstResponseMinutes`} />
        </label>
        <label>
          Resolved within <input aria-label={`${label} resolution minutes`} className="short" type="number" min={1} placeholder="no target" value={p.resolution} onChange={(e) => onChange({ resolution: e.target.value })} /> min
          <FieldError path={`${at}.resolutionMinutes`} />
        </label>
        <label>
          Warn at <input aria-label={`${label} warning percent`} className="short" type="number" min={1} max={99} value={p.warnAt} onChange={(e) => onChange({ warnAt: e.target.value })} /> %
          <FieldError path={`${at}.warnAtPercent`} />
        </label>
        <label>
          <input type="checkbox" checked={p.pause} onChange={(e) => onChange({ pause: e.target.checked })} /> pause the resolution clock while waiting on the customer
        </label>
      </div>
      <table className="sla-priorities">
        <caption>Per priority (empty: the policy's own targets)</caption>
        <tbody>
          {PRIORITIES.map((pr) => (
            <tr key={pr}>
              <th scope="row">{pr}</th>
              <td>
                <input
                  aria-label={`${label} ${pr} first response minutes`}
                  className="short"
                  type="number"
                  min={1}
                  value={p.byPriority[pr].first}
                  onChange={(e) => onChange({ byPriority: { ...p.byPriority, [pr]: { ...p.byPriority[pr], first: e.target.value } } })}
                />
              </td>
              <td>
                <input
                  aria-label={`${label} ${pr} resolution minutes`}
                  className="short"
                  type="number"
                  min={1}
                  value={p.byPriority[pr].resolution}
                  onChange={(e) => onChange({ byPriority: { ...p.byPriority, [pr]: { ...p.byPriority[pr], resolution: e.target.value } } })}
                />
                <FieldError path={`${at}.byPriority.${pr}`} deep />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CalendarCard({ c, i, zones, onChange, onRemove }: { c: DraftCalendar; i: number; zones: string[]; onChange: (patch: Partial<DraftCalendar>) => void; onRemove: () => void }) {
  const at = `calendars.${i}`;
  const label = `Calendar ${i + 1}`;
  const listId = `sla-zones-${c.key}`;
  const setHoliday = (j: number, patch: Partial<DraftCalendar['holidays'][number]>) => onChange({ holidays: c.holidays.map((h, k) => (k === j ? { ...h, ...patch } : h)) });
  return (
    <div className="sla-card" data-testid="calendar-card" data-calendar-id={c.id}>
      <div className="sla-row">
        <label>
          Name <input aria-label={`${label} name`} value={c.name} onChange={(e) => onChange({ name: e.target.value })} />
          <FieldError path={`${at}.name`} />
        </label>
        <label>
          Id <input aria-label={`${label} id`} className="short" value={c.id} onChange={(e) => onChange({ id: e.target.value })} />
          <FieldError path={`${at}.id`} />
        </label>
        <label>
          Time zone <input aria-label={`${label} time zone`} list={listId} value={c.timeZone} onChange={(e) => onChange({ timeZone: e.target.value })} />
          <datalist id={listId}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <FieldError path={`${at}.timeZone`} />
        </label>
        <button type="button" className="link-button" aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      <table className="sla-week">
        <caption>Opening hours (e.g. 09:00-12:00, 13:00-17:00; empty: closed)</caption>
        <tbody>
          {WEEKDAYS.map((d) => (
            <tr key={d}>
              <th scope="row">{WEEKDAY_LABEL[d]}</th>
              <td>
                <input aria-label={`${label} ${WEEKDAY_LABEL[d]} hours`} value={c.week[d]} placeholder="closed" onChange={(e) => onChange({ week: { ...c.week, [d]: e.target.value } })} />
                <FieldError path={`${at}.week.${d}`} deep />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldError path={`${at}.week`} />
      <h4>Holidays</h4>
      <ul className="sla-holidays">
        {c.holidays.map((h, j) => (
          <li key={h.key} data-testid="holiday-row">
            <input aria-label={`${label} holiday ${j + 1} date`} type="date" value={h.date} onChange={(e) => setHoliday(j, { date: e.target.value })} />
            <input aria-label={`${label} holiday ${j + 1} name`} value={h.name} placeholder="Christmas Eve" onChange={(e) => setHoliday(j, { name: e.target.value })} />
            <input aria-label={`${label} holiday ${j + 1} hours`} value={h.hours} placeholder="closed all day" onChange={(e) => setHoliday(j, { hours: e.target.value })} />
            <button type="button" className="link-button" aria-label={`Remove ${label.toLowerCase()} holiday ${j + 1}`} onClick={() => onChange({ holidays: c.holidays.filter((_, k) => k !== j) })}>
              ×
            </button>
            <FieldError path={`${at}.holidays.${j}`} deep />
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={() => onChange({ holidays: [...c.holidays, newHoliday()] })}>
        + holiday
      </button>
    </div>
  );
}
