import { z } from 'zod';

/**
 * Who acts. Until login exists (the sync issue) the identity comes from the local demo session
 * (main/app/session.ts); every workflow event carries the actor as they acted (`by`), so history
 * shows the name and unit at the time and other replicas can check the permission.
 */
export const Role = z.enum(['supervisor', 'leader', 'unit_staff', 'admin']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABEL: Record<Role, string> = {
  supervisor: '督查室',
  leader: '领导',
  unit_staff: '承办单位',
  admin: '系统管理员',
};

export const Actor = z.object({
  login: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(100),
  /** The unit the person belongs to; for unit_staff, the unit they sign and report for. */
  unit: z.string().max(100),
  role: Role,
});
export type Actor = z.infer<typeof Actor>;

/** "林督查(市政府督查室)" */
export const actorLabel = (actor: Pick<Actor, 'name' | 'unit'>): string => (actor.unit ? `${actor.name}(${actor.unit})` : actor.name);
