// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiTransport } from '../../shared/api';
import type { Alert } from '../../shared/alerts';
import { setRpcTransport } from '../../renderer/src/api/rpc';
import { db } from '../../renderer/src/db/db';
import { AlertsView } from '../../renderer/src/features/alerts/alerts-view';
import { parseHash } from '../../renderer/src/lib/route';
import { makeAlert } from '../shared/alert-fixture';
import { makeItem } from './helpers/items';

const alert = (id: string, itemIds: number[], over: Partial<Alert> = {}): Alert =>
  makeAlert(id, { title: `Alert ${id}`, why: 'charged twice, 12 posts', evidence: { itemIds, terms: ['charged'], seriesKey: null, series: [], numbers: { count: 12 } }, ...over });

function serve(alerts: Alert[]): () => void {
  const transport: ApiTransport = {
    call: ((method: string) => (method === 'alerts.list' ? Promise.resolve({ alerts }) : Promise.reject(new Error(`unexpected ${method}`)))) as ApiTransport['call'],
    subscribe: () => () => undefined,
  };
  return setRpcTransport(transport);
}

let unset: (() => void) | null = null;
afterEach(async () => {
  cleanup();
  unset?.();
  window.location.hash = '';
  await db.items.clear();
});

describe('the link in alert messages (#/alerts/ID)', () => {
  it('parses to the alerts page with that alert, and survives the sign-in token being taken out', () => {
    const r = parseHash('#/alerts/a%2F1');
    expect(r.path).toBe('alerts');
    expect(r.params.get('alert')).toBe('a/1');
    expect(parseHash('#/alerts/%E0%A4%A').params.get('alert')).toBe('%E0%A4%A');
    expect(parseHash('#/alerts').params.get('alert')).toBeNull();
    expect(parseHash('#/alerts/x/y').path).toBe('wall');
  });

  it('opens that alert with its evidence; the others stay closed', async () => {
    await db.items.bulkPut([
      makeItem(7, { text: 'Charged twice by the app', author: { handle: 'dana@press.example', name: 'Dana', url: null, avatarUrl: null, emojis: [], followers: 250_000 } }),
      makeItem(8, { text: 'Card charged three times' }),
    ]);
    unset = serve([alert('first', [1]), alert('linked-one', [7, 8]), alert('last', [2])]);
    window.location.hash = '#/alerts/linked-one';
    render(<AlertsView />);
    const rows = await screen.findAllByTestId('alert-row');
    expect(rows.map((r) => r.getAttribute('data-alert-id'))).toEqual(['first', 'linked-one', 'last']);
    const linked = rows[1]!;
    expect(linked.getAttribute('data-linked')).toBe('true');
    const evidence = within(linked).getByTestId('alert-evidence');
    expect(await within(evidence).findByText('Charged twice by the app')).toBeTruthy();
    expect(within(evidence).getByText('Card charged three times')).toBeTruthy();
    // The reach the post was stored with; none shown where it is unknown.
    expect(within(evidence).getByText('(250,000 followers)')).toBeTruthy();
    expect(within(evidence).getAllByText(/followers\)/u)).toHaveLength(1);
    expect(within(rows[0]!).queryByTestId('alert-evidence')).toBeNull();
    expect(within(rows[2]!).queryByTestId('alert-evidence')).toBeNull();
    expect(screen.queryByTestId('alert-link-missing')).toBeNull();
  });

  it('says so when the linked alert is not in the list', async () => {
    unset = serve([alert('first', [1])]);
    window.location.hash = '#/alerts/gone';
    render(<AlertsView />);
    expect(await screen.findByTestId('alert-link-missing')).toBeTruthy();
    expect(within(screen.getByTestId('alert-row')).queryByTestId('alert-evidence')).toBeNull();
  });

  it('a link followed while the page is open opens the new alert', async () => {
    unset = serve([alert('first', [1]), alert('second', [2])]);
    window.location.hash = '#/alerts';
    render(<AlertsView />);
    const rows = await screen.findAllByTestId('alert-row');
    expect(screen.queryByTestId('alert-evidence')).toBeNull();
    await act(async () => {
      window.location.hash = '#/alerts/second';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(within(rows[1]!).getByTestId('alert-evidence')).toBeTruthy();
  });
});
