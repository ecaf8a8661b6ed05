// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { QueryEditor } from '../../renderer/src/components/query-editor/query-editor';
import { UnderstandingBadges } from '../../renderer/src/components/understanding/understanding-badges';
import type { Enrichment } from '../../shared/understanding';
import { makeItem } from './helpers/items';

afterEach(() => cleanup());

const enrichment = (sentiment: 'positive' | 'neutral' | 'negative'): Enrichment => ({
  lang: { value: 'en', source: 'platform', reasons: [] },
  sentiment: { label: sentiment, score: sentiment === 'negative' ? -0.6 : 0.5, reasons: [{ rule: 'lexicon', evidence: 'terrible' }, { rule: 'negation', evidence: 'not good' }] },
  intent: { label: 'complaint', reasons: [{ rule: 'complaint-cue', evidence: 'never arrived' }] },
  stage: { label: 'post-purchase', reasons: [{ rule: 'ordered', evidence: 'my order' }] },
  urgency: { urgent: true, cues: [{ cue: 'legal', evidence: 'my lawyer' }] },
});

describe('topic chips and understanding badges', () => {
  it('names the topics, shows sentiment by shape as well as colour, and puts every reason in the hover text', () => {
    const item = makeItem(1, { topics: ['kettlebird', 'gone'], enrichment: enrichment('negative') });
    render(<UnderstandingBadges item={item} topics={[{ id: 'kettlebird', name: 'Kettlebird Coffee' } as never]} />);
    expect(screen.getAllByTestId('topic-chip').map((c) => c.textContent)).toEqual(['Kettlebird Coffee', 'gone']);
    const sentiment = screen.getByTestId('sentiment-badge');
    expect(sentiment.textContent).toBe('▼negative');
    expect(sentiment.className).toContain('sentiment-negative');
    expect(sentiment.title).toBe('Sentiment negative (score -0.60), because:\n• lexicon: “terrible”\n• negation: “not good”');
    expect(screen.getByTestId('intent-badge').title).toContain('complaint-cue: “never arrived”');
    expect(screen.getByTestId('stage-badge').textContent).toBe('post-purchase');
    expect(screen.getByTestId('urgent-badge').title).toContain('legal: “my lawyer”');
  });

  it('each sentiment has its own shape', () => {
    const marks = (['positive', 'neutral', 'negative'] as const).map((s) => {
      const { unmount } = render(<UnderstandingBadges item={makeItem(1, { enrichment: enrichment(s) })} topics={[]} />);
      const text = screen.getByTestId('sentiment-badge').textContent!.slice(0, 1);
      unmount();
      return text;
    });
    expect(new Set(marks).size).toBe(3);
  });

  it('an item without enrichment or topics shows nothing', () => {
    const { container } = render(<UnderstandingBadges item={makeItem(1, { enrichment: null, topics: [] })} topics={[]} />);
    expect(container.innerHTML).toBe('');
  });
});

function Harness({ initial, forTopic = false }: { initial: string; forTopic?: boolean }) {
  const [q, setQ] = useState(initial);
  return <QueryEditor label="Query" value={q} onChange={setQ} topics={[]} forTopic={forTopic} />;
}

describe('the query editor', () => {
  it('marks a parse error at its position with a hint, and clears it when fixed', () => {
    render(<Harness initial="refund AND (late" />);
    const error = screen.getByTestId('query-error');
    expect(error.getAttribute('data-position')).toBe(String('refund AND '.length));
    expect(error.textContent).toMatch(/\)/);
    expect(screen.getByTestId('query-input').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByTestId('query-input'), { target: { value: 'refund AND (late)' } });
    expect(screen.queryByTestId('query-error')).toBeNull();
    expect(screen.getByTestId('query-help').textContent).toContain('NEAR/5');
  });

  it('a topic query may not use topic:', () => {
    render(<Harness initial="topic:brewco" forTopic />);
    expect(screen.getByTestId('query-error').getAttribute('data-position')).toBe('0');
  });
});
