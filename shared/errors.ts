export const ERROR_STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface RpcErrorBody {
  code: ErrorCode;
  message: string;
}

export class RpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
  toJSON(): RpcErrorBody {
    return { code: this.code, message: this.message };
  }
}

export function isRpcErrorBody(v: unknown): v is RpcErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as RpcErrorBody).code === 'string' && typeof (v as RpcErrorBody).message === 'string';
}

/** What a session is told when its token was revoked or rotated (the hub closes it right after). */
export const REVOKED_MESSAGE = 'Your access to this hub was revoked or your token was replaced: sign in again with a current token.';
