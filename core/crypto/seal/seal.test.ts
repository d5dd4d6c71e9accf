import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../bytes';
import { testPki } from '../test-pki';
import { pngSize } from './png';
import { applySeal, applySealSync, createSeal, verifySesSignature } from './seal';
import { assembleSeal, encodeSealInfo, parseSeal, parseSesSignature, sealToBeSigned, type SealInfo } from './structures';

const DAY = 86_400_000;
const PNG = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));

describe('GB/T 38540 electronic seal', async () => {
  const { users, trust, start } = await testPki(['seal-maker', 'zhangsan', 'lisi']);
  const maker = users['seal-maker']!;
  const zs = users.zhangsan!;
  const info = (over: Partial<SealInfo> = {}): SealInfo => ({
    vid: 'xietong',
    esID: 'XT20260101ABCDEF',
    type: 1,
    name: '某市人民政府办公室',
    signerCerts: [zs.certificate.der],
    createDate: start,
    validStart: start,
    validEnd: new Date(start.getTime() + 100 * DAY),
    picture: { type: 'PNG', data: PNG, widthMm: 42, heightMm: 42 },
    ...over,
  });
  const seal = createSeal(info(), maker.signer, maker.certificate.der);
  const body = utf8Encode('关于开展数字政府建设专项督查的通知\n请各单位于6月30日前报送。附件SM3:9f2c…');
  const time = new Date(start.getTime() + DAY);
  const signature = await applySeal(seal, zs.provider, zs.handle, { content: body, time, propertyInfo: 'record:doc-1' });

  it('round-trips the structures (header ES v4, picture, holder certificates)', () => {
    const parsed = parseSeal(seal);
    expect(parsed.info).toMatchObject({ vid: 'xietong', esID: 'XT20260101ABCDEF', type: 1, name: '某市人民政府办公室', picture: { type: 'PNG', widthMm: 42, heightMm: 42 } });
    expect(parsed.info.picture.data).toEqual(PNG);
    expect(pngSize(parsed.info.picture.data)).toEqual({ width: 1, height: 1 });
    const s = parseSesSignature(signature);
    expect(s.seal.der).toEqual(seal);
    expect(s.propertyInfo).toBe('record:doc-1');
    expect(s.timeInfo).toEqual(time);
    expect(s.dataHash).toHaveLength(32);
  });

  it('a seal applied and exported verifies; one changed character makes it fail', () => {
    const exported = new Uint8Array(signature); // the .sig file is the DER itself
    expect(verifySesSignature(exported, body, trust)).toMatchObject({ valid: true, signer: 'zhangsan', unit: '某市人民政府办公室' });
    const changed = utf8Encode(new TextDecoder().decode(body).replace('6月30日', '6月31日'));
    expect(verifySesSignature(exported, changed, trust)).toMatchObject({ valid: false, code: 'DATA_CHANGED' });
  });

  it('rejects a non-holder, a re-drawn seal, a tampered signature and a seal out of its validity', async () => {
    const ls = users.lisi!;
    const byLisi = await applySeal(seal, ls.provider, ls.handle, { content: body, time, propertyInfo: 'x' });
    expect(verifySesSignature(byLisi, body, trust)).toMatchObject({ valid: false, code: 'SIGNER_NOT_HOLDER' });
    // Someone replaces the picture inside the seal, keeping the maker's signature of the original.
    const makerSig = maker.signer.sign(sealToBeSigned(encodeSealInfo(info()), maker.certificate.der));
    const redrawn = assembleSeal(encodeSealInfo(info({ picture: { type: 'PNG', data: PNG, widthMm: 60, heightMm: 60 } })), maker.certificate.der, makerSig);
    const withRedrawn = applySealSync(redrawn, zs.signer, zs.certificate.der, { content: body, time, propertyInfo: 'x' });
    expect(verifySesSignature(withRedrawn, body, trust)).toMatchObject({ valid: false, code: 'BAD_SEAL' });
    const bad = signature.slice();
    bad[bad.length - 5]! ^= 1;
    expect(verifySesSignature(bad, body, trust).valid).toBe(false);
    expect(verifySesSignature(new Uint8Array([0x30, 0]), body, trust)).toMatchObject({ valid: false, code: 'MALFORMED' });
    const late = applySealSync(seal, zs.signer, zs.certificate.der, { content: body, time: new Date(start.getTime() + 200 * DAY), propertyInfo: 'x' });
    expect(verifySesSignature(late, body, trust)).toMatchObject({ valid: false, code: 'SEAL_EXPIRED' });
    expect(verifySesSignature(signature, body, { anchors: [] })).toMatchObject({ valid: false, code: 'CERT', certCode: 'CERT_UNTRUSTED' });
  });
});
