import path from 'node:path';
import { ensureRendererBuilt } from '../../main/web/ensure-renderer';

export default function globalSetup(): void {
  ensureRendererBuilt(path.resolve(import.meta.dirname, '..', '..'), console.log);
}
