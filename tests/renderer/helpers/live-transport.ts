import { act } from '@testing-library/react';
import type { ApiTransport } from '../../../shared/api';
import type { Change, ChangeEnvelope } from '../../../shared/changes';
import { tapChanges } from '../../../renderer/src/api/live-changes';

/**
 * A transport whose calls `answer` serves and whose change stream the test pushes to, through the
 * live-change tap that the desk and the Settings forms listen on (as the app's sync does).
 */
export function liveTransport(answer: (method: string, params: unknown) => Promise<unknown>) {
  let deliver: ((env: ChangeEnvelope) => void) | null = null;
  let seq = 0;
  const t: ApiTransport = {
    call: (method, params) => answer(method, params) as never,
    subscribe(_since, onChange) {
      deliver = onChange;
      return () => undefined;
    },
  };
  const transport = tapChanges(t);
  transport.subscribe(null, () => undefined, () => undefined);
  return { transport, push: (change: Change) => act(() => deliver!({ seq: ++seq, change })) };
}
