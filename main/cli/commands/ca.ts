import { stringFlag, intFlag, type ParsedArgs } from '../../app/args';
import { resolveDataDir } from '../../app/data-dir';
import { initCa } from '../../crypto/ca';
import { pkiPaths } from '../../crypto/ca-files';
import { DemoPki } from '../../crypto/demo-pki';
import { fingerprint } from '../../../core/crypto/x509/certificate';
import { formatName } from '../../../core/crypto/x509/name';
import { UsageError, type CliIO } from '../context';

export const caHelp =
  'oa ca init --data DIR [--org 单位名称] [--days N] [--ca-pin PIN]   创建组织 CA(CA PIN 也可用环境变量 OA_CA_PIN)\n' +
  'oa ca demo --data DIR   创建演示 PKI(演示 CA 与演示用户的证书,PIN 均为 123456;已存在则不变),打印 CA 证书路径';

export function dataDirFlag(args: ParsedArgs): string {
  const flag = stringFlag(args, 'data');
  if (!flag && !process.env.OA_DATA_DIR) throw new UsageError('需要 --data DIR(或设置 OA_DATA_DIR)');
  return resolveDataDir({ flag });
}

/** The CA PIN protects the CA and seal-maker keys: from --ca-pin or OA_CA_PIN, never stored. */
export function caPin(args: ParsedArgs): string {
  const pin = stringFlag(args, 'ca-pin') ?? process.env.OA_CA_PIN;
  if (!pin) throw new UsageError('需要 CA PIN 码:--ca-pin PIN 或环境变量 OA_CA_PIN');
  return pin;
}

export function ca(args: ParsedArgs, io: CliIO): number {
  if (args.positional[0] === 'demo') {
    // The demo PKI the app's profiles use (npm run dev:office makes one and has the server trust it).
    const dataDir = dataDirFlag(args);
    DemoPki.open(dataDir);
    io.out(pkiPaths(dataDir).caCert);
    return 0;
  }
  if (args.positional[0] !== 'init') throw new UsageError(`未知的子命令:ca ${args.positional[0] ?? ''}`.trim());
  const dataDir = dataDirFlag(args);
  const cert = initCa({ dataDir, caPin: caPin(args), organisation: stringFlag(args, 'org') ?? '本单位', days: intFlag(args, 'days', 3650) });
  io.out(`已创建组织 CA:${formatName(cert.subject)}`);
  io.out(`证书:${pkiPaths(dataDir).caCert}`);
  io.out(`吊销列表:${pkiPaths(dataDir).crl}`);
  io.out(`SM3 指纹:${fingerprint(cert)}`);
  return 0;
}
