import fs from 'node:fs';
import { RETENTIONS } from '../../../core/archive/metadata';
import { certificateFromPem } from '../../../core/crypto/x509/certificate';
import type { TrustStore } from '../../../core/crypto/x509/chain';
import { stringFlag, type ParsedArgs } from '../../app/args';
import { blobStoreLookup, recordBlobSource } from '../../archive/blob-source';
import { BlobServices } from '../../blobs/services';
import { exportArchive } from '../../archive/export';
import { archiveSealer } from '../../archive/sealer';
import { verifyArchiveBytes } from '../../archive/verify-file';
import { loadTrustStore } from '../../crypto/ca-files';
import { atomicWrite } from '../../crypto/keystore';
import { UsageError, withStoreAsync, type CliIO } from '../context';

export const archiveHelp = [
  'oa archive export --data DIR --id ID --out FILE.zip [--user LOGIN] [--pin PIN] [--retention 永久|定期30年|定期10年] [--item 件号]   导出归档封装包',
  '    oa archive verify FILE.zip [--trust CA.pem]   离线验证归档封装包(0 全部通过,1 有问题,2 无法读取)',
].join('\n');

/** `oa archive export|verify` (main/archive/README.md). */
export function archive(args: ParsedArgs, io: CliIO): number | Promise<number> {
  const sub = args.positional[0];
  if (sub === 'export') return exportCommand(args, io);
  if (sub === 'verify') return verifyCommand(args, io);
  throw new UsageError(`未知的子命令:archive ${sub ?? ''}`.trim());
}

async function exportCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  const id = stringFlag(args, 'id');
  const out = stringFlag(args, 'out');
  if (!id || !out) throw new UsageError('需要 --id ID 和 --out FILE.zip');
  const retention = stringFlag(args, 'retention');
  if (retention && !(RETENTIONS as readonly string[]).includes(retention)) throw new UsageError(`保管期限应为 ${RETENTIONS.join('、')} 之一`);
  const item = stringFlag(args, 'item');
  const pin = stringFlag(args, 'pin') ?? process.env.OA_PIN;
  const zip = await withStoreAsync(args, async (store, dir) => {
    // The app signs with the PKI in OA_DEMO_PKI_DIR or the profile (main/kernel/signing.ts); the archive trusts the same.
    const pkiDir = process.env.OA_DEMO_PKI_DIR || dir;
    const sealer = archiveSealer({ pkiDir, login: stringFlag(args, 'user') ?? 'admin', ...(pin ? { pin } : {}), now: Date.now });
    const trust: TrustStore = loadTrustStore(pkiDir);
    const blobs = new BlobServices({ dir });
    try {
      return await exportArchive({
        store,
        id,
        sealer,
        trust,
        blob: recordBlobSource(store, id, blobStoreLookup(blobs.store)),
        choices: { ...(retention ? { retention } : {}), ...(item ? { itemNumber: item } : {}) },
      });
    } finally {
      blobs.close();
    }
  });
  atomicWrite(out, zip);
  io.out(`已导出归档封装包:${out}(${zip.length} 字节)`);
  return 0;
}

function verifyCommand(args: ParsedArgs, io: CliIO): number {
  const file = args.positional[1];
  if (!file) throw new UsageError('需要归档封装包文件:oa archive verify FILE.zip');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    io.err(`无法读取归档封装包:${(err as Error).message}`);
    return 2;
  }
  const trustFile = stringFlag(args, 'trust');
  const anchors = trustFile ? [certificateFromPem(fs.readFileSync(trustFile, 'utf8'))] : undefined;
  const report = verifyArchiveBytes(bytes, anchors ? { anchors } : {});
  for (const line of report.lines) (report.code === 2 ? io.err : io.out)(line);
  return report.code;
}
