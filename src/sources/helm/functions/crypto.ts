// Sprig's random and cryptographic functions. Their output differs on every helm run too,
// so what matters is that it is well formed: random strings of the asked alphabet and
// length, real PEM keys (node:crypto) and real X.509 certificates signed with them
// (node-forge assembles the certificate, node:crypto can read X.509 but not write it;
// node:crypto signs it), and
// bcrypt hashes for htpasswd from bcryptjs (node:crypto has no bcrypt).
import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, generateKeyPairSync, randomBytes, randomInt, randomUUID, scryptSync, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { createRequire } from 'node:module';
import type Forge from 'node-forge';
import { FunctionError, type TemplateFunction } from '../execute.js';
import { isDict } from '../go-values.js';
import { arity, integer, text } from './arguments.js';

// node-forge and bcryptjs are large and few charts need them: they load on first use, so
// that every other run of upshift does not pay for them at startup.
const require = createRequire(import.meta.url);
let forgeModule: typeof Forge | undefined;
function forgeLib(): typeof Forge {
  return (forgeModule ??= require('node-forge') as typeof Forge);
}

/**
 * A bcrypt hash of cost 10 takes bcryptjs about 0.1 s, and charts hash the same password in
 * several templates: a process hashes each password once. Any bcrypt hash of the password
 * is as right as another (helm's salt differs on every run too).
 */
function bcryptHash(password: string): string {
  return hashes.get(password, () => {
    const bcrypt = require('bcryptjs') as { hashSync(password: string, rounds: number): string };
    // Go's bcrypt writes the $2a$ prefix.
    return bcrypt.hashSync(password, 10).replace(/^\$2b\$/, '$2a$');
  });
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NUMERIC = '0123456789';
/** goutils' CryptoRandomAscii draws from the printable ASCII range 32..126. */
const ASCII = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');

function randomString(alphabet: string, count: number): string {
  if (count < 0) throw new FunctionError(`Requested random string length ${count} is less than 0.`);
  let out = '';
  for (let index = 0; index < count; index++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

interface Certificate {
  Cert: string;
  Key: string;
}

/** An RSA private key as node:crypto holds it, with what a certificate needs of it. */
interface RsaKey {
  object: KeyObject;
  /** PKCS#1 PEM, as Sprig writes a certificate's key. */
  pem: string;
  /** The public modulus and exponent, hexadecimal, for the certificate's SubjectPublicKeyInfo. */
  modulus: string;
  exponent: string;
}

function rsaKeyOf(object: KeyObject): RsaKey {
  const jwk = object.export({ format: 'jwk' });
  const hex = (value: string | undefined) => Buffer.from(value ?? '', 'base64url').toString('hex');
  return { object, pem: object.export({ type: 'pkcs1', format: 'pem' }) as string, modulus: hex(jwk.n), exponent: hex(jwk.e) };
}

/**
 * RSA key generation costs 0.1 to 2 s a key, and some charts issue dozens of certificates
 * (bitnami's apisix, etcd): a process makes two keys and then deals them out again, never
 * giving a certificate its issuer's key. The renderer's output is for reading and checking;
 * a real install renders with helm.
 */
const KEY_POOL_SIZE = 2;
const keyPool: RsaKey[] = [];
let keysDealt = 0;

function rsaKey(issuerKey?: RsaKey): RsaKey {
  if (keyPool.length < KEY_POOL_SIZE) keyPool.push(rsaKeyOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey));
  const key = keyPool[keysDealt++ % keyPool.length];
  if (issuerKey === undefined || key.pem !== issuerKey.pem) return key;
  const other = keyPool.find((candidate) => candidate.pem !== issuerKey.pem);
  if (other) return other;
  keyPool.push(rsaKeyOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey));
  return keyPool[keyPool.length - 1];
}

/**
 * A small map that forgets its oldest entry: a chart hands the same CA (certificate and key
 * PEM) to every genSignedCert, so each is decoded once, while a long scan does not keep every
 * certificate it ever made.
 */
class RecentCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly size: number) {}
  get(key: string, make: () => T): T {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = make();
      if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, value);
    }
    return value;
  }
}

const keysByPem = new RecentCache<RsaKey>(32);
const hashes = new RecentCache<string>(32);
const issuersByPem = new RecentCache<Forge.pki.CertificateField[]>(32);

function keyFromPem(pem: string): RsaKey {
  return keysByPem.get(pem, () => {
    let object: KeyObject;
    try {
      object = createPrivateKey(pem);
    } catch (error) {
      throw new FunctionError(`unable to decode key: ${(error as Error).message}`);
    }
    // Sprig takes ECDSA and Ed25519 keys too; upshift's certificates are RSA-signed only.
    if (object.asymmetricKeyType !== 'rsa') throw new FunctionError(`unable to decode key: upshift's renderer signs certificates with RSA keys only, not ${object.asymmetricKeyType}; render with --helm-bin`);
    return rsaKeyOf(object);
  });
}

