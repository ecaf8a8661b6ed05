// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuidelineFinding } from '../../shared/queue';
import type { ConversationView } from '../../shared/queue-views';
import { setRpcTransport } from '../../renderer/src/api/rpc';
import { ConversationPane } from '../../renderer/src/features/desk/conversation-pane';
import { liveTransport } from './helpers/live-transport';

const AT = '2026-11-30T10:00:00.000Z';
const CONV: ConversationView = {
  id: 'c1',
  platform: 'mastodon',
  status: 'open',
  private: false,
  team: 'care',
  assignee: 'agent1',
  priority: 'normal',
  tags: [],
  sla: null,
  author: { handle: 'carla@social.example', name: 'Carla' },
  threadRoot: 'root-c1',
  createdAt: AT,
  lastCustomerAt: AT,
  firstResponseAt: null,
  resolvedAt: null,
  reopenCount: 0,
  rules: [],
  preview: 'My order never arrived',
  badges: { intent: 'complaint', sentiment: 'negative', stage: 'post-purchase', urgency: [], language: 'en' },
  slaState: null,
  slaDueAt: null,
  answered: false,
  unassignedWhy: null,
  updatedAt: AT,
};

/** A hub whose canned replies and forbidden phrases a lead changes elsewhere, announcing it on the stream. */
let canned: Array<{ id: string; name: string; tone: string; text: string }>;
let forbidden: string[];
let push: (area: 'canned' | 'guidelines') => void;
let undo: (() => void) | null = null;
let checks: number;

beforeEach(() => {
  canned = [{ id: 'sorry', name: 'Sorry', tone: 'apologetic', text: 'So sorry, Carla.' }];
  forbidden = [];
  checks = 0;
  const live = liveTransport(async (method, params) => {
    switch (method) {
      case 'queue.get':
        return { conversation: CONV, messages: [], history: [], customerTags: { platform: 'mastodon', handle: 'carla@social.example', tags: [] }, presence: [] } as never;
      case 'queue.canned':
        return { replies: canned } as never;
      case 'presence.set':
        return { presence: {} } as never;
      case 'queue.reply': {
        checks++;
        const text = (params as { text: string }).text;
        const findings: GuidelineFinding[] = forbidden
          .filter((p) => text.includes(p))
          .map((p) => ({ check: 'forbidden_phrase', severity: 'block', start: text.indexOf(p), end: text.indexOf(p) + p.length, message: `"${p}" is not our voice` }));
        return { findings, sent: false, message: null, why: null } as never;
      }
      default:
        throw new Error(`unexpected ${method}`);
    }
  });
  push = (area) => live.push({ kind: 'queue.settings', area });
  undo = setRpcTransport(live.transport);
});
afterEach(() => {
  cleanup();
  undo?.();
});

const options = () => Array.from(screen.getByTestId('canned-select').querySelectorAll('option')).map((o) => o.textContent);

describe('an open conversation follows the replies settings', () => {
  it('shows a canned reply a lead just saved, and re-checks the draft against new guidelines', async () => {
    render(<ConversationPane conversation={CONV} presence={new Map()} teamMembers={[]} />);
    await waitFor(() => expect(options()).toEqual(['—', 'Sorry']));
    canned = [...canned, { id: 'thanks', name: 'Thanks', tone: 'cheerful', text: 'Thanks, Carla!' }];
    push('canned');
    await waitFor(() => expect(options()).toEqual(['—', 'Sorry', 'Thanks']));

    fireEvent.change(screen.getByTestId('reply-text'), { target: { value: 'Please calm down.' } });
    // The first check (after the typing pause) finds nothing: the phrase is not forbidden yet.
    await waitFor(() => expect(checks).toBe(1));
    await act(() => Promise.resolve());
    expect(screen.queryByTestId('guideline-findings')).toBeNull();
    forbidden = ['calm down'];
    push('guidelines');
    await waitFor(() => expect(screen.getByTestId('guideline-findings').textContent).toContain('"calm down" is not our voice'));
  });
});
