import { useState } from 'react';
import type { Params } from '../../../../shared/methods';
import type { ScheduledPost } from '../../../../shared/publishing';
import { rpc } from '../../api/rpc';
import { CharCounters } from '../../components/char-counters';
import { ZonedTimeField } from '../../components/zoned-time-field';
import { counterFor } from '../../lib/char-count';
import { useAction } from '../../lib/use-action';
import { utcToZonedInput, zonedInputToUtc } from '../../lib/zoned-time';

/**
 * Inline edit of a post's text and time. The time is edited in the author's zone (the post's
 * `timeZone`), so "9:00" keeps meaning what its author meant whoever edits it.
 */
export function PostEditor({ post, onDone }: { post: ScheduledPost; onDone(): void }) {
  const [text, setText] = useState(post.text);
  const initialAt = post.scheduledAt ? utcToZonedInput(post.scheduledAt, post.timeZone) : '';
  const [at, setAt] = useState(initialAt);
  const act = useAction();
  const instant = at ? zonedInputToUtc(at, post.timeZone) : null;
  const over = counterFor(text, post.platform).over;
  const textChanged = text !== post.text;
  const timeChanged = at !== initialAt;

  function changes(): Params<'posts.update'> | null {
    if (!textChanged && !timeChanged) return null;
    return {
      id: post.id,
      ...(textChanged ? { text } : {}),
      ...(timeChanged ? { scheduledAt: instant?.iso ?? null, timeZone: post.timeZone } : {}),
    };
  }

  async function save() {
    const params = changes();
    const ok = await act.run(async () => (params ? rpc('posts.update', params) : null));
    if (ok !== undefined) onDone();
  }

  /** A draft gets its time through posts.schedule, which also sends it for approval where needed. */
  async function saveAndSchedule() {
    if (!instant) return;
    const ok = await act.run(async () => {
      if (textChanged) await rpc('posts.update', { id: post.id, text });
      return rpc('posts.schedule', { id: post.id, at: instant.iso, timeZone: post.timeZone });
    });
    if (ok !== undefined) onDone();
  }

  return (
    <form
      className="post-editor"
      data-testid="post-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} data-testid="post-edit-text" aria-label="Post text" />
      <CharCounters text={text} platforms={[post.platform]} testId="post-edit-counter" />
      <ZonedTimeField label="When" value={at} onChange={setAt} timeZone={post.timeZone} testId="post-edit-at" zoneOwner="the author's time zone" />
      <div className="actions">
        <button type="submit" data-testid="post-edit-save" disabled={act.busy || over || text.trim() === '' || (!!at && !instant)}>
          Save
        </button>
        {post.status === 'draft' ? (
          <button type="button" data-testid="post-edit-schedule" disabled={act.busy || over || !instant} onClick={() => void saveAndSchedule()}>
            Save &amp; schedule
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onDone} disabled={act.busy}>
          Cancel edit
        </button>
      </div>
      {act.error ? (
        <p className="form-error" role="alert" data-testid="post-edit-error">
          {act.error}
        </p>
      ) : null}
    </form>
  );
}
