/**
 * The rules of validateChain that the mutation run (StrykerJS, chain.ts) found unguarded: who
 * may issue (a CA by its basic constraints, however they are encoded), what makes an issuer
 * (names and signature and a usable key, never one without the other), a pool certificate
 * taken only when it issued, a self-signed signer never its own issuer, the length of a path,
 * an anchor's own self-signature never judged, each link's validity at the signing date.
 * Certificates made by OpenSSL at test time.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../../../../helpers/scratch';
import { validateChain } from '../../../../../main/signing/crypto/chain';

let dir: string;
let serial = 1000;
const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/** A certificate made at test time, with the file of its private key. */
interface Made {
  readonly cert: X509Certificate;
  readonly pem: string;
  readonly key: string;
}

type KeyKind = 'p256' | 'secp256k1' | 'rsa1024' | 'rsa2048';

function newKey(kind: KeyKind): string {
  const file = `k${serial++}.key`;
  if (kind === 'rsa1024' || kind === 'rsa2048') ssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${kind.slice(3)}`, '-out', file]);
  else ssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${kind === 'p256' ? 'P-256' : 'secp256k1'}`, '-out', file]);
  return file;
}

const CA = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';
const LEAF = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n';

/**
 * A certificate for `cn`, self-signed or issued by `issuer` (signed with its key), with the extensions `ext` (none when empty), over `md`.
 */
function make(cn: string, o: { issuer?: Made; key?: string; keyKind?: KeyKind; ext?: string; days?: number; md?: string } = {}): Made {
  const id = serial++;
  const key = o.key ?? newKey(o.keyKind ?? 'p256');
  ssl(['req', '-new', '-key', key, '-subj', `/CN=${cn}/O=Paraphe essais`, '-utf8', '-out', `${id}.csr`]);
  const ext = o.ext ?? LEAF;
  const extArgs = ext ? ['-extfile', `${id}.ext`] : [];
  if (ext) writeFileSync(join(dir, `${id}.ext`), ext);
  const signer = o.issuer ? ['-CA', o.issuer.pem, '-CAkey', o.issuer.key, '-set_serial', String(id)] : ['-signkey', key];
  ssl(['x509', '-req', '-in', `${id}.csr`, ...signer, '-days', String(o.days ?? 30), `-${o.md ?? 'sha256'}`, ...extArgs, '-out', `${id}.pem`]);
  const pem = join(dir, `${id}.pem`);
  return { cert: new X509Certificate(readFileSync(pem)), pem, key: resolve(dir, key) };
}

const names = (r: ReturnType<typeof validateChain>) => r.chain.map((c) => c.commonName);
const now = () => new Date(Date.now() + 60_000);
const DAY = 86_400_000;

let root: Made;
let inter: Made;
let leaf: Made;

beforeAll(() => {
  dir = scratchDir('paraphe-chain-');
  root = make('Racine de confiance', { ext: CA, days: 60 });
  inter = make('Autorité intermédiaire', { issuer: root, ext: CA, days: 40 });
  leaf = make('Agent signataire', { issuer: inter, days: 30 });
  // OpenSSL 3.0 cannot backdate: the certificates start "now"; tests sign a minute later.
});

describe('validateChain: a complete chain', () => {
  it('trusts leaf → intermediate → anchor, names the anchor, and lists the path from the leaf', () => {
    const r = validateChain(leaf.cert, [inter.cert], [root.cert], now());
    expect(r.status).toBe('trusted');
    expect(names(r)).toEqual(['Agent signataire', 'Autorité intermédiaire', 'Racine de confiance']);
    expect(r.message).toContain('« Racine de confiance »');
  });

  it('leaves a chain that reaches no anchor untrusted, naming the signer and the last issuer known', () => {
    const r = validateChain(leaf.cert, [inter.cert], [], now());
    expect(r.status).toBe('untrusted');
    expect(names(r)).toEqual(['Agent signataire', 'Autorité intermédiaire']);
    expect(r.message).toContain('« Agent signataire »');
    expect(r.message).toContain('(émis par « Racine de confiance »)');
  });
});

