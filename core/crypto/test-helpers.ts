/** Shared test fixtures (imported only by *.test.ts files). */
import { createSoftSmProvider, memoryKeySource } from './soft-sm';
import type { CryptoProvider, KeyHandle } from './provider';
import { generatePrivateKey, type Sm2PrivateKey } from './sm2/keys';

export const TEST_PIN = '246810';

export async function softProviderWithKeys(count = 1): Promise<{ provider: CryptoProvider; handles: KeyHandle[]; keys: Sm2PrivateKey[] }> {
  const keys = Array.from({ length: count }, () => generatePrivateKey());
  const provider = createSoftSmProvider(memoryKeySource(TEST_PIN, keys.map((key, i) => ({ keyId: `k${i}`, key }))));
  await provider.login(TEST_PIN);
  return { provider, handles: await provider.listKeys(), keys };
}
