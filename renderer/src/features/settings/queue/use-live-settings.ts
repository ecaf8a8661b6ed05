import { useCallback, useEffect, useRef, useState } from 'react';
import type { Change } from '../../../../../shared/changes';
import { onLiveChange } from '../../../api/live-changes';

type Area = Extract<Change, { kind: 'queue.settings' }>['area'];

/**
 * Keeps a settings form in step with saves made elsewhere (another lead, another window): when
 * the server announces a save of this area, a form with no unsaved edits reloads (`version`
 * changes: make it a dependency of the form's load); a form with edits keeps them and says that
 * saving will replace the other save, rather than dropping the lead's work.
 */
export function useLiveSettings(area: Area) {
  const [version, setVersion] = useState(0);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const saved = useRef<string | null>(null);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      onLiveChange((env) => {
        if (env.change.kind !== 'queue.settings' || env.change.area !== area) return;
        if (current.current === saved.current) setVersion((v) => v + 1);
        else setChangedElsewhere(true);
      }),
    [area],
  );

  /** The value as the server has it (after a load or a save). */
  const stored = useCallback((value: unknown) => {
    saved.current = JSON.stringify(value);
    current.current = saved.current;
    setChangedElsewhere(false);
  }, []);
  /** The form's value as it is now. */
  const track = useCallback((value: unknown) => {
    current.current = value === null ? saved.current : JSON.stringify(value);
  }, []);
  return { version, changedElsewhere, stored, track };
}
