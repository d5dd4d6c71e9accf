import { children, ctx, DerReader, parseDer, readBitStringBytes, readInteger, readOctets, readOid, readSmallInt, TAG, type DerNode } from '../asn1/der';
import { readString, readTime } from '../asn1/der-strings';
import { bitString, generalizedTime, ia5, integer, octets, oid, seq, utf8 } from '../asn1/der-write';
import { OID_SM2_WITH_SM3 } from '../sm2/curve';

/**
 * GB/T 38540-2020 (version 4) electronic seal structures in DER:
 *
 *   SESeal        ::= SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING, signAlgID OID, signedValue BIT STRING }
 *   SES_SealInfo  ::= SEQUENCE { header SES_Header, esID IA5String, property SES_ESPropertyInfo,
 *                                picture SES_ESPictureInfo, extDatas ExtensionDatas OPTIONAL }
 *   SES_Header    ::= SEQUENCE { ID IA5String "ES", version INTEGER 4, Vid IA5String }
 *   SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String, certListType INTEGER (1 = certs),
 *                                certList SEQUENCE OF OCTET STRING, createDate, validStart, validEnd GeneralizedTime }
 *   SES_ESPictureInfo  ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER }  -- mm
 *   TBS_Sign      ::= SEQUENCE { version INTEGER, eseal SESeal, timeInfo GeneralizedTime, dataHash BIT STRING,
 *                                propertyInfo IA5String, extDatas [0] EXPLICIT OPTIONAL }
 *   SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING, signatureAlgID OID, signature BIT STRING,
 *                                timeStamp [0] EXPLICIT BIT STRING OPTIONAL }
 *
 * The seal maker signs DER(SEQUENCE{eSealInfo, cert, signAlgID}); the signer signs DER(TBS_Sign).
 */
export const SES_VERSION = 4;

export interface SealInfo {
  vid: string;
  esID: string;
  /** 印章类型 (e.g. 1 单位公章); stored as given. */
  type: number;
  name: string;
  /** DER certificates of those allowed to apply the seal (certListType 1). */
  signerCerts: Uint8Array[];
  createDate: Date;
  validStart: Date;
  validEnd: Date;
  picture: { type: string; data: Uint8Array; widthMm: number; heightMm: number };
}

export function encodeSealInfo(s: SealInfo): Uint8Array {
  return seq(
    seq(ia5('ES'), integer(SES_VERSION), ia5(s.vid)),
    ia5(s.esID),
    seq(integer(s.type), utf8(s.name), integer(1), seq(...s.signerCerts.map(octets)), generalizedTime(s.createDate), generalizedTime(s.validStart), generalizedTime(s.validEnd)),
    seq(ia5(s.picture.type), octets(s.picture.data), integer(s.picture.widthMm), integer(s.picture.heightMm)),
  );
}

/** What the seal maker signs. */
export const sealToBeSigned = (sealInfo: Uint8Array, makerCert: Uint8Array): Uint8Array => seq(sealInfo, octets(makerCert), oid(OID_SM2_WITH_SM3));

export const assembleSeal = (sealInfo: Uint8Array, makerCert: Uint8Array, signature: Uint8Array): Uint8Array =>
  seq(sealInfo, octets(makerCert), oid(OID_SM2_WITH_SM3), bitString(signature));

export interface ParsedSeal {
  der: Uint8Array;
  sealInfoDer: Uint8Array;
  info: SealInfo;
  makerCert: Uint8Array;
  signAlgID: string;
  signedValue: Uint8Array;
}