describe('validateChain: what makes an issuer', () => {
  it('takes a pool certificate only when it issued the current one (a trusted root in the pool proves nothing)', () => {
    const other = make('Autorité inconnue', { ext: CA });
    const stranger = make('Agent étranger', { issuer: other });
    const r = validateChain(stranger.cert, [root.cert], [root.cert], now());
    expect(r.status).toBe('untrusted');
    expect(names(r)).toEqual(['Agent étranger']);
  });

  it('refuses an issuer whose key signed the certificate under another name', () => {
    // Same key as the anchor, another subject: the leaf's signature verifies with the anchor's key, its issuer name does not match.
    const twin = make('Jumelle de la racine', { key: root.key, ext: CA });
    const signed = make('Agent de la jumelle', { issuer: twin });
    expect(signed.cert.verify(root.cert.publicKey)).toBe(true);
    const r = validateChain(signed.cert, [], [root.cert], now());
    expect(r.status).toBe('untrusted');
    expect(names(r)).toEqual(['Agent de la jumelle']);
  });

  it('refuses an issuer whose name matches but whose key did not sign', () => {
    const forger = make('Racine de confiance', { ext: CA });
    const forged = make('Agent contrefait', { issuer: forger });
    expect(forged.cert.issuer).toBe(root.cert.subject);
    const r = validateChain(forged.cert, [], [root.cert], now());
    expect(r.status).toBe('untrusted');
  });

  it('refuses an anchor whose key is on a curve Paraphe does not verify (secp256k1), even though its signature holds', () => {
    const k1 = make('Racine secp256k1', { keyKind: 'secp256k1', ext: CA });
    const under = make('Agent sous secp256k1', { issuer: k1 });
    expect(under.cert.verify(k1.cert.publicKey)).toBe(true);
    const r = validateChain(under.cert, [], [k1.cert], now());
    expect(r.status).toBe('untrusted');
    expect(names(r)).toEqual(['Agent sous secp256k1']);
  });

  it('never takes a self-signed signer as its own issuer', () => {
    // No key usage: OpenSSL would let it issue; only the path's memory keeps it out.
    const self = make('Signataire auto-signé', { ext: 'basicConstraints=CA:FALSE\n' });
    const r = validateChain(self.cert, [self.cert], [], now());
    expect(r.status).toBe('untrusted');
    expect(names(r)).toEqual(['Signataire auto-signé']);
  });

  it('follows two authorities that issued each other once each, then stops', () => {
    const kx = newKey('p256');
    const ky = newKey('p256');
    const xSelf = make('Autorité X', { key: kx, ext: CA });
    const ySelf = make('Autorité Y', { key: ky, ext: CA });
    const xByY = make('Autorité X', { key: kx, issuer: ySelf, ext: CA });
    const yByX = make('Autorité Y', { key: ky, issuer: xSelf, ext: CA });
    const signer = make('Agent du cercle', { issuer: xSelf });
    const r = validateChain(signer.cert, [xByY.cert, yByX.cert], [], now());
    expect(r.status).toBe('untrusted');
    expect(names(r)).toEqual(['Agent du cercle', 'Autorité X', 'Autorité Y']);
  });
});

