import { useCallback } from 'react';
import { rpc } from '../../../api/rpc';
import { JsonSetting } from './json-setting';

/** Settings → SLA: policies (first response, resolution, by priority) and business-hours calendars. */
export function SlaSettings({ readOnly }: { readOnly: boolean }) {
  const load = useCallback(() => rpc('sla.list', {}), []);
  return (
    <JsonSetting
      title="SLA policies and business hours"
      testId="sla-settings"
      readOnly={readOnly}
      load={load}
      save={(v) => rpc('sla.save', v as never)}
      help={
        <>
          <code>policies</code>: firstResponseMinutes, resolutionMinutes, byPriority, warnAtPercent (the warning before a breach), calendar (a calendar id, or null for
          around the clock). <code>calendars</code>: an IANA time zone, opening hours per weekday, holidays. Timers count business time only.
        </>
      }
    />
  );
}
