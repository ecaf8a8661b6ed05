// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ParseError } from '../../shared/listen';
import type { ConversationView } from '../../shared/queue-views';
import { deskRows } from '../../renderer/src/features/desk/desk-filter';
import { checkQuery } from '../../shared/listen';
import { conversationFilter, evaluateInSlices, loadDeskQuery, saveDeskQuery } from '../../renderer/src/features/desk/desk-query';
import { DeskQueryFilter } from '../../renderer/src/features/desk/desk-query-filter';
import { memoryStorage } from '../../renderer/src/store/storage';

afterEach(() => cleanup());

function conv(id: string, over: Partial<ConversationView> = {}): ConversationView {
  return {
    id,
    platform: 'mastodon',
    status: 'open',
    private: false,
    team: 'care',
    assignee: null,
    priority: 'normal',
    tags: [],
    sla: null,
    author: { handle: `${id}@example.social`, name: id },
    threadRoot: `root-${id}`,
    createdAt: '2026-11-30T10:00:00.000Z',
    lastCustomerAt: '2026-11-30T10:00:00.000Z',
    firstResponseAt: null,
    resolvedAt: null,
    reopenCount: 0,
    rules: [],
    preview: 'hello',
    badges: { intent: 'chatter', sentiment: 'neutral', stage: 'none', urgency: [], language: 'en' },
    slaState: null,
    slaDueAt: null,
    answered: false,
    unassignedWhy: null,
    updatedAt: '2026-11-30T10:00:00.000Z',
    ...over,
  };
}

const refund = conv('dana', {
  preview: 'My Café order never arrived, I want a refund',
  tags: ['billing'],
  badges: { intent: 'complaint', sentiment: 'negative', stage: 'post-purchase', urgency: [], language: 'en', topics: ['t-delivery'] },
  assignee: 'agent1',
});
const praise = conv('lukas', {
  preview: 'Der Kaffee ist großartig, danke!',
  badges: { intent: 'praise', sentiment: 'positive', stage: 'post-purchase', urgency: [], language: 'de' },
});
const question = conv('ana', { preview: 'Do you ship refunds to Spain? Asking before I order', badges: { intent: 'question', sentiment: 'neutral', stage: 'pre-purchase', urgency: [], language: 'es' } });
const all = [refund, praise, question];
const ids = (q: string) => all.filter(conversationFilter(q)!).map((c) => c.id);

