import { useState } from 'react';
import type { TriageConfigInput, TriageExplanation } from '../../../../../shared/queue';
import { errorText, rpc } from '../../../api/rpc';
import { FormError } from '../../../components/form-error';

/** The rule tester beside the rules: paste a post, see which rule fires and why, against the rules as they stand in the form (saved or not). */
export function RuleTester({ config }: { config: TriageConfigInput }) {
  const [text, setText] = useState('');
  const [priv, setPriv] = useState(false);
  const [result, setResult] = useState<TriageExplanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const test = async () => {
    setError(null);
    try {
      const r = await rpc('rules.test', { text, private: priv, config });
      setResult(r.explanation);
    } catch (e) {
      setResult(null);
      setError(errorText(e));
    }
  };
  return (
    <div className="rule-tester" data-testid="rule-tester">
      <h3>Rule tester</h3>
      <p className="hint">Paste a post: it is understood (intent, sentiment, stage, urgency) and run through the rules above, saved or not.</p>
      <textarea aria-label="Post to test" data-testid="rule-test-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      <label>
        <input type="checkbox" checked={priv} onChange={(e) => setPriv(e.target.checked)} /> a private (direct) message
      </label>
      <button type="button" data-testid="rule-test-run" disabled={!text.trim()} onClick={() => void test()}>
        Test
      </button>
      <FormError error={error} />
      {result ? (
        <div data-testid="rule-test-result">
          <p>
            → team <strong>{result.outcome.team}</strong>, priority {result.outcome.priority}, SLA {result.outcome.sla ?? 'none'}
            {result.outcome.tags.length ? `, tags ${result.outcome.tags.join(', ')}` : ''}. Decided by {result.decidingRule ?? 'the default route'}.
          </p>
          <ol>
            {result.rules.map((r) => (
              <li key={r.rule} className={`rule-${r.result}`}>
                <strong>{r.name}</strong>: {r.result.replace('_', ' ')}
                {r.conditions.length ? (
                  <ul>
                    {r.conditions.map((c, i) => (
                      <li key={i}>
                        {c.met ? '✓' : '✗'} {c.because}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
