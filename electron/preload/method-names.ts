import type { MethodName } from '../../shared/methods.js';

/**
 * The contract's method names, without the zod schemas: a sandboxed preload is bundled into one
 * file, and pulling zod in just to read Object.keys(methods) would ship the whole validator to
 * every page for nothing (the engine validates). Type-checked against shared/methods.ts both ways:
 * a name that is not a method fails `satisfies`, a method missing here fails `complete` below,
 * and tests/electron compares it with Object.keys(methods) at run time.
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
  'client.reportError',
] as const satisfies readonly MethodName[];

type Missing = Exclude<MethodName, (typeof METHOD_NAMES)[number]>;
// If this line fails to compile, add the method named in the error to METHOD_NAMES.
export const METHOD_NAMES_COMPLETE: [Missing] extends [never] ? true : Missing = true;
