/**
 * Every contract method's name, and nothing else: the one list the schemas (shared/methods.ts),
 * the engine's handlers and the preload bridge are checked against. Kept apart from the schemas so
 * the sandboxed preload can name the methods without bundling zod (the engine validates).
 */
export const METHOD_NAMES = [
  'me.get',
  'items.list',
  'sources.list',
  'sources.add',
  'sources.remove',
  'sources.pause',
  'sources.resume',
  'accounts.list',
  'accounts.add',
  'accounts.update',
  'accounts.remove',
  'freeze.get',
  'freeze.set',
  'freeze.suggest',
  'freeze.dismiss',
  'freeze.configure',
  'posts.create',
  'posts.update',
  'posts.approve',
  'posts.schedule',
  'posts.list',
  'posts.release',
  'posts.cancel',
  'audit.list',
  'users.list',
  'users.add',
  'users.remove',
  'users.rotate',
  'client.reportError',
  // issue 10
  'topics.list',
  'topics.save',
  'topics.remove',
  'topics.retag',
  'topics.shareOfVoice',
  // issue 12
  'queue.list',
  'queue.get',
  'queue.claim',
  'queue.assign',
  'queue.release',
  'queue.reply',
  'queue.note',
  'queue.resolve',
  'queue.reopen',
  'queue.canned',
  'queue.stats',
  'rules.list',
  'rules.save',
  'rules.test',
  'teams.list',
  'teams.save',
  'sla.list',
  'sla.save',
  'presence.set',
  // issue 11
  'trends.top',
  'trends.series',
  'alerts.list',
  'alerts.ack',
  'alerts.rules.list',
  'alerts.rules.save',
  'alerts.channels.list',
  'alerts.channels.save',
  'alerts.deadLetters.list',
  'alerts.deadLetters.retry',
  'walls.get',
  'walls.save',
  // session 15: forms
  'alerts.rules.remove',
  // session 15: queue
  'customers.tags.add',
  'customers.tags.remove',
  // session 15: canned replies and guidelines
  'queue.guidelines.get',
  'queue.guidelines.save',
  'queue.canned.list',
  'queue.canned.save',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

export function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name);
}
