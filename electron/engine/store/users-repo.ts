import type Database from 'better-sqlite3';
import type { UserInfo, UserView } from '../../../shared/domain.js';
import type { Role } from '../../../shared/roles.js';

export class UsersRepo {
  constructor(private readonly db: Database.Database) {}

  add(name: string, role: Role, tokenHash: string, at: string): void {
    this.db.prepare('INSERT INTO users (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)').run(name, role, tokenHash, at);
  }

  setTokenHash(name: string, tokenHash: string): boolean {
    return this.db.prepare('UPDATE users SET token_hash = ? WHERE name = ?').run(tokenHash, name).changes === 1;
  }

  byTokenHash(hash: string): UserView | null {
    const r = this.db.prepare('SELECT name, role FROM users WHERE token_hash = ?').get(hash) as UserView | undefined;
    return r ?? null;
  }

  get(name: string): UserView | null {
    return (this.db.prepare('SELECT name, role FROM users WHERE name = ?').get(name) as UserView | undefined) ?? null;
  }

  list(): UserInfo[] {
    return this.db.prepare('SELECT name, role, created_at AS createdAt FROM users ORDER BY name').all() as UserInfo[];
  }

  remove(name: string): boolean {
    return this.db.prepare('DELETE FROM users WHERE name = ?').run(name).changes === 1;
  }

  countWithRole(role: Role): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users WHERE role = ?').get(role) as { n: number }).n;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }
}
