export const ROLES = ['admin', 'crisis', 'lead', 'agent', 'wall'] as const;
export type Role = (typeof ROLES)[number];

// admin ⊃ crisis ⊃ lead ⊃ agent; wall is read-only and outside the chain.
const RANK: Record<Role, number> = { wall: 0, agent: 1, lead: 2, crisis: 3, admin: 4 };

/** The minimum a method asks of its caller: 'read' lets the wall in, everything else is a rank. */
export type Access = 'read' | Exclude<Role, 'wall'>;

export function roleMay(role: Role, access: Access): boolean {
  if (access === 'read') return true;
  if (role === 'wall') return false;
  return RANK[role] >= RANK[access];
}
