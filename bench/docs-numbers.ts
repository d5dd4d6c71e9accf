/** Placeholder until the sync server's number endpoint lands (see runDocsBench). */
export async function measureNumberAllocation(): Promise<Record<string, number | null | string>> {
  return { number_alloc_p95_ms: null, number_alloc_note: '编号服务尚未接入同步服务器' };
}
