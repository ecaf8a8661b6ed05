import { useMemo, useState } from 'react';
import type { PublishAccount, ScheduledPost } from '../../../../shared/publishing';
import { useNow } from '../../lib/use-now';
import { localTimeZone, zonedParts } from '../../lib/zoned-time';
import { layoutWeek, weekOf } from './calendar-placement';
import { STATUS_WORD } from './post-status';

const pad = (n: number) => String(n).padStart(2, '0');

interface Props {
  posts: readonly ScheduledPost[];
  accounts: ReadonlyMap<string, PublishAccount>;
  onOpen(id: string): void;
}

/** Seven day columns in the viewer's zone; each post sits in its day, in time order, with its time. */
export function WeekCalendar({ posts, accounts, onOpen }: Props) {
  const timeZone = useMemo(localTimeZone, []);
  const now = useNow(60_000);
  const [offset, setOffset] = useState(0);
  const week = weekOf(now, timeZone, offset);
  const columns = layoutWeek(posts, timeZone, week);
  const p = zonedParts(now, timeZone);
  const today = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return (
    <section className="panel calendar" data-testid="calendar" aria-label="Week calendar">
      <header className="calendar-head">
        <h2>
          Week of {week[0]!.label} <span className="hint">· times in {timeZone}</span>
        </h2>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setOffset((o) => o - 1)} aria-label="Previous week">
            ‹
          </button>
          <button type="button" className="secondary" onClick={() => setOffset(0)} disabled={offset === 0}>
            This week
          </button>
          <button type="button" className="secondary" onClick={() => setOffset((o) => o + 1)} aria-label="Next week">
            ›
          </button>
        </div>
      </header>
      <div className="calendar-grid">
        {week.map((day, i) => (
          <div key={day.date} className={day.date === today ? 'cal-day today' : 'cal-day'} data-testid="calendar-day" data-date={day.date}>
            <div className="cal-day-label">{day.label}</div>
            {columns[i]!.length === 0 ? <div className="cal-empty">—</div> : null}
            {columns[i]!.map(({ post, at }) => (
              <button
                key={post.id}
                type="button"
                className={`cal-post status-${post.status}`}
                data-testid="calendar-post"
                data-post-id={post.id}
                title={`${STATUS_WORD[post.status]} · ${accounts.get(post.accountId)?.name ?? post.accountId}\n${post.text}`}
                onClick={() => onOpen(post.id)}
              >
                <span className="cal-time">
                  {pad(at.hour)}:{pad(at.minute)}
                </span>
                <span className="cal-text">{post.text}</span>
              </button>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}
