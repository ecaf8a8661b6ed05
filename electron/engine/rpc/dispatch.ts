import type { UserView } from '../../../shared/domain.js';
import { RpcError } from '../../../shared/errors.js';
import { describeIssues, isMethodName, methods } from '../../../shared/methods.js';
import { roleMay } from '../../../shared/roles.js';
import type { Logger } from '../engine-types.js';
import type { Handlers } from './handlers.js';
import { wireRpcError } from './wire-error.js';

/** The one door every transport goes through: method exists → role may → params valid → handler. */
export async function dispatch(handlers: Handlers, log: Logger, user: UserView, method: string, params: unknown): Promise<unknown> {
  if (!isMethodName(method)) throw new RpcError('not_found', `Unknown method "${method.slice(0, 100)}".`);
  const spec = methods[method];
  if (!roleMay(user.role, spec.access)) {
    throw new RpcError('forbidden', `${method} needs the ${spec.access} role or above; ${user.name} is ${user.role}.`);
  }
  const parsed = spec.params.safeParse(params ?? {});
  if (!parsed.success) throw new RpcError('invalid_input', `Invalid params for ${method}: ${describeIssues(parsed.error)}`);
  try {
    const handler = handlers[method] as (u: UserView, p: unknown) => unknown;
    return await handler(user, parsed.data);
  } catch (err) {
    throw wireRpcError(err, log, method);
  }
}
