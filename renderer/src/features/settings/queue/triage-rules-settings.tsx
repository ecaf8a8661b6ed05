import { useCallback, useState } from 'react';
import type { TriageExplanation } from '../../../../../shared/queue';
import { errorText, rpc } from '../../../api/rpc';
import { JsonSetting } from './json-setting';
import { FormError } from '../../../components/form-error';

/** Settings → Triage rules: the ordered rules as JSON, and the rule tester (paste a post, see which rule fires and why). */
export function TriageRulesSettings({ readOnly }: { readOnly: boolean }) {
  const load = useCallback(() => rpc('rules.list', {}).then((r) => r.config), []);
  return (
    <JsonSetting
      title="Triage rules"
      testId="triage-rules-settings"
      readOnly={readOnly}
      load={load}
      save={(config) => rpc('rules.save', { config })}
      help={
        <>
          Rules run in order; the first match decides (a rule with <code>"continue": true</code> applies and lets later ones fill what it left unset). Conditions:
          platform, source, query, topic, intent, sentiment, stage, language, urgency, reach, vip, private. Actions: team, priority, tags, sla. The README has an example.
        </>
      }
    >
      {(draft) => <RuleTester draft={draft} />}
    </JsonSetting>
  );
}

function RuleTester({ draft }: { draft: string }) {
  const [text, setText] = useState('');
  const [priv, setPriv] = useState(false);
  const [result, setResult] = useState<TriageExplanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const test = async () => {
    setError(null);
    let config: unknown;
    try {
      config = JSON.parse(draft);
    } catch {
      config = undefined;
    }
    try {
      const r = await rpc('rules.test', { text, private: priv, ...(config !== undefined ? { config } : {}) });
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
