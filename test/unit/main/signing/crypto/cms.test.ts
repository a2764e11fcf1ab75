import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCms, cmsSizeBound } from '../../../../../main/signing/crypto/cms';
import { checkCms } from '../../../../../main/signing/crypto/cms-verify';
import { openPkcs12 } from '../../../../../main/signing/crypto/pkcs12';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../../../helpers/signing/pki';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});

describe('CMS SignedData (PAdES B-B)', () => {
  for (const which of ['rsa', 'ec'] as const) {
    it(`${which}: OpenSSL verifies it as a detached signature of the data, with our attributes`, () => {
      const signer = openPkcs12(readFileSync(pki[which].p12), TEST_PASSWORD);
      const data = Buffer.from('Convention de délégation de gestion — octets signés');
      const cms = buildCms(signer, createHash('sha256').update(data).digest());
      expect(cms.length).toBeLessThanOrEqual(cmsSizeBound(signer));
      const f = (n: string) => join(pki.dir, `${which}-${n}`);
      writeFileSync(f('sig.der'), cms);
      writeFileSync(f('data.bin'), data);
      const out = execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', f('sig.der'), '-content', f('data.bin'), '-CAfile', pki.caPem, '-purpose', 'any', '-out', f('out.bin')], { stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toBeDefined();
      const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', f('sig.der')]).toString();
      expect(printed).toMatch(/id-smime-aa-signingCertificateV2/);
      expect(printed).toMatch(/messageDigest/);
      expect(printed).toMatch(/contentType/);
      expect(printed).not.toMatch(/signingTime/);
      const check = checkCms(Buffer.concat([cms, Buffer.alloc(100)]), (alg) => createHash(alg).update(data).digest());
      expect([check.digestMatches, check.signatureValid, check.signerBindingOk, check.hasSigningCertificateV2]).toEqual([true, true, true, true]);
      const other = checkCms(cms, (alg) => createHash(alg).update('autre chose').digest());
      expect(other.digestMatches).toBe(false);
    });
  }

  it('refuses trailing non-zero bytes after the CMS', () => {
    const signer = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
    const cms = buildCms(signer, Buffer.alloc(32));
    expect(() => checkCms(Buffer.concat([cms, Buffer.from([0, 1])]), () => Buffer.alloc(32))).toThrow(/Octets inattendus/);
  });
});