describe('desk filter queries', () => {
  it('matches the latest customer message: words, phrases, wildcards, NOT, accent folding', () => {
    expect(ids('refund')).toEqual(['dana']);
    expect(ids('refund*')).toEqual(['dana', 'ana']);
    expect(ids('refund* -"never arrived"')).toEqual(['ana']);
    expect(ids('cafe NEAR/2 order')).toEqual(['dana']);
    expect(ids('kaffee OR refund')).toEqual(['dana', 'lukas']);
    expect(ids('shipping')).toEqual([]);
  });

  it('tests the conversation fields and the understanding of its latest message', () => {
    expect(ids('platform:mastodon')).toEqual(['dana', 'lukas', 'ana']);
    expect(ids('-platform:mastodon')).toEqual([]);
    expect(ids('lang:de OR lang:es')).toEqual(['lukas', 'ana']);
    expect(ids('sentiment:negative')).toEqual(['dana']);
    expect(ids('intent:question')).toEqual(['ana']);
    expect(ids('stage:post-purchase -intent:praise')).toEqual(['dana']);
    expect(ids('author:lukas')).toEqual(['lukas']);
    expect(ids('#billing')).toEqual(['dana']);
  });

  it('an empty query filters nothing; a query combines with the tabs', () => {
    expect(conversationFilter('  ')).toBeNull();
    const keep = conversationFilter('post-purchase OR stage:post-purchase');
    expect(deskRows(all, { tab: 'all', keep, team: '', atRisk: false }, 'agent1', []).map((c) => c.id)).toEqual(['dana', 'lukas']);
    expect(deskRows(all, { tab: 'mine', keep, team: '', atRisk: false }, 'agent1', []).map((c) => c.id)).toEqual(['dana']);
    expect(deskRows(all, { tab: 'team', keep, team: '', atRisk: false }, 'agent1', []).map((c) => c.id)).toEqual(['lukas']);
  });

  it('topic: matches the topics the latest message was tagged with, by id or by name', () => {
    const topics = [{ id: 't-delivery', name: 'Late deliveries' }];
    const byTopic = (q: string) => all.filter(conversationFilter(q, topics)!).map((c) => c.id);
    expect(byTopic('topic:t-delivery')).toEqual(['dana']);
    expect(byTopic('topic:"Late deliveries"')).toEqual(['dana']);
    expect(byTopic('-topic:"Late deliveries" AND stage:post-purchase')).toEqual(['lukas']);
    // Renamed: the new name matches, the old one no longer does.
    const renamed = [{ id: 't-delivery', name: 'Shipping' }];
    expect(all.filter(conversationFilter('topic:shipping', renamed)!).map((c) => c.id)).toEqual(['dana']);
    expect(all.filter(conversationFilter('topic:"Late deliveries"', renamed)!).map((c) => c.id)).toEqual([]);
  });

  it('a parse error says where, with a hint', () => {
    const typo = checkQuery('refund NEAR/ order');
    expect(typo).not.toBeNull();
    expect(typo!.position).toBe(7);
    expect(typo!.hint).toMatch(/NEAR\/5/);
    expect(() => conversationFilter('refund AND (order')).toThrow(ParseError);
    expect(checkQuery('refund OR intent:question')).toBeNull();
  });

  it('typed input never throws anything but a ParseError with a position inside the query', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (q) => {
        try {
          const keep = conversationFilter(q);
          if (keep) all.forEach(keep);
        } catch (err) {
          if (!(err instanceof ParseError)) throw err;
          expect(err.position).toBeGreaterThanOrEqual(0);
          expect(err.position).toBeLessThanOrEqual(q.length);
          expect(checkQuery(q)).not.toBeNull();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('runs a query over the queue in slices, then says so; a newer query stops the older run', async () => {
    const many = Array.from({ length: 500 }, (_, i) => conv(`c${i}`, { preview: i % 5 === 0 ? 'refund please' : 'hello' }));
    const seen: string[] = [];
    const keep = conversationFilter('refund')!;
    const counting = (c: ConversationView) => (seen.push(c.id), keep(c));
    let done = 0;
    // A slice of 0 ms still makes progress: one conversation a slice.
    evaluateInSlices(counting, many.slice(0, 3), () => done++, 0);
    await vi.waitFor(() => expect(done).toBe(1));
    expect(seen).toEqual(['c0', 'c1', 'c2']);
    seen.length = 0;
    const stop = evaluateInSlices(counting, many, () => done++, 0);
    await new Promise((r) => setTimeout(r, 5));
    stop();
    const evaluated = seen.length;
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThan(many.length);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.length).toBe(evaluated);
    expect(done).toBe(1);
    // Answers are remembered per conversation version: the list re-renders without matching again.
    expect(many.filter(keep)).toHaveLength(100);
  });

  it('each user keeps their own query', () => {
    const storage = memoryStorage();
    saveDeskQuery(storage, 'agent1', 'intent:complaint');
    saveDeskQuery(storage, 'agent2', 'lang:de');
    expect(loadDeskQuery(storage, 'agent1')).toBe('intent:complaint');
    expect(loadDeskQuery(storage, 'agent2')).toBe('lang:de');
    saveDeskQuery(storage, 'agent1', '');
    expect(loadDeskQuery(storage, 'agent1')).toBe('');
    expect(loadDeskQuery(storage, 'agent2')).toBe('lang:de');
  });

  it('the filter bar marks the error at its position and counts the matches once it parses', () => {
    function Harness() {
      const [q, setQ] = useState('');
      const keep = (() => {
        try {
          return conversationFilter(q);
        } catch {
          return null;
        }
      })();
      return <DeskQueryFilter query={q} onChange={setQ} matched={keep ? all.filter(keep).length : all.length} />;
    }
    render(<Harness />);
    fireEvent.change(screen.getByTestId('desk-filter'), { target: { value: 'refund* AND (order' } });
    const error = screen.getByTestId('query-error');
    expect(error.dataset.position).toBe('12');
    expect(screen.getByTestId('query-error-mark').textContent).toBe('(');
    expect(screen.queryByTestId('desk-filter-count')).toBeNull();
    fireEvent.change(screen.getByTestId('desk-filter'), { target: { value: 'refund* AND (order)' } });
    expect(screen.queryByTestId('query-error')).toBeNull();
    expect(screen.getByTestId('desk-filter-count').textContent).toBe('2 conversations match in this view.');
  });
});