function parseSealInfo(node: DerNode): SealInfo {
  const r = DerReader.of(node);
  const h = DerReader.of(r.next(TAG.SEQUENCE));
  if (readString(h.next(TAG.IA5)) !== 'ES') throw new Error('SES_Header.ID is not "ES"');
  const version = readSmallInt(h.next(TAG.INTEGER));
  if (version !== SES_VERSION) throw new Error(`unsupported seal version ${version}`);
  const vid = readString(h.next(TAG.IA5));
  h.end();
  const esID = readString(r.next(TAG.IA5));
  const p = DerReader.of(r.next(TAG.SEQUENCE));
  const type = readSmallInt(p.next(TAG.INTEGER));
  const name = readString(p.next(TAG.UTF8));
  if (readSmallInt(p.next(TAG.INTEGER)) !== 1) throw new Error('only certListType 1 (certificates) is supported');
  const signerCerts = children(p.next(TAG.SEQUENCE)).map(readOctets);
  const [createDate, validStart, validEnd] = [p.next(TAG.GENERALIZED_TIME), p.next(TAG.GENERALIZED_TIME), p.next(TAG.GENERALIZED_TIME)].map(readTime) as [Date, Date, Date];
  p.end();
  const pic = DerReader.of(r.next(TAG.SEQUENCE));
  const picture = { type: readString(pic.next(TAG.IA5)), data: readOctets(pic.next(TAG.OCTET_STRING)), widthMm: readSmallInt(pic.next(TAG.INTEGER)), heightMm: readSmallInt(pic.next(TAG.INTEGER)) };
  pic.end();
  r.optional(TAG.SEQUENCE); // extDatas
  r.end();
  return { vid, esID, type, name, signerCerts, createDate, validStart, validEnd, picture };
}

function parseSealNode(node: DerNode): ParsedSeal {
  const r = DerReader.of(node);
  const infoNode = r.next(TAG.SEQUENCE);
  const makerCert = readOctets(r.next(TAG.OCTET_STRING));
  const signAlgID = readOid(r.next(TAG.OID));
  const signedValue = readBitStringBytes(r.next(TAG.BIT_STRING));
  r.end();
  return { der: node.raw, sealInfoDer: infoNode.raw, info: parseSealInfo(infoNode), makerCert, signAlgID, signedValue };
}

export const parseSeal = (der: Uint8Array): ParsedSeal => parseSealNode(parseDer(der, TAG.SEQUENCE));

export interface TbsSign {
  seal: Uint8Array;
  timeInfo: Date;
  dataHash: Uint8Array;
  propertyInfo: string;
}

export const encodeTbsSign = (t: TbsSign): Uint8Array => seq(integer(SES_VERSION), t.seal, generalizedTime(t.timeInfo), bitString(t.dataHash), ia5(t.propertyInfo));

export const assembleSesSignature = (tbsSign: Uint8Array, signerCert: Uint8Array, signature: Uint8Array): Uint8Array =>
  seq(tbsSign, octets(signerCert), oid(OID_SM2_WITH_SM3), bitString(signature));

export interface ParsedSesSignature {
  tbsDer: Uint8Array;
  seal: ParsedSeal;
  timeInfo: Date;
  dataHash: Uint8Array;
  propertyInfo: string;
  signerCert: Uint8Array;
  signatureAlgID: string;
  signature: Uint8Array;
}

export function parseSesSignature(der: Uint8Array): ParsedSesSignature {
  const r = DerReader.of(parseDer(der, TAG.SEQUENCE));
  const tbsNode = r.next(TAG.SEQUENCE);
  const signerCert = readOctets(r.next(TAG.OCTET_STRING));
  const signatureAlgID = readOid(r.next(TAG.OID));
  const signature = readBitStringBytes(r.next(TAG.BIT_STRING));
  r.optional(ctx(0)); // timeStamp
  r.end();
  const t = DerReader.of(tbsNode);
  if (readInteger(t.next(TAG.INTEGER)) !== BigInt(SES_VERSION)) throw new Error('unsupported TBS_Sign version');
  const seal = parseSealNode(t.next(TAG.SEQUENCE));
  const timeInfo = readTime(t.next(TAG.GENERALIZED_TIME));
  const dataHash = readBitStringBytes(t.next(TAG.BIT_STRING));
  const propertyInfo = readString(t.next(TAG.IA5));
  t.optional(ctx(0));
  t.end();
  return { tbsDer: tbsNode.raw, seal, timeInfo, dataHash, propertyInfo, signerCert, signatureAlgID, signature };
}
