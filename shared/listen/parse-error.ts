import type { QueryError } from '../understanding.js';

/** The only error a query parse throws: where it went wrong and what to write instead. */
export class ParseError extends Error implements QueryError {
  override readonly name = 'ParseError';
  constructor(
    message: string,
    readonly position: number,
    readonly end: number,
    readonly hint: string,
  ) {
    super(message);
  }

  toJSON(): QueryError {
    return { message: this.message, position: this.position, end: this.end, hint: this.hint };
  }
}
