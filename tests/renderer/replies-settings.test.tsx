// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../shared/errors';
import { methods } from '../../shared/methods';
import { cannedReplySchema, guidelinesSchema } from '../../shared/queue';
import { setRpcTransport } from '../../renderer/src/api/rpc';
import { previewText } from '../../renderer/src/features/settings/queue/replies-form-model';
import { RepliesSettings } from '../../renderer/src/features/settings/queue/replies-settings';
import { liveTransport } from './helpers/live-transport';

const CANNED = cannedReplySchema.array().parse([{ id: 'sorry', name: 'Sorry', text: 'Hi {{author}}, {{agent}} here: so sorry.', tone: 'apologetic' }]);
const GUIDELINES = guidelinesSchema.parse({ forbidden: [{ phrase: 'calm down', reason: 'dismissive' }], required: [{ team: 'legal', phrase: 'Not legal advice.' }] });

type Call = { method: string; params: unknown };
let calls: Call[];
let refuse: Record<string, string>;
let undo: (() => void) | null = null;
/** What the server holds now: another lead's save changes it. */
let serverCanned: typeof CANNED;
let push: (area: 'canned' | 'guidelines') => void;

beforeEach(() => {
  calls = [];
  refuse = {};
  serverCanned = CANNED;
  const live = liveTransport(async (method, params) => {
    calls.push({ method, params });
    if (refuse[method]) throw new RpcError('invalid_input', refuse[method]!);
    switch (method) {
      case 'queue.canned.list':
        return { replies: serverCanned, variables: [{ name: 'author', description: "the customer's display name" }, { name: 'agent', description: 'your name' }] } as never;
      case 'queue.guidelines.get':
        return { guidelines: GUIDELINES } as never;
      case 'teams.list':
        return { teams: [{ id: 'care' }, { id: 'legal' }] } as never;
      case 'queue.canned.save':
        return methods['queue.canned.save'].params.parse(params) as never;
      case 'queue.guidelines.save':
        return { guidelines: methods['queue.guidelines.save'].params.parse(params) } as never;
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

const sent = (method: string) => calls.filter((c) => c.method === method).map((c) => c.params as Record<string, unknown>);
const errorAt = (path: string) => document.querySelector(`[data-testid="field-error"][data-path="${path}"]`)?.textContent ?? null;
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('Settings → Replies: canned replies', () => {
  it('adds a canned reply with variables and a team, previews it with sample values, and saves what the server takes', async () => {
    render(<RepliesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('canned-card')).toHaveLength(1));
    expect(screen.getAllByTestId('canned-preview')[0]!.textContent).toBe('Preview: Hi Carla Jones, you here: so sorry.');
    fireEvent.click(screen.getByTestId('canned-add'));
    fireEvent.change(input('Canned reply 2 title'), { target: { value: 'Disclaimer' } });
    fireEvent.change(input('Canned reply 2 text'), { target: { value: 'Thanks {{ author | there }}. \\{{not a variable}}' } });
    fireEvent.change(input('Canned reply 2 teams'), { target: { value: 'legal, ' } });
    fireEvent.change(screen.getByLabelText('Canned reply 2 tone'), { target: { value: 'cheerful' } });
    expect(screen.getAllByTestId('canned-preview')[1]!.textContent).toBe('Preview: Thanks Carla Jones. {{not a variable}}');
    fireEvent.click(screen.getByTestId('canned-save'));
    await screen.findByText('Saved.');
    expect(sent('queue.canned.save')).toEqual([
      {
        replies: [
          { id: 'sorry', name: 'Sorry', text: 'Hi {{author}}, {{agent}} here: so sorry.', tone: 'apologetic', teams: [] },
          { id: 'reply-2', name: 'Disclaimer', text: 'Thanks {{ author | there }}. \\{{not a variable}}', tone: 'cheerful', teams: ['legal'] },
        ],
      },
    ]);
  });

  it('an invalid entry shows its field error and sends nothing; the error goes once fixed', async () => {
    render(<RepliesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('canned-card')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('canned-add'));
    fireEvent.change(input('Canned reply 2 id'), { target: { value: 'Bad Id' } });
    fireEvent.click(screen.getByTestId('canned-save'));
    await screen.findByText('Not saved: fix the fields marked below.');
    expect(errorAt('replies.1.name')).toBeTruthy();
    expect(errorAt('replies.1.id')).toMatch(/an id is 1–63 lowercase letters/);
    expect(sent('queue.canned.save')).toEqual([]);
    fireEvent.change(input('Canned reply 2 title'), { target: { value: 'Ok' } });
    expect(errorAt('replies.1.name')).toBeNull();
  });

  it("puts the server's refusal (an unknown variable) beside the text it names", async () => {
    refuse['queue.canned.save'] = 'Canned replies not saved: replies[0].text: unknown variable {{autor}} at 3 (did you mean {{author}}?); known: author, agent; replies[0].teams: no team "lgal"';
    render(<RepliesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('canned-card')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('canned-save'));
    await waitFor(() => expect(errorAt('replies.0.text')).toBe('unknown variable {{autor}} at 3 (did you mean {{author}}?); known: author, agent'));
    expect(errorAt('replies.0.teams')).toBe('no team "lgal"');
  });

  it('is read-only for agents: no save, fields disabled', async () => {
    render(<RepliesSettings readOnly />);
    await waitFor(() => expect(screen.getAllByTestId('canned-card')).toHaveLength(1));
    expect(screen.queryByTestId('canned-save')).toBeNull();
    expect(screen.queryByTestId('guidelines-save')).toBeNull();
    expect(input('Canned reply 1 title').closest('fieldset')!.disabled).toBe(true);
  });
});

describe('Settings → Replies: guidelines', () => {
  it('edits forbidden and required phrases and tone warnings, and saves the shape queue.guidelines.save takes', async () => {
    render(<RepliesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('forbidden-row')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('forbidden-add'));
    fireEvent.change(input('Forbidden phrase 2'), { target: { value: 'per our policy' } });
    fireEvent.change(input('Forbidden phrase 2 teams'), { target: { value: 'care' } });
    fireEvent.click(screen.getByTestId('required-add'));
    fireEvent.change(screen.getByLabelText('Required phrase 2 team'), { target: { value: 'care' } });
    fireEvent.change(input('Required phrase 2'), { target: { value: 'Ref: KB-1' } });
    fireEvent.click(input('Warn about ALL CAPS'));
    fireEvent.click(screen.getByTestId('guidelines-save'));
    await waitFor(() => expect(sent('queue.guidelines.save')).toHaveLength(1));
    const v = sent('queue.guidelines.save')[0]!;
    expect(v).toMatchObject({
      forbidden: [
        { phrase: 'calm down', reason: 'dismissive', teams: [] },
        { phrase: 'per our policy', reason: '', teams: ['care'] },
      ],
      required: [
        { team: 'legal', phrase: 'Not legal advice.', reason: '' },
        { team: 'care', phrase: 'Ref: KB-1', reason: '' },
      ],
      tone: { allCapsWords: null, cheerfulToNegative: true },
    });
    expect(guidelinesSchema.parse(v).tone.cheerfulMarkers).toEqual(GUIDELINES.tone.cheerfulMarkers);
  });

  it('marks an empty forbidden phrase and an out-of-range caps count beside their fields', async () => {
    render(<RepliesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('forbidden-row')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('forbidden-add'));
    fireEvent.change(input('ALL CAPS words'), { target: { value: '1' } });
    fireEvent.click(screen.getByTestId('guidelines-save'));
    await waitFor(() => expect(errorAt('forbidden.1.phrase')).toBeTruthy());
    expect(errorAt('tone.allCapsWords')).toBeTruthy();
    expect(sent('queue.guidelines.save')).toEqual([]);
  });
});

describe('Settings → Replies: saves made elsewhere', () => {
  it('a form without edits reloads when another lead saves; a form with edits keeps them and warns', async () => {
    render(<RepliesSettings readOnly={false} />);
    await waitFor(() => expect(screen.getAllByTestId('canned-card')).toHaveLength(1));
    serverCanned = cannedReplySchema.array().parse([...CANNED, { id: 'thanks', name: 'Thanks', text: 'Thanks {{author}}!' }]);
    push('guidelines');
    expect(sent('queue.canned.list')).toHaveLength(1);
    push('canned');
    await waitFor(() => expect(screen.getAllByTestId('canned-card')).toHaveLength(2));
    expect(screen.queryByTestId('canned-changed-elsewhere')).toBeNull();
    // Now with an unsaved edit: it stays, and the lead is told.
    fireEvent.change(input('Canned reply 1 title'), { target: { value: 'Sorry (v2)' } });
    serverCanned = CANNED;
    push('canned');
    await screen.findByTestId('canned-changed-elsewhere');
    expect(input('Canned reply 1 title').value).toBe('Sorry (v2)');
    expect(screen.getAllByTestId('canned-card')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('canned-save'));
    await screen.findByText('Saved.');
    expect(screen.queryByTestId('canned-changed-elsewhere')).toBeNull();
  });
});

describe('canned reply preview', () => {
  it('fills known variables, keeps unknown ones and escaped braces as typed', () => {
    expect(previewText('{{agent}} for {{ author_handle }} at {{brand}}: {{nope}} \\{{x}}')).toBe('you for @carla@social.example at Kettlebird: {{nope}} {{x}}');
  });
});
