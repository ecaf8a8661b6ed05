import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: long enough that a plain SHA-256 (no salt, no stretching) is a safe stored form. */
export function generateToken(): string {
  return `nr_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
