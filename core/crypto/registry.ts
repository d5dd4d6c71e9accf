import { CryptoError } from './errors';
import type { CryptoProvider, KeyHandle } from './provider';
import { SOFT_SM_PROVIDER_ID } from './soft-sm';

/**
 * Providers by id. A key handle names its provider, so callers write
 * `registry.forKey(handle).sign(handle, bytes)` and never care where the key lives.
 */
export class ProviderRegistry {
  private readonly providers = new Map<string, CryptoProvider>();

  constructor(private readonly defaultId = SOFT_SM_PROVIDER_ID) {}

  register(provider: CryptoProvider): this {
    this.providers.set(provider.id, provider);
    return this;
  }

  get(id: string = this.defaultId): CryptoProvider {
    const p = this.providers.get(id);
    if (!p) throw new CryptoError('UNSUPPORTED', `未注册的密码服务:${id}`);
    return p;
  }

  forKey(key: KeyHandle): CryptoProvider {
    return this.get(key.providerId);
  }

  async listKeys(): Promise<KeyHandle[]> {
    const all = await Promise.all([...this.providers.values()].map((p) => p.listKeys()));
    return all.flat();
  }
}