describe('validateChain: who may issue', () => {
  it('refuses an intermediate that is no CA (CA:FALSE, no key usage), naming it', () => {
    const notCa = make('Agent qui émet', { issuer: root, ext: 'basicConstraints=CA:FALSE\n' });
    const below = make('Agent émis par un agent', { issuer: notCa });
    const r = validateChain(below.cert, [notCa.cert], [root.cert], now());
    expect(r.status).toBe('invalid-chain');
    expect(r.message).toContain('« Agent qui émet » n’est pas une autorité de certification');
    expect(names(r)).toEqual(['Agent émis par un agent']);
  });

  it.each([
    ['without basic constraints at all', 'Certificat sans contraintes', 'subjectKeyIdentifier=hash\n'],
    ['whose basic constraints spell cA FALSE explicitly', 'Autorité cA explicite faux', 'basicConstraints=DER:30:03:01:01:00\n'],
    ['whose basic constraints carry a path length but no cA flag', 'Autorité longueur seule', 'basicConstraints=DER:30:03:02:01:01\n'],
  ])('refuses an intermediate %s', (_case, name, ext) => {
    const issuer = make(name, { issuer: root, ext });
    const below = make(`Agent sous ${name}`, { issuer });
    expect(validateChain(below.cert, [issuer.cert], [root.cert], now()).status).toBe('invalid-chain');
  });

  it('accepts a CA without a key usage extension', () => {
    const noKu = make('Autorité sans usage de clé', { issuer: root, ext: 'basicConstraints=critical,CA:TRUE\n' });
    const below = make('Agent sous autorité sans usage', { issuer: noKu });
    const r = validateChain(below.cert, [noKu.cert], [root.cert], now());
    expect(r.status).toBe('trusted');
    expect(names(r)).toEqual(['Agent sous autorité sans usage', 'Autorité sans usage de clé', 'Racine de confiance']);
  });

  it('refuses a CA whose key usage does not include keyCertSign', () => {
    const signOnly = make('Autorité qui ne signe pas de certificats', { issuer: root, ext: 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature,cRLSign\n' });
    const below = make('Agent sous usage interdit', { issuer: signOnly });
    expect(validateChain(below.cert, [signOnly.cert], [root.cert], now()).status).not.toBe('trusted');
  });
});

describe('validateChain: the length of a path', () => {
  /** leaf ← I1 ← … ← In ← anchor. */
  function ladder(n: number): { leaf: Made; pool: X509Certificate[]; anchor: Made } {
    const anchor = make(`Racine de l’échelle ${n}`, { ext: CA });
    let up = anchor;
    const pool: X509Certificate[] = [];
    for (let i = n; i >= 1; i--) {
      up = make(`Échelon ${i} sur ${n}`, { issuer: up, ext: CA });
      pool.push(up.cert);
    }
    return { leaf: make(`Agent en bas de ${n}`, { issuer: up }), pool, anchor };
  }

  it('reaches an anchor ten issuers above the signer', () => {
    const l = ladder(9);
    const r = validateChain(l.leaf.cert, l.pool, [l.anchor.cert], now());
    expect(r.status).toBe('trusted');
    expect(r.chain).toHaveLength(11);
  });

  it('stops looking after ten issuers: an anchor eleven above is not reached', () => {
    const l = ladder(10);
    const r = validateChain(l.leaf.cert, l.pool, [l.anchor.cert], now());
    expect(r.status).toBe('untrusted');
    expect(r.chain).toHaveLength(11);
  });
});

describe('validateChain: strength of each link', () => {
  it('never judges the anchor’s own self-signature (a SHA-1 root issuing over SHA-256 is trusted)', () => {
    const sha1Root = make('Racine SHA-1', { ext: CA, md: 'sha1' });
    const under = make('Agent sous racine SHA-1', { issuer: sha1Root });
    const r = validateChain(under.cert, [], [sha1Root.cert], now());
    expect(r.status).toBe('trusted');
  });

  it('refuses a link signed over SHA-1 below the anchor', () => {
    const sha1Inter = make('Intermédiaire SHA-1', { issuer: root, ext: CA, md: 'sha1' });
    const under = make('Agent sous intermédiaire SHA-1', { issuer: sha1Inter });
    const r = validateChain(under.cert, [sha1Inter.cert], [root.cert], now());
    expect(r.status).toBe('invalid-chain');
    expect(r.message).toContain('SHA-1');
  });

  it('refuses an issuer whose RSA key has 1,024 bits', () => {
    const shortRoot = make('Racine RSA 1024', { keyKind: 'rsa1024', ext: CA });
    const under = make('Agent sous clé courte', { issuer: shortRoot });
    const r = validateChain(under.cert, [], [shortRoot.cert], now());
    expect(r.status).toBe('invalid-chain');
    expect(r.message).toContain('Racine RSA 1024');
  });
});

describe('validateChain: validity of each link at the signing date', () => {
  it('trusts at the last second of the signer’s validity, and calls it expired one second later', () => {
    const end = new Date(leaf.cert.validTo);
    expect(validateChain(leaf.cert, [inter.cert], [root.cert], end).status).toBe('trusted');
    const r = validateChain(leaf.cert, [inter.cert], [root.cert], new Date(end.getTime() + 1000));
    expect(r.status).toBe('expired');
    expect(r.message).toContain('« Agent signataire »');
  });

  it('calls the chain expired when an intermediate has expired though the signer has not', () => {
    const shortInter = make('Intermédiaire de dix jours', { issuer: root, ext: CA, days: 10 });
    const under = make('Agent de trente jours', { issuer: shortInter, days: 30 });
    const r = validateChain(under.cert, [shortInter.cert], [root.cert], new Date(Date.now() + 20 * DAY));
    expect(r.status).toBe('expired');
    expect(r.message).toContain('« Intermédiaire de dix jours »');
  });

  it('calls the chain expired when the anchor has expired', () => {
    const longLeaf = make('Agent de quatre-vingt-dix jours', { issuer: root, days: 90 });
    const r = validateChain(longLeaf.cert, [], [root.cert], new Date(Date.now() + 70 * DAY));
    expect(r.status).toBe('expired');
    expect(r.message).toContain('« Racine de confiance »');
  });

  it('says expired before untrusted, and before the signer’s validity began', () => {
    const r = validateChain(leaf.cert, [inter.cert], [], new Date(Date.now() - DAY));
    expect(r.status).toBe('expired');
    expect(r.message).toContain('« Agent signataire »');
  });
});

describe('validateChain: path length constraints (RFC 5280 §4.2.1.9)', () => {
  const limitedCa = (n: number) => `basicConstraints=critical,CA:TRUE,pathlen:${n}\nkeyUsage=critical,keyCertSign,cRLSign\n`;

  it('refuses an authority below one that allows none (pathlen:0), naming the limit', () => {
    const issuing = make('Autorité émettrice limitée', { issuer: root, ext: limitedCa(0) });
    const sub = make('Sous-autorité interdite', { issuer: issuing, ext: CA });
    const below = make('Agent sous la sous-autorité', { issuer: sub });
    const r = validateChain(below.cert, [issuing.cert, sub.cert], [root.cert], now());
    expect(r.status).toBe('invalid-chain');
    expect(r.message).toContain('« Autorité émettrice limitée »');
    // Directly under it, a signer is fine.
    const direct = make('Agent sous l’autorité limitée', { issuer: issuing });
    expect(validateChain(direct.cert, [issuing.cert], [root.cert], now()).status).toBe('trusted');
  });

  it('allows exactly as many authorities below as the limit says', () => {
    const one = make('Autorité à un échelon', { issuer: root, ext: limitedCa(1) });
    const sub = make('Sous-autorité permise', { issuer: one, ext: CA });
    const subSub = make('Sous-sous-autorité', { issuer: sub, ext: CA });
    expect(validateChain(make('Agent à un échelon', { issuer: sub }).cert, [one.cert, sub.cert], [root.cert], now()).status).toBe('trusted');
    expect(validateChain(make('Agent à deux échelons', { issuer: subSub }).cert, [one.cert, sub.cert, subSub.cert], [root.cert], now()).status).toBe('invalid-chain');
  });

  it('holds the anchor to its own limit', () => {
    const strictRoot = make('Racine sans intermédiaire', { ext: limitedCa(0) });
    const sub = make('Intermédiaire sous racine stricte', { issuer: strictRoot, ext: CA });
    const below = make('Agent sous racine stricte', { issuer: sub });
    expect(validateChain(below.cert, [sub.cert], [strictRoot.cert], now()).status).toBe('invalid-chain');
    expect(validateChain(make('Agent direct sous racine stricte', { issuer: strictRoot }).cert, [], [strictRoot.cert], now()).status).toBe('trusted');
  });

  it('does not count a self-issued certificate (the authority’s new key under its same name)', () => {
    const issuing = make('Autorité qui change de clé', { issuer: root, ext: limitedCa(0) });
    const rollover = make('Autorité qui change de clé', { issuer: issuing, ext: CA });
    const below = make('Agent sous la nouvelle clé', { issuer: rollover, key: undefined });
    const r = validateChain(below.cert, [issuing.cert, rollover.cert], [root.cert], now());
    expect(r.chain).toHaveLength(4);
    expect(r.status).toBe('trusted');
  });
});
