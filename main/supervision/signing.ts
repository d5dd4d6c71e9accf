/** 督办 events are signed by the kernel's one path (main/kernel/signing.ts). */
export { demoEventSigning, eventVerifier, type EventSigning } from '../kernel/signing';
