import { useEffect, useState } from 'react';
import type { CustomerTags } from '../../../../shared/customer-tags';
import { onLiveChange } from '../../api/live-changes';
import { errorText, rpc } from '../../api/rpc';
import { FormError } from '../../components/form-error';

/**
 * The customer's tags (session 15): on the customer (platform + handle), so every conversation of
 * theirs shows them. Another desk's change arrives live (customer.tags); the server checks roles
 * and the tag's form, and its words are shown when it refuses.
 */
export function CustomerTagsEditor({ initial }: { initial: CustomerTags }) {
  const [customer, setCustomer] = useState(initial);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { platform, handle } = initial;

  useEffect(() => setCustomer(initial), [initial]);
  useEffect(
    () =>
      onLiveChange((env) => {
        const ch = env.change;
        if (ch.kind === 'customer.tags' && ch.customer.platform === platform && ch.customer.handle === handle) setCustomer(ch.customer);
      }),
    [platform, handle],
  );

  const act = async (method: 'customers.tags.add' | 'customers.tags.remove', tag: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await rpc(method, { platform, handle, tag });
      setCustomer(r.customer);
      if (method === 'customers.tags.add') setDraft('');
    } catch (e) {
      // The draft stays, so a mistyped tag can be fixed rather than typed again.
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="customer-tags" data-testid="customer-tags">
      <ul className="customer-tag-list" aria-label="Customer tags">
        {customer.tags.length === 0 ? <li className="hint">No tags yet</li> : null}
        {customer.tags.map((t) => (
          <li key={t.tag} className="customer-tag" data-testid="customer-tag" title={`added by ${t.addedBy}, ${new Date(t.addedAt).toLocaleString()}`}>
            {t.tag}{' '}
            <button type="button" className="link-button" aria-label={`Remove tag ${t.tag}`} disabled={busy} onClick={() => void act('customers.tags.remove', t.tag)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="customer-tag-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) void act('customers.tags.add', draft.trim());
        }}
      >
        <input aria-label="New customer tag" data-testid="customer-tag-input" placeholder="tag, e.g. vip" value={draft} maxLength={60} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" disabled={busy || !draft.trim()}>
          Add tag
        </button>
      </form>
      <FormError error={error} />
    </div>
  );
}
