import { describe, expect, it } from 'vitest';
import { cardsMessages } from '../../../../renderer/identities/cards-messages';
import { cardChoices } from '../../../../renderer/identities/card-choices';
import type { CardModuleDto } from '../../../../shared/ipc/channels/pkcs11';

const cert = (cn: string) => ({
  subject: `CN=${cn}`, commonName: cn, organization: 'MTES', issuer: 'CN=AC', issuerCommonName: 'AC', serialNumber: '01', notBefore: '2026-01-01T00:00:00Z',
  notAfter: '2027-01-01T00:00:00Z', keyUsage: ['digitalSignature'], isCa: false, selfSigned: false, sha256Fingerprint: 'AA', keyType: 'RSA 2048',
});
const token = (label: string, locked: boolean, identities: CardModuleDto['tokens'][number]['identities']) => ({
  token: `serial-${label}`, label, serial: `serial-${label}`, manufacturer: 'SoftHSM', model: 'v2', loginRequired: true, protectedAuthPath: false, pin: { locked }, identities,
});

describe('cardChoices (the card keys the identity picker offers)', () => {
  it('offers the keys that can sign, on cards that are not locked, named by holder and card', () => {
    const modules: CardModuleDto[] = [{
      id: '0123456789abcdef', path: '/usr/lib/softhsm/libsofthsm2.so', name: 'SoftHSM2', source: 'known',
      tokens: [
        token('Carte agent', false, [
          { keyId: '01', certificate: cert('Brice HUET'), privateKey: 'unknown', canSign: true },
          { keyId: '03', certificate: cert('Sans Clé'), privateKey: 'absent', canSign: false, problem: 'Certificat sans clé privée' },
          { keyId: '04', label: 'Clé seule', privateKey: 'found', canSign: false, problem: 'Clé sans certificat' },
        ]),
        token('Carte bloquée', true, [{ keyId: '01', certificate: cert('Patrick SOULÉ'), privateKey: 'unknown', canSign: true }]),
      ],
    }];
    expect(cardChoices(modules).map((c) => [c.value, c.text, c.ref])).toEqual([
      ['0123456789abcdef:serial-Carte agent:01', 'Brice HUET (MTES) — « Carte agent »', { moduleId: '0123456789abcdef', token: 'serial-Carte agent', keyId: '01' }],
    ]);
    expect(cardChoices(modules)[0]!.request).toEqual({ holder: 'Brice HUET', tokenLabel: 'Carte agent', protectedAuthPath: false, pin: { locked: false } });
  });

  it('English has every French key of the cards dictionary, with the same kind of value', () => {
    const fr = cardsMessages.fr as Record<string, unknown>;
    const en = cardsMessages.en as Record<string, unknown>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr)) expect(typeof en[key], key).toBe(typeof fr[key]);
  });
});
