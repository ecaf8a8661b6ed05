import { useNow } from '../../lib/use-now';
import { usePostsWithStatus } from '../../db/use-publishing';

/** How far ahead a freeze prompt looks for scheduled posts. */
export const DUE_WITHIN_MS = 3 * 3600_000;
const STATUSES = ['scheduled'] as const;

/** The scheduled posts due in the next hours: what a freeze would stop. */
export function DuePosts() {
  const now = useNow(30_000);
  const posts = usePostsWithStatus(STATUSES);
  const due = (posts ?? [])
    .filter((p) => p.scheduledAt !== null && Date.parse(p.scheduledAt) <= now + DUE_WITHIN_MS)
    .sort((a, b) => (a.scheduledAt! < b.scheduledAt! ? -1 : 1));
  if (posts === undefined) return null;
  return (
    <div className="freeze-due" data-testid="freeze-due-posts">
      <h3>{due.length === 0 ? 'No scheduled posts in the next 3 hours.' : `Scheduled in the next 3 hours (${due.length}):`}</h3>
      <ul>
        {due.slice(0, 10).map((p) => (
          <li key={p.id} data-testid="freeze-due-post">
            <strong>{inMinutes(Date.parse(p.scheduledAt!) - now)}</strong> {p.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

function inMinutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m <= 0) return 'due now:';
  return m < 60 ? `in ${m} min:` : `in ${Math.floor(m / 60)} h ${m % 60} min:`;
}
