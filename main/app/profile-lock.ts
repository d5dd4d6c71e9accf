import { AppError } from '../../core/result';
import { DirLock, DirLockedError } from '../../node-shared/dir-lock';

/**
 * One process per profile: two processes writing the same store would keep diverging in-memory
 * documents. The lock is held by the operating system (node-shared/dir-lock.ts), so a crashed
 * process never leaves a lock behind.
 */
export class ProfileLock {
  private constructor(private readonly lock: DirLock) {}

  static acquire(dir: string, opts: { nativeBinding?: string } = {}): ProfileLock {
    try {
      return new ProfileLock(DirLock.acquire(dir, { file: 'xietong.lock.db', legacyFile: 'xietong.lock', ...opts }));
    } catch (err) {
      if (err instanceof DirLockedError) throw new AppError('STORE_LOCKED', `数据目录正被另一个协同办公进程使用:${dir}(请先关闭该进程)`);
      throw new AppError('STORE_UNAVAILABLE', `无法锁定数据目录:${dir}(${err instanceof Error ? err.message : String(err)})`);
    }
  }

  release(): void {
    this.lock.release();
  }
}
