import { SCHEMA_VERSION, type Convention } from '../../../../shared/model/convention';

const SENTENCE =
  "Le délégataire assure, au nom et pour le compte du délégant, l'engagement, la liquidation et l'ordonnancement des dépenses liées au projet, dans la limite des crédits délégués. ";

/**
 * A valid délégation de gestion shaped like the seed (two parties, visas, articles with lists
 * and the budget table, Chorus references, three signatories). `articles` and `paragraphs`
 * set its size: the defaults give about 30 KB of JSON, the size of the seed convention.
 */
export function sampleConvention(options: { id?: string; title?: string; articles?: number; paragraphs?: number } = {}): Convention {
  const articles = options.articles ?? 10;
  const paragraphs = options.paragraphs ?? 9;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: options.id ?? 'conv-exemple',
    kind: 'convention',
    title: options.title ?? 'Convention de délégation de gestion en date du 26 mars 2020',
    shortTitle: 'Délégation de gestion CAMINO 2020',
    place: 'Paris',
    date: '2020-03-26',
    originals: 4,
    parties: [
      {
        id: 'p-delegant',
        role: 'delegant',
        entities: [
          { name: 'Secrétariat général des ministères de la Transition écologique et solidaire', acronym: 'SG' },
          { name: "Direction générale de l'aménagement, du logement et de la nature", acronym: 'DGALN' },
        ],
        representatives: [{ name: 'Emilie Piette', title: 'Secrétaire générale' }],
        designations: ['le délégant'],
        designationGender: 'm',
      },
      {
        id: 'p-delegataire',
        role: 'delegataire',
        entities: [{ name: 'Direction interministérielle du numérique', acronym: 'DINUM', address: '20 avenue de Ségur – 75334 PARIS Cedex 07' }],
        representatives: [{ name: 'Nadi Bou Hanna', title: 'Directeur interministériel du numérique' }],
        designations: ['le délégataire', 'la DINUM'],
        designationGender: 'f',
      },
    ],
    visas: [
      { id: 'v1', text: 'Vu le décret n°2004-1085 du 14 octobre 2004 modifié relatif à la délégation de gestion dans les services de l\u2019État' },
      { id: 'v2', text: 'Vu le compte rendu du comité décisionnel Camino du 3 février 2020' },
    ],
    agreementFormula: 'Il a été convenu ce qui suit :',
    preamble: [{ kind: 'paragraph', runs: [{ text: SENTENCE.repeat(3) }] }],
    articles: Array.from({ length: articles }, (_, i) => ({
      id: `a${i + 1}`,
      title: i === 1 ? 'Montant des crédits délégués' : `Article sur l'objet ${i + 1}`,
      body: [
        ...Array.from({ length: paragraphs }, (_, j) => ({ kind: 'paragraph' as const, runs: [{ text: `${j + 1}. ${SENTENCE}` }, { text: 'à titre indicatif', italic: true }] })),
        { kind: 'list' as const, items: [{ runs: [{ text: 'la phase de construction ;' }], children: [{ runs: [{ text: 'développement du service' }] }] }, { runs: [{ text: 'la phase d\u2019accélération.' }] }] },
        ...(i === 1 ? [{ kind: 'budget-table' as const }] : []),
      ],
    })),
    budget: {
      currency: 'EUR',
      rows: [
        {
          id: 'r1',
          uo: '0113-PEBC-ELAB',
          ae: [{ id: 'l1', amountCents: 14_000_000, label: 'au titre du financement DGALN 2020' }],
          cp: [{ id: 'l2', amountCents: 14_000_000, label: 'au titre du financement DGALN 2020' }],
        },
        {
          id: 'r2',
          uo: '0181-CPRE-DGPR',
          ae: [{ id: 'l3', amountCents: 8_000_000, label: 'au titre du financement DGPR 2020' }],
          cp: [{ id: 'l4', amountCents: 8_000_000, label: 'au titre du financement DGPR 2020' }],
        },
      ],
    },
    accounting: [
      { id: 'c1', uo: '0113-PEBC-ELAB', domaineFonctionnel: '0113-01', centreFinancier: '0113-PEBC-ELAB', activite: '011300000001', extra: [] },
      { id: 'c2', uo: '0181-CPRE-DGPR', domaineFonctionnel: '0181-01', centreFinancier: '0181-CPRE-DGPR', activite: '018100000001', extra: [] },
    ],
    signatories: [
      { id: 's1', partyId: 'p-delegant', name: 'Brice HUET', title: 'Le délégant' },
      { id: 's2', partyId: 'p-delegataire', name: 'Patrick SOULÉ', title: 'Le délégataire' },
      { id: 's3', partyId: 'p-delegant', name: 'Patrice GUYOT', title: 'L\u2019adjoint à la Secrétaire générale' },
    ],
    annexes: [{ id: 'x1', title: 'Manifeste beta.gouv.fr', body: [{ kind: 'paragraph', runs: [{ text: SENTENCE }] }] }],
  };
}

/** The same convention with article `n` (1-based) given a new paragraph. */
export function withEditedArticle(c: Convention, n: number, text: string): Convention {
  return {
    ...c,
    articles: c.articles.map((a, i) => (i === n - 1 ? { ...a, body: [...a.body, { kind: 'paragraph', runs: [{ text }] }] } : a)),
  };
}
