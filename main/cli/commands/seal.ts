import fs from 'node:fs';
import { verifySesSignature } from '../../../core/crypto/seal/seal';
import { intFlag, stringFlag, type ParsedArgs } from '../../app/args';
import { loadTrustStore } from '../../crypto/ca-files';
import { atomicWrite } from '../../crypto/keystore';
import { applySealFile, createSealFile, readSealFile } from '../../crypto/seals';
import { UsageError, type CliIO } from '../context';
import { caPin, dataDirFlag } from './ca';

export const sealHelp = [
  'oa seal create --data DIR --unit UNIT --image PNG [--user LOGIN,…] [--days N] [--ca-pin PIN]   制作电子印章(GB/T 38540)',
  '    oa seal apply --data DIR --seal FILE --user LOGIN --in FILE --out SIG [--pin PIN] [--property TEXT]   用印',
  '    oa seal verify --data DIR --in FILE --sig SIG   验证电子签章(0 有效,1 无效)',
].join('\n');

const need = (args: ParsedArgs, name: string): string => {
  const v = stringFlag(args, name);
  if (v === undefined) throw new UsageError(`缺少参数 --${name}`);
  return v;
};

function readInput(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (err) {
    throw new UsageError(`无法读取文件 ${file}:${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

export function seal(args: ParsedArgs, io: CliIO): number {
  const sub = args.positional[0];
  const dataDir = dataDirFlag(args);
  if (sub === 'create') {
    const users = stringFlag(args, 'user');
    const { file, esID } = createSealFile({
      dataDir,
      caPin: caPin(args),
      unit: need(args, 'unit'),
      image: readInput(need(args, 'image')),
      days: intFlag(args, 'days', 365 * 5),
      ...(users ? { holders: users.split(',').map((u) => u.trim()).filter(Boolean) } : {}),
    });
    io.out(`已制作电子印章 ${esID}:${file}`);
    return 0;
  }
  if (sub === 'apply') {
    const pin = stringFlag(args, 'pin') ?? process.env.OA_PIN;
    if (!pin) throw new UsageError('需要 PIN 码:--pin PIN 或环境变量 OA_PIN');
    const property = stringFlag(args, 'property') ?? 'xietong';
    if (!/^[\x20-\x7e]*$/.test(property)) throw new UsageError('--property 只能包含 ASCII 字符');
    const out = need(args, 'out');
    atomicWrite(out, applySealFile({ dataDir, seal: readSealFile(need(args, 'seal')), login: need(args, 'user'), pin, content: readInput(need(args, 'in')), propertyInfo: property }));
    io.out(`已用印:${out}`);
    return 0;
  }
  if (sub === 'verify') {
    const result = verifySesSignature(readInput(need(args, 'sig')), readInput(need(args, 'in')), loadTrustStore(dataDir));
    if (result.valid) {
      io.out(`签章有效:${result.unit}(${result.esID}),用章人 ${result.signer},时间 ${result.time.toISOString()}`);
      return 0;
    }
    io.out(`签章无效:${result.message} [${result.certCode ?? result.code}]`);
    return 1;
  }
  throw new UsageError(`未知的子命令:seal ${sub ?? ''}`.trim());
}
