// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiTransport } from '../../shared/api';
import type { ChangeEnvelope } from '../../shared/changes';
import type { CustomerTags } from '../../shared/customer-tags';
import { RpcError } from '../../shared/errors';
import { tapChanges } from '../../renderer/src/api/live-changes';
import { setRpcTransport } from '../../renderer/src/api/rpc';
import { CustomerTagsEditor } from '../../renderer/src/features/desk/customer-tags';

const AT = '2026-11-30T10:00:00.000Z';
const customer = (tags: string[], handle = 'carla@social.example'): CustomerTags => ({ platform: 'mastodon', handle, tags: tags.map((tag) => ({ tag, addedBy: 'agent2', addedAt: AT })) });

/** A hub that keeps tags like the server does, refuses what the server refuses, and can push changes. */
function fakeHub() {
  const calls: Array<{ method: string; params: unknown }> = [];
  let tags: string[] = [];
  let push: ((env: ChangeEnvelope) => void) | null = null;
  const t: ApiTransport = {
    async call(method, params) {
      calls.push({ method, params });
      const p = params as { tag: string };
      if (!/^[\p{L}\p{N}_-]{1,50}$/u.test(p.tag)) throw new RpcError('invalid_input', 'tag: a tag is letters, digits, _ or - (e.g. "refund")');
      const tag = p.tag.toLowerCase();
      tags = method === 'customers.tags.add' ? [...new Set([...tags, tag])].sort() : tags.filter((x) => x !== tag);
      return { customer: customer(tags) } as never;
    },
    subscribe(_since, onChange) {
      push = onChange;
      return () => undefined;
    },
  };
  const tapped = tapChanges(t);
  tapped.subscribe(null, () => undefined, () => undefined);
  let seq = 0;
  return { calls, transport: tapped, push: (c: CustomerTags) => act(() => push!({ seq: ++seq, change: { kind: 'customer.tags', customer: c } })) };
}

let undo: (() => void) | null = null;
let hub: ReturnType<typeof fakeHub>;
beforeEach(() => {
  hub = fakeHub();
  undo = setRpcTransport(hub.transport);
});
afterEach(() => {
  cleanup();
  undo?.();
});

const chips = () => screen.queryAllByTestId('customer-tag').map((li) => li.firstChild?.textContent?.trim());

describe('customer tags in the conversation pane', () => {
  it('adds a tag through the server and shows what the server stored', async () => {
    render(<CustomerTagsEditor initial={customer([])} />);
    expect(screen.getByText('No tags yet')).toBeTruthy();
    fireEvent.change(screen.getByTestId('customer-tag-input'), { target: { value: ' VIP ' } });
    fireEvent.click(screen.getByText('Add tag'));
    await waitFor(() => expect(chips()).toEqual(['vip']));
    expect(hub.calls).toEqual([{ method: 'customers.tags.add', params: { platform: 'mastodon', handle: 'carla@social.example', tag: 'VIP' } }]);
    expect((screen.getByTestId('customer-tag-input') as HTMLInputElement).value).toBe('');
  });

  it("shows the server's refusal inline and keeps the draft", async () => {
    render(<CustomerTagsEditor initial={customer([])} />);
    fireEvent.change(screen.getByTestId('customer-tag-input'), { target: { value: 'two words' } });
    fireEvent.click(screen.getByText('Add tag'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/a tag is letters, digits/));
    expect((screen.getByTestId('customer-tag-input') as HTMLInputElement).value).toBe('two words');
    expect(chips()).toEqual([]);
  });

  it('removes a tag', async () => {
    render(<CustomerTagsEditor initial={customer(['angry', 'vip'])} />);
    fireEvent.click(screen.getByLabelText('Remove tag angry'));
    await waitFor(() => expect(chips()).toEqual([]));
    expect(hub.calls.at(-1)).toEqual({ method: 'customers.tags.remove', params: { platform: 'mastodon', handle: 'carla@social.example', tag: 'angry' } });
  });

  it("follows another desk's changes to this customer live, and ignores other customers'", async () => {
    render(<CustomerTagsEditor initial={customer(['vip'])} />);
    expect(chips()).toEqual(['vip']);
    hub.push(customer(['refund'], 'someone@else.example'));
    expect(chips()).toEqual(['vip']);
    hub.push(customer(['refund', 'vip']));
    expect(chips()).toEqual(['refund', 'vip']);
    expect(screen.getAllByTestId('customer-tag')[0]!.getAttribute('title')).toMatch(/added by agent2/);
  });
});
