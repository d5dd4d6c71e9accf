/**
 * Who acts: the kernel's actor (core/kernel/actor.ts), shared by every area. Until login exists
 * the identity comes from the local demo session (main/app/session.ts); every workflow event
 * carries the actor as they acted (`by`), so history shows the name and unit at the time and
 * other replicas can check the permission. 督办 uses the roles supervisor, leader, unit_staff and
 * admin of the kernel's closed list.
 */
export { Actor, actorLabel, Role, ROLE_LABEL } from '../kernel/actor';
