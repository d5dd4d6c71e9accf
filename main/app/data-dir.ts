import os from 'node:os';
import path from 'node:path';

/**
 * The profile directory: `--data DIR`, else `OA_DATA_DIR`, else the OS app-data folder.
 * Electron's `app.getPath('userData')` resolves to the same folders, so the web host and
 * the desktop app share one profile.
 */
export function resolveDataDir(opts: { flag?: string | undefined; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {}): string {
  const env = opts.env ?? process.env;
  if (opts.flag) return path.resolve(opts.flag);
  if (env.OA_DATA_DIR) return path.resolve(env.OA_DATA_DIR);
  return path.join(appDataRoot(opts.platform ?? process.platform, env), 'xietong');
}

function appDataRoot(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}
