import { RpcError } from '../../../../shared/errors.js';
import type { CannedReply, Guidelines } from '../../../../shared/queue.js';
import type { Handlers } from '../../rpc/handlers.js';
import { CANNED_VARIABLES, parseTemplate } from '../canned-replies.js';
import { unknownName, type ConfigProblem } from '../triage-config.js';
import { isoOf, type QueueCore } from './queue-core.js';

type ReplySettingsMethod = 'queue.guidelines.get' | 'queue.guidelines.save' | 'queue.canned.list' | 'queue.canned.save';

/**
 * Canned replies and brand guidelines (session 15): read by agents (the desk's checks and
 * pickers), changed by leads. A save is checked against the teams that exist and, for canned
 * replies, their {{variables}}; each problem names its field ("replies[2].text: …") so the
 * Settings form puts it beside that field. The save and its change event commit together.
 */
export function createReplySettingsHandlers(core: QueueCore): Pick<Handlers, ReplySettingsMethod> {
  const { settings, store } = core;
  const announce = (area: 'canned' | 'guidelines') => store.changes.append({ kind: 'queue.settings', area }, isoOf(core.clock.now()));
  const refuse = (what: string, problems: ConfigProblem[]) => new RpcError('invalid_input', `${what} not saved: ${problems.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const teamIds = () => settings.teams().map((t) => t.id);
  const checkTeams = (problems: ConfigProblem[], path: string, teams: readonly string[]) => {
    const known = teamIds();
    for (const t of teams) if (!known.includes(t)) problems.push({ path, message: unknownName('team', t, known) });
  };

  return {
    'queue.guidelines.get': () => ({ guidelines: settings.guidelines() }),
    'queue.guidelines.save': (_user, g: Guidelines) => {
      const problems: ConfigProblem[] = [];
      g.forbidden.forEach((f, i) => checkTeams(problems, `forbidden[${i}].teams`, f.teams));
      g.required.forEach((r, i) => checkTeams(problems, `required[${i}].team`, [r.team]));
      if (problems.length) throw refuse('Guidelines', problems);
      return store.write(() => {
        settings.saveGuidelines(g);
        announce('guidelines');
        return { guidelines: settings.guidelines() };
      });
    },
    'queue.canned.list': () => ({ replies: settings.canned(), variables: CANNED_VARIABLES.map((v) => ({ name: v.name, description: v.description })) }),
    'queue.canned.save': (_user, p: { replies: CannedReply[] }) => {
      const problems: ConfigProblem[] = [];
      const ids = new Set<string>();
      p.replies.forEach((r, i) => {
        if (ids.has(r.id)) problems.push({ path: `replies[${i}].id`, message: `canned reply id "${r.id}" is used twice` });
        ids.add(r.id);
        checkTeams(problems, `replies[${i}].teams`, r.teams);
        const t = parseTemplate(r.text);
        if (!t.ok) for (const e of t.errors) problems.push({ path: `replies[${i}].text`, message: e.message });
      });
      if (problems.length) throw refuse('Canned replies', problems);
      return store.write(() => {
        settings.saveCanned(p.replies);
        announce('canned');
        return { replies: settings.canned() };
      });
    },
  };
}
