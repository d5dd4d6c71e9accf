import { z } from 'zod';

/**
 * Who acts, in every area. `by` on each event is the actor as they acted (name, unit and role
 * at the time), attested by their certificate (subject OU = unit, title = role), so every
 * replica and the sync server can judge permissions from the event alone.
 *
 * Roles are a closed list: a certificate's title must be one of them. An area that needs a new
 * role adds it here (the only generic edit an area may need; see README.md).
 */
export const Role = z.enum(['supervisor', 'leader', 'unit_staff', 'office', 'liaison', 'petition_office', 'admin']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABEL: Record<Role, string> = {
  supervisor: '督查室',
  leader: '领导',
  unit_staff: '承办单位',
  office: '办公室(文秘)',
  liaison: '人大政协联络',
  petition_office: '信访部门',
  admin: '系统管理员',
};

export const Actor = z.object({
  login: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(100),
  /** The unit the person belongs to and signs for. */
  unit: z.string().max(100),
  role: Role,
});
export type Actor = z.infer<typeof Actor>;

/** "林督查(市政府督查室)" */
export const actorLabel = (actor: Pick<Actor, 'name' | 'unit'>): string => (actor.unit ? `${actor.name}(${actor.unit})` : actor.name);

/** Events of system imports (`system:import`) carry no signature by design; only administrators may send them. */
export const isSystemActor = (login: string): boolean => login.startsWith('system:');
