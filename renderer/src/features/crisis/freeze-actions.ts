import type { Params, Results } from '../../../../shared/methods';
import { rpc } from '../../api/rpc';
import { appStore } from '../../store/app-store';

/** Freezes (from the console or a suggestion) and keeps the answer for the crisis console to show. */
export async function freezeNow(params: Omit<Params<'freeze.set'>, 'frozen'>): Promise<Results['freeze.set']> {
  const result = await rpc('freeze.set', { ...params, frozen: true });
  appStore.getState().setFreezeOutcome({ at: Date.now(), result });
  return result;
}

/** Asks to lift. With "second person" on, the first ask only records the request. */
export function liftFreeze(): Promise<Results['freeze.set']> {
  return rpc('freeze.set', { frozen: false });
}
