/**
 * Creates a self-signed « identité de test » so that a team can rehearse signing before real
 * certificates arrive. The key pair comes from Node's crypto; node-forge only assembles the
 * certificate and the PKCS#12 (AES-256, readable by OpenSSL, Acrobat and Paraphe).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { UserError } from '../../shared/errors';

/** The organisational unit that marks a test identity, shown wherever it is listed. */
export const TEST_IDENTITY_OU = 'Identité de test';

/** Builds the PKCS#12 bytes of a new test identity. */
export function createTestIdentity(opts: { name: string; org: string; password: string; years?: number; now?: Date }): Buffer {
  const name = opts.name.trim();
  const org = opts.org.trim();
  if (!name || !org) throw new UserError('IDENTITY_FIELDS', 'Indiquez le nom du signataire et son organisation pour créer une identité de test.');
  if (opts.password.length < 4) throw new UserError('IDENTITY_PASSWORD', 'Choisissez un mot de passe d’au moins 4 caractères pour protéger l’identité de test.');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const pub = forge.pki.setRsaPublicKey(key.n, key.e);
  const cert = forge.pki.createCertificate();
  cert.publicKey = pub;
  cert.serialNumber = '01' + randomBytes(12).toString('hex');
  const now = opts.now ?? new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + (opts.years ?? 2) * 365 * 86_400_000);
  // UTF8String so that accents survive (forge encodes the JavaScript string itself).
  const attrs = [
    { name: 'commonName', value: name, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'organizationName', value: org, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'organizationalUnitName', value: TEST_IDENTITY_OU, valueTagClass: forge.asn1.Type.UTF8 },
  ] as unknown as forge.pki.CertificateField[];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], opts.password, { algorithm: 'aes256', friendlyName: `${name} (identité de test)` });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}