function addresses(values: unknown, role: string): string[] {
  if (values === null || values === undefined) return [];
  if (!Array.isArray(values)) throw new FunctionError(`wrong type for value; expected []interface {}; got ${typeof values}`);
  return values.map((value) => {
    if (typeof value !== 'string') throw new FunctionError(`error processing ${role}: ${String(value)} is not a string`);
    return value;
  });
}

/**
 * An X.509 certificate as Sprig makes it. node-forge only assembles the TBSCertificate (it has
 * no RSA arithmetic to do there); node:crypto signs it, natively: forge's pure-JS signature
 * cost tens of milliseconds a certificate, and charts issue dozens.
 */
function issue(cn: string, ips: unknown, dns: unknown, days: number, key: RsaKey, isCA: boolean, issuer?: { subject: Forge.pki.CertificateField[]; key: RsaKey }): Certificate {
  const { pki, asn1, jsbn } = forgeLib();
  const ipList = addresses(ips, 'IP addresses');
  for (const ip of ipList) if (!isIP(ip)) throw new FunctionError(`error parsing ip: ${ip}`);
  const dnsList = addresses(dns, 'DNS names');
  const cert = pki.createCertificate();
  cert.publicKey = pki.setRsaPublicKey(new jsbn.BigInteger(key.modulus, 16), new jsbn.BigInteger(key.exponent, 16));
  // A positive 128-bit serial, as Sprig draws it.
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  cert.serialNumber = serial.toString('hex');
  const now = new Date();
  cert.validity.notBefore = now;
  cert.validity.notAfter = new Date(now.getTime() + days * 24 * 3600 * 1000);
  cert.setSubject([{ name: 'commonName', value: cn }]);
  cert.setIssuer(issuer ? issuer.subject : [{ name: 'commonName', value: cn }]);
  const extensions: object[] = [
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true, keyCertSign: isCA },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'basicConstraints', critical: true, cA: isCA },
  ];
  if (ipList.length > 0 || dnsList.length > 0) {
    extensions.push({ name: 'subjectAltName', altNames: [...dnsList.map((value) => ({ type: 2, value })), ...ipList.map((ip) => ({ type: 7, ip }))] });
  }
  cert.setExtensions(extensions);
  // What forge's cert.sign does, with the signature computed by node:crypto.
  cert.signatureOid = cert.siginfo.algorithmOid = pki.oids.sha256WithRSAEncryption;
  // getTBSCertificate is public in node-forge but missing from its type definitions.
  cert.tbsCertificate = (pki as unknown as { getTBSCertificate(cert: Forge.pki.Certificate): Forge.asn1.Asn1 }).getTBSCertificate(cert);
  const tbs = Buffer.from(asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, (issuer ?? { key }).key.object).toString('binary');
  return { Cert: pki.certificateToPem(cert).replace(/\r\n/g, '\n'), Key: key.pem };
}

function caArgument(value: unknown): { subject: Forge.pki.CertificateField[]; key: RsaKey } {
  if (!isDict(value) || typeof value.Cert !== 'string' || typeof value.Key !== 'string') throw new FunctionError('wrong type for value; expected sprig.certificate');
  const pem = value.Cert;
  const subject = issuersByPem.get(pem, () => {
    try {
      return forgeLib().pki.certificateFromPem(pem).subject.attributes;
    } catch (error) {
      throw new FunctionError(`error parsing CA certificate: ${(error as Error).message}`);
    }
  });
  return { subject, key: keyFromPem(value.Key) };
}

const privateKeys = new Map<string, string>();

/** genPrivateKey's PEM, made once per type and process (a 4096-bit RSA key takes seconds). */
function privateKey(type: string): string {
  let pem = privateKeys.get(type);
  if (pem === undefined) {
    pem = newPrivateKey(type);
    privateKeys.set(type, pem);
  }
  return pem;
}

function newPrivateKey(type: string): string {
  switch (type) {
    case '':
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: 4096, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    case 'ecdsa':
      return generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    case 'ed25519':
      return generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    case 'dsa':
      return generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    default:
      return `Unknown type ${type}`;
  }
}

/** Sprig's encryptAES: AES-256-CBC with a key padded to 32 bytes, PKCS#7 padding, the IV first, base64. */
function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(password).copy(key);
  return key;
}

