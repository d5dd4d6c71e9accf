import fs from 'node:fs';
import { CryptoError } from '../../../core/crypto/errors';
import { certificateFromPem, type Certificate, parseCertificate } from '../../../core/crypto/x509/certificate';
import { validateCertificate } from '../../../core/crypto/x509/chain';
import { formatName } from '../../../core/crypto/x509/name';
import { intFlag, stringFlag, type ParsedArgs } from '../../app/args';
import { Role } from '../../../core/supervision/actor';
import { issueUserCertificate, revokeUser } from '../../crypto/ca';
import { loadTrustStore, pkiPaths } from '../../crypto/ca-files';
import { Keystore } from '../../crypto/keystore';
import { UsageError, type CliIO } from '../context';
import { caPin, dataDirFlag } from './ca';

export const certHelp = [
  'oa cert issue --data DIR --user LOGIN [--unit 单位 --role ROLE] [--days N] [--pin PIN] [--ca-pin PIN]   签发用户证书(新用户同时生成密钥;PIN 也可用 OA_PIN)',
  `        --unit/--role:证书载明的所属单位和督办职务(${Role.options.join(' | ')});签署督办事项须载明`,
  '    oa cert revoke --data DIR --user LOGIN [--ca-pin PIN]   吊销用户证书并发布吊销列表',
  '    oa cert verify --data DIR (--user LOGIN | --cert FILE) [--at ISO时间]   检查证书链、有效期和吊销状态',
].join('\n');

const login = (args: ParsedArgs): string => {
  const user = stringFlag(args, 'user');
  if (!user) throw new UsageError('缺少参数 --user LOGIN');
  return user;
};

/** --unit and --role, both or neither (checked here so a typo is a usage error, before any key is touched). */
function holderFlags(args: ParsedArgs): { unit?: string; role?: string } {
  const unit = stringFlag(args, 'unit');
  const role = stringFlag(args, 'role');
  if (!args.flags.has('unit') && !args.flags.has('role')) return {};
  if (unit === undefined || !unit.trim()) throw new UsageError('缺少参数 --unit 单位(与 --role 同时使用)');
  if (role === undefined) throw new UsageError('缺少参数 --role ROLE(与 --unit 同时使用)');
  if (!Role.safeParse(role).success) throw new UsageError(`--role 须为 ${Role.options.join('、')} 之一,收到:${role}`);
  return { unit, role };
}

function userCertificate(dataDir: string, user: string): Certificate {
  const entry = Keystore.forDataDir(dataDir).list(user, 'SM2').find((k) => k.certificate);
  if (!entry?.certificate) throw new CryptoError('KEY_NOT_FOUND', `用户 ${user} 没有证书`);
  return parseCertificate(entry.certificate);
}

export function cert(args: ParsedArgs, io: CliIO): number {
  const sub = args.positional[0];
  const dataDir = dataDirFlag(args);
  if (sub === 'issue') {
    const userPin = stringFlag(args, 'pin') ?? process.env.OA_PIN;
    const user = login(args);
    const holder = holderFlags(args);
    const c = issueUserCertificate({ dataDir, caPin: caPin(args), login: user, days: intFlag(args, 'days', 365), ...holder, ...(userPin ? { userPin } : {}) });
    io.out(`已签发证书:${formatName(c.subject)},序列号 ${c.serialHex},有效期至 ${c.notAfter.toISOString()}`);
    return 0;
  }
  if (sub === 'revoke') {
    const serials = revokeUser({ dataDir, caPin: caPin(args), login: login(args) });
    io.out(`已吊销证书:${serials.join(', ')}`);
    io.out(`已发布吊销列表:${pkiPaths(dataDir).crl}`);
    return 0;
  }
  if (sub === 'verify') {
    const file = stringFlag(args, 'cert');
    const c = file ? certificateFromPem(fs.readFileSync(file, 'utf8')) : userCertificate(dataDir, login(args));
    const atFlag = stringFlag(args, 'at');
    const at = atFlag ? new Date(atFlag) : new Date();
    if (Number.isNaN(at.getTime())) throw new UsageError(`--at 不是有效的时间:${atFlag}`);
    try {
      validateCertificate(c, loadTrustStore(dataDir), at);
    } catch (err) {
      if (err instanceof CryptoError && err.code.startsWith('CERT_')) {
        io.out(`证书无效:${err.message} [${err.code}]`);
        return 1;
      }
      throw err;
    }
    io.out(`证书有效:${formatName(c.subject)}`);
    return 0;
  }
  throw new UsageError(`未知的子命令:cert ${sub ?? ''}`.trim());
}
