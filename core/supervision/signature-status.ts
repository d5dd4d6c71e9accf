/** Moved to the kernel (every area's events are signed the same way). */
export { SignatureStatus, signatureLabel } from '../kernel/signature-status';