/** Sprig's derivePassword: Master Password's scrypt key, HMAC seed and templates, so the same inputs give helm's password. */
function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  // The Master Password algorithm's templates and character classes, as Sprig uses them.
  const templates: Record<string, string[]> = {
    maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
    long: ['CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno', 'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno', 'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno', 'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno'],
    medium: ['CvcnoCvc', 'CvcCvcno'],
    short: ['Cvcn'],
    basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
    pin: ['nnnn'],
  };
  const classes: Record<string, string> = { V: 'AEIOU', C: 'BCDFGHJKLMNPQRSTVWXYZ', v: 'aeiou', c: 'bcdfghjklmnpqrstvwxyz', A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ', a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz', n: '0123456789', o: "@&%?,=[]_:-+*$#!'^~;()/.", x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()' };
  const choices = templates[type];
  if (!choices) return `cannot find password template ${type}`;
  const seedName = Buffer.from('com.lyndir.masterpassword');
  const length = (value: string) => {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(Buffer.byteLength(value));
    return buffer;
  };
  const key = scryptSync(password, Buffer.concat([seedName, length(user), Buffer.from(user)]), 64, { N: 32768, r: 8, p: 2, maxmem: 64 * 1024 * 1024 });
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter >>> 0);
  const seed = createHmac('sha256', key).update(Buffer.concat([seedName, length(site), Buffer.from(site), count])).digest();
  const template = choices[seed[0] % choices.length];
  return [...template].map((cls, index) => classes[cls][seed[index + 1] % classes[cls].length]).join('');
}

export const crypto: Record<string, TemplateFunction> = {
  randAlphaNum: (args) => (arity('randAlphaNum', args, 1), randomString(ALPHA + NUMERIC, integer(args[0]))),
  randAlpha: (args) => (arity('randAlpha', args, 1), randomString(ALPHA, integer(args[0]))),
  randNumeric: (args) => (arity('randNumeric', args, 1), randomString(NUMERIC, integer(args[0]))),
  randAscii: (args) => (arity('randAscii', args, 1), randomString(ASCII, integer(args[0]))),
  randBytes: (args) => (arity('randBytes', args, 1), randomBytes(Math.max(0, integer(args[0]))).toString('base64')),
  uuidv4: (args) => (arity('uuidv4', args, 0), randomUUID()),
  bcrypt: (args) => (arity('bcrypt', args, 1), bcryptHash(text(args[0]))),
  htpasswd: (args) => {
    arity('htpasswd', args, 2);
    const user = text(args[0]);
    if (user.includes(':')) return `invalid username: ${user}`;
    return `${user}:${bcryptHash(text(args[1]))}`;
  },
  derivePassword: (args) => (arity('derivePassword', args, 5), derivePassword(integer(args[0]), text(args[1]), text(args[2]), text(args[3]), text(args[4]))),
  genPrivateKey: (args) => (arity('genPrivateKey', args, 1), privateKey(text(args[0]))),
  genCA: (args) => (arity('genCA', args, 2), issue(text(args[0]), [], [], integer(args[1]), rsaKey(), true)),
  genCAWithKey: (args) => (arity('genCAWithKey', args, 3), issue(text(args[0]), [], [], integer(args[1]), keyFromPem(text(args[2])), true)),
  genSelfSignedCert: (args) => (arity('genSelfSignedCert', args, 4), issue(text(args[0]), args[1], args[2], integer(args[3]), rsaKey(), false)),
  genSelfSignedCertWithKey: (args) => (arity('genSelfSignedCertWithKey', args, 5), issue(text(args[0]), args[1], args[2], integer(args[3]), keyFromPem(text(args[4])), false)),
  genSignedCert: (args) => {
    arity('genSignedCert', args, 5);
    const ca = caArgument(args[4]);
    return issue(text(args[0]), args[1], args[2], integer(args[3]), rsaKey(ca.key), false, ca);
  },
  genSignedCertWithKey: (args) => (arity('genSignedCertWithKey', args, 6), issue(text(args[0]), args[1], args[2], integer(args[3]), keyFromPem(text(args[5])), false, caArgument(args[4]))),
  buildCustomCert: (args) => {
    arity('buildCustomCert', args, 2);
    const cert = Buffer.from(text(args[0]), 'base64').toString();
    const key = Buffer.from(text(args[1]), 'base64').toString();
    if (!cert.includes('-----BEGIN')) throw new FunctionError('unable to decode base64 certificate');
    if (!key.includes('-----BEGIN')) throw new FunctionError('unable to decode base64 private key');
    return { Cert: cert, Key: key };
  },
  encryptAES: (args) => {
    arity('encryptAES', args, 2);
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', aesKey(text(args[0])), iv);
    return Buffer.concat([iv, cipher.update(text(args[1])), cipher.final()]).toString('base64');
  },
  decryptAES: (args) => {
    arity('decryptAES', args, 2);
    const data = Buffer.from(text(args[1]), 'base64');
    if (data.length < 16 || data.length % 16 !== 0) throw new FunctionError('blocksize must be multiple of decoded message length');
    const decipher = createDecipheriv('aes-256-cbc', aesKey(text(args[0])), data.subarray(0, 16));
    try {
      return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString();
    } catch (error) {
      throw new FunctionError((error as Error).message);
    }
  },
  // helm template resolves no names unless given --enable-dns (helm 3.11+): "" for any host.
  getHostByName: (args) => (arity('getHostByName', args, 1), text(args[0]), ''),
};

