import { useEffect, useState } from 'react';
import { ASSIGNMENT_MODES, type Team } from '../../../../../shared/queue';
import { errorText, rpc } from '../../../api/rpc';
import { FormError } from '../../../components/form-error';

/** Settings → Teams: members, assignment mode and cap, the languages each agent answers in. */
export function TeamsSettings({ readOnly }: { readOnly: boolean }) {
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    rpc('teams.list', {}).then((r) => setTeams(r.teams), (e: unknown) => setError(errorText(e)));
  }, []);
  const update = (i: number, patch: Partial<Team>) => setTeams((list) => list && list.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  const save = async () => {
    setError(null);
    setNotice(null);
    try {
      setTeams((await rpc('teams.save', { teams: teams ?? [] })).teams);
      setNotice('Saved.');
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="panel" data-testid="teams-settings">
      <h2>Teams</h2>
      <p className="hint">
        Auto-assignment picks, within the team a rule routed to, the next online agent under their cap (round robin) or the least loaded (balanced); manual teams wait for
        a lead. Members: user names, with the languages they answer in after a colon (agent1:en,de).
      </p>
      {teams === null ? (
        <p className="panel-empty">Loading…</p>
      ) : (
        <table className="users-table">
          <thead>
            <tr>
              <th>Id</th>
              <th>Name</th>
              <th>Members</th>
              <th>Assignment</th>
              <th>Cap</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {teams.map((t, i) => (
              <tr key={i} data-testid="team-row" data-team={t.id}>
                <td>
                  <input aria-label="Team id" value={t.id} readOnly={readOnly} onChange={(e) => update(i, { id: e.target.value })} />
                </td>
                <td>
                  <input aria-label="Team name" value={t.name} readOnly={readOnly} onChange={(e) => update(i, { name: e.target.value })} />
                </td>
                <td>
                  <input
                    aria-label="Members"
                    value={t.members.map((m) => (m.languages.length ? `${m.user}:${m.languages.join(',')}` : m.user)).join(' ')}
                    readOnly={readOnly}
                    onChange={(e) =>
                      update(i, {
                        members: e.target.value
                          .split(/\s+/)
                          .filter(Boolean)
                          .map((w) => {
                            const [user, langs] = w.split(':');
                            const prev = t.members.find((m) => m.user === user);
                            return { user: user!, languages: langs ? langs.split(',').filter(Boolean) : [], skills: prev?.skills ?? [], cap: prev?.cap ?? null };
                          }),
                      })
                    }
                  />
                </td>
                <td>
                  <select aria-label="Assignment mode" value={t.assignment.mode} disabled={readOnly} onChange={(e) => update(i, { assignment: { ...t.assignment, mode: e.target.value as Team['assignment']['mode'] } })}>
                    {ASSIGNMENT_MODES.map((m) => (
                      <option key={m} value={m}>
                        {m.replace('_', ' ')}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label="Cap per agent"
                    type="number"
                    min={1}
                    value={t.assignment.cap ?? ''}
                    readOnly={readOnly}
                    onChange={(e) => update(i, { assignment: { ...t.assignment, cap: e.target.value ? Number(e.target.value) : null } })}
                  />
                </td>
                <td>
                  {readOnly ? null : (
                    <button type="button" className="link-button" onClick={() => setTeams((list) => list && list.filter((_, j) => j !== i))}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError error={error} />
      {notice ? <p className="notice">{notice}</p> : null}
      {readOnly || teams === null ? null : (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setTeams([...teams, { id: '', name: '', members: [], assignment: { mode: 'round_robin', cap: 10, language: 'preferred' } }])}>
            Add a team
          </button>
          <button type="button" onClick={() => void save()}>
            Save teams
          </button>
        </div>
      )}
    </section>
  );
}
