import fs from 'node:fs';
import { fromHex, toHex } from '../../../core/crypto/bytes';
import { CryptoError } from '../../../core/crypto/errors';
import { Sm3 } from '../../../core/crypto/sm3';
import { sm4Decrypt, sm4Encrypt } from '../../../core/crypto/sm4-modes';
import { generatePrivateKey } from '../../../core/crypto/sm2/keys';
import { privateKeyFromPem, privateKeyToPem, publicKeyFromPem, publicKeyToPem } from '../../../core/crypto/sm2/pkcs';
import { decodeSignatureDer, encodeSignatureDer } from '../../../core/crypto/sm2/signature-der';
import { sm2SignDigest, sm2VerifyDigest } from '../../../core/crypto/sm2/sign';
import { sm2EStream } from '../../../core/crypto/sm2/za';
import { stringFlag, type ParsedArgs } from '../../app/args';
import { atomicWrite } from '../../crypto/keystore';
import { UsageError, type CliIO } from '../context';

export const cryptoHelp = [
  'oa crypto keygen --out KEY.pem | pub --in KEY.pem --out PUB.pem | sm3 FILE',
  '    oa crypto sign --key KEY.pem --in FILE --out SIG.der [--id ID] | verify --pub PUB.pem --in FILE --sig SIG.der [--id ID]',
  '    oa crypto sm4 enc|dec --key HEX --iv HEX --in FILE --out FILE   国密 SM2/SM3/SM4 工具(verify:0 有效,1 无效,2 用法错误)',
].join('\n');

const need = (args: ParsedArgs, name: string): string => {
  const v = stringFlag(args, name);
  if (v === undefined) throw new UsageError(`缺少参数 --${name}`);
  return v;
};

/** Reads an input file; a missing or unreadable file is a usage error (exit 2), not an invalid result. */
function readInput(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new UsageError(`无法读取文件 ${file}:${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** Feeds a file to a hash in 1 MiB chunks, so large attachments are never loaded whole. */
function hashFile(file: string, h: Sm3): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new UsageError(`无法读取文件 ${file}:${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    const buf = new Uint8Array(1 << 20);
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest();
}

function sm4Key(args: ParsedArgs, name: 'key' | 'iv'): Uint8Array {
  const hex = need(args, name);
  let bytes: Uint8Array;
  try {
    bytes = fromHex(hex);
  } catch {
    throw new UsageError(`--${name} 必须是十六进制`);
  }
  if (bytes.length !== 16) throw new UsageError(`--${name} 必须是 16 字节(32 个十六进制字符)`);
  return bytes;
}

export function crypto(args: ParsedArgs, io: CliIO): number {
  const [sub, mode] = args.positional;
  const id = stringFlag(args, 'id');
  switch (sub) {
    case 'keygen': {
      const out = need(args, 'out');
      atomicWrite(out, privateKeyToPem(generatePrivateKey()));
      io.out(`已生成 SM2 私钥:${out}`);
      return 0;
    }
    case 'pub': {
      const out = need(args, 'out');
      atomicWrite(out, publicKeyToPem(privateKeyFromPem(readInput(need(args, 'in')).toString('utf8')).pub));
      io.out(`已导出公钥:${out}`);
      return 0;
    }
    case 'sm3': {
      const file = args.positional[1] ?? stringFlag(args, 'in');
      if (!file) throw new UsageError('缺少文件');
      io.out(toHex(hashFile(file, new Sm3())));
      return 0;
    }
    case 'sign': {
      const key = privateKeyFromPem(readInput(need(args, 'key')).toString('utf8'));
      const e = hashFile(need(args, 'in'), sm2EStream(key.pub, id));
      const out = need(args, 'out');
      atomicWrite(out, encodeSignatureDer(sm2SignDigest(key, e)));
      io.out(`已签名:${out}`);
      return 0;
    }
    case 'verify': {
      const pubText = readInput(need(args, 'pub')).toString('utf8');
      const sig = decodeSignatureDer(new Uint8Array(readInput(need(args, 'sig'))));
      const file = need(args, 'in');
      let valid = false;
      try {
        const pub = publicKeyFromPem(pubText);
        valid = sig !== null && sm2VerifyDigest(pub, hashFile(file, sm2EStream(pub, id)), sig);
      } catch (err) {
        if (err instanceof UsageError) throw err;
        if (!(err instanceof CryptoError)) throw err;
        valid = false; // a malformed public key is simply not valid
      }
      io.out(valid ? '签名有效' : '签名无效');
      return valid ? 0 : 1;
    }
    case 'sm4': {
      if (mode !== 'enc' && mode !== 'dec') throw new UsageError('用法:oa crypto sm4 enc|dec …');
      const params = { mode: 'CBC' as const, key: sm4Key(args, 'key'), iv: sm4Key(args, 'iv'), padding: 'PKCS7' as const };
      const data = new Uint8Array(readInput(need(args, 'in')));
      const out = need(args, 'out');
      atomicWrite(out, mode === 'enc' ? sm4Encrypt(params, data) : sm4Decrypt(params, data));
      io.out(`${mode === 'enc' ? '已加密' : '已解密'}:${out}`);
      return 0;
    }
    default:
      throw new UsageError(`未知的子命令:crypto ${sub ?? ''}`.trim());
  }
}
