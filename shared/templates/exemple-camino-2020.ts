import { SCHEMA_VERSION, type Article, type Convention } from '../model/convention';
import { accountingReferences, budgetTable, i, li, p, t, ul } from './blocks';
import { caminoAnnexes } from './exemple-camino-2020-annexes';

/** Stable id of the worked example; every id inside derives from it. */
export const CAMINO_ID = 'exemple-camino-2020';

const UOS = '0113-PEBC-ELAB, 0181-CPRI-ELAB';
const ONF_LABEL = "au titre de l'avenant 2020 à la convention de rétablissement de crédit ONF-DINUM";

/**
 * The seed convention (MTES/MCTRCT – DINUM, 26 mars 2020, projet Camino) in full. Typos and
 * odd phrasings of the signed original are kept on purpose: this is a faithful example.
 */
export function buildCamino2020(): Convention {
  const id = CAMINO_ID;
  const delegant = `${id}/party/delegant`;
  const delegataire = `${id}/party/delegataire`;
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    kind: 'convention',
    title: 'Convention de délégation de gestion en date du 26 mars 2020',
    shortTitle: 'Délégation de gestion Camino 2020 — MTES-MCTRCT / DINUM',
    place: 'Paris',
    date: '2020-03-26',
    originals: 4,
    parties: [
      {
        id: delegant,
        role: 'delegant',
        entities: [
          { name: 'Secrétariat général des ministères de la Transition écologique et solidaire (MTES) et de la Cohésion des territoires et des relations avec les collectivités territoriales (MCTRCT)' },
          { name: "Direction générale de l'aménagement, du logement et de la nature" },
          { name: 'Direction générale de la prévention des risques' },
        ],
        representatives: [
          { name: 'Emilie Piette', title: 'Secrétaire générale (SG)' },
          { name: 'Stéphanie Dupuy-Lyon', title: "Directrice générale de l'aménagement, du logement et de la nature (DGALN)" },
          { name: 'Cédric Bourillet', title: 'Directeur général de la prévention des risques (DGPR)' },
        ],
        designations: ['le délégant'],
        designationGender: 'f',
      },
      {
        id: delegataire,
        role: 'delegataire',
        entities: [
          { name: 'Direction Interministérielle du Numérique', acronym: 'DINUM', address: '20 avenue de Ségur – TSA 30 719 75 334 PARIS Cedex 07' },
        ],
        representatives: [{ name: 'Nadi Bou Hanna', title: 'Directeur interministériel du numérique' }],
        designations: ['le délégataire', 'la DINUM'],
        designationGender: 'f',
      },
    ],
    visas: [
      "Vu le décret 2004-1085 du 14 octobre 2004 modifié relatif à la délégation de gestion dans les services de l'Etat et le décret n°2012-1246 du 7 novembre 2012 modifié relatif à la gestion budgétaire et comptable publique,",
      "Vu la convention pour délégation de gestion du 14 décembre 2018 passée entre le ministère de la Transition écologique et solidaire et la direction interministérielle du Numérique et des Systèmes d'information et de communication au titre du projet CAMINO,",
      "Vu l'avenant n°1 à la convention de délégation de gestion en date du 14 décembre 2018 passée entre le ministère de la Transition écologique et solidaire et la direction interministérielle du Numérique et des Systèmes d'information et de communication au titre du projet CAMINO en date du 29 août 2019,",
      "Vu la convention de rétablissement de crédits relative au financement du projet de Cadastre minier numérique et ouvert (CAMINO) passée entre la Direction interministérielle du numérique et des systèmes d'information et de communication et l'Office national des forêts en date du 29 août 2019,",
      'Vu le compte rendu du comité décisionnel Camino du 3 février 2020,',
    ].map((text, n) => ({ id: `${id}/visa/${n + 1}`, text })),
    agreementFormula: 'Il a été convenu ce qui suit :',
    preamble: [
      p("beta.gouv.fr est un programme de la DINUM qui a pour objectif d'accompagner les administrations publiques à axer leurs services sur les besoins des utilisateurs en constituant des équipes chargées de résoudre des irritants ou des problèmes de politique publique."),
      p("Ces équipes suivent une méthode de développement agile surnommée \"approche Startup d'État\". Au sein d'un incubateur, les équipes investiguent le problème identifié pour mieux comprendre les besoins des utilisateurs (\"phase d'investigation\"), puis construisent une première solution minimale pour expérimenter et confronter la solution aux besoins des utilisateurs (\"phase de construction\"). En cas d'utilité avérée, le service s'améliore, s'étend à de nouveaux périmètres et se déploie (\"phase d'accélération\") pour ensuite trouver une solution de pérennisation adaptée (\"phase de consolidation\")."),
      p("Chaque équipe est constituée d'experts du numérique recrutés par beta.gouv.fr et d'un ou plusieurs agents publics issus de l'administration partenaire, agissant en qualité d'intrapreneur(s)."),
      p("Les ministères de la Transition écologique et solidaire (MTES) et de la Cohésion des territoires et des relations avec les collectivités territoriales (MCTRCT) ont créé un incubateur, « La Fabrique numérique », afin de développer des services numériques selon la méthode startup d'État. Ils se sont appuyés sur l'expérience de l'incubateur de service numérique de la DINSIC, beta.gouv.fr, et ses supports contractuels."),
      p("Camino - le cadastre minier numérique ouvert - est une startup d'État créée en 2018 dans ce contexte. Le service Camino est donc développé selon la méthode Startup d'État, de manière itérative et incrémentale. Les besoins exprimés par les utilisateurs et la mesure des impacts du service guident la stratégie de développement. Un comité des financeurs décide régulièrement des moyens alloués à l'équipe de la startup d'État Camino pour atteindre les objectifs qu'elle se fixe."),
      p("Camino est un service public numérique de l'administration des mines qui vise à ouvrir le cadastre minier pour mieux gérer les projets. Le service s'adresse aux entreprises du secteur minier, aux citoyens et à leurs représentants (élus et ONG) concernés par les projets miniers ainsi qu'aux administrations et opérateurs publics en charge de l'administration des mines."),
      p("Le comité des financeurs de Camino est composé du Secrétariat général (SG) des ministères de la Transition écologique et solidaire (MTES) et de la Cohésion des territoires et des relations avec les collectivités territoriales (MCTRCT), de la Direction générale de l'aménagement, du logement et de la nature (DGALN), l'Office national des forêts (ONF), la Direction générale de la prévention des risques (DGPR) et la Direction générale de l'énergie et du climat (DGEC)."),
      p("Lors du comité des financeurs de Camino qui s'est tenu le 3 février 2020 à la « Fabrique Numérique » des MTES-MCTRCT, les membres présents et représentés ont décidé de consolider le développement de Camino en 2020 selon la feuille de route proposée par l'équipe Camino et de le financer à hauteur respective de 140 k€ pour la DGALN (P113), 100 k€ pour la DGPR (P181), 80 k€ pour l'ONF (remboursement sur le P113). Le SG n'a pas vocation à apporter de contribution financière (P217) en 2020 via cette convention, il demeure membre du comité décisionnel au titre des moyens humains (développeur) qui apporte au projet. La DGEC n'a pas souhaité contribuer financièrement au développement de Camino en 2020 mais a indiqué accepter participer à la maintenance du service (0 k€ pour la DGEC (P174))."),
      // The seed breaks « ONF-DINUM » across a page; the text is one word.
      p("La nouvelle contribution de 80 k€ de l'ONF pour le financement des développements au titre de l'année 2020 fait l'objet d'une convention de rétablissement de crédits relative au financement du projet de Cadastre minier numérique ouvert (CAMINO) entre l'ONF et la DINUM ci-après dénommée « convention Camino ONF-DINUM ». Cette convention datée du 28 août 2019 fait l'objet d'un avenant actant l'évolution du financement de l'ONF."),
    ],
    articles: caminoArticles(id),
    budget: {
      currency: 'EUR',
      rows: [
        {
          id: `${id}/budget/0113-PEBC-ELAB`,
          uo: '0113-PEBC-ELAB',
          ae: [
            { id: `${id}/budget/0113-PEBC-ELAB/ae/1`, amountCents: 140_000_00, label: 'au titre du financement DGALN 2020' },
            { id: `${id}/budget/0113-PEBC-ELAB/ae/2`, amountCents: 80_000_00, label: ONF_LABEL },
          ],
          cp: [
            { id: `${id}/budget/0113-PEBC-ELAB/cp/1`, amountCents: 140_000_00, label: 'au titre du financement DGALN 2020' },
            { id: `${id}/budget/0113-PEBC-ELAB/cp/2`, amountCents: 80_000_00, note: '(à rétablir)', label: ONF_LABEL },
          ],
        },
        {
          id: `${id}/budget/0181-CPRI-ELAB`,
          uo: '0181-CPRI-ELAB',
          ae: [{ id: `${id}/budget/0181-CPRI-ELAB/ae/1`, amountCents: 100_000_00, label: 'au titre du financement DGPR 2020' }],
          cp: [{ id: `${id}/budget/0181-CPRI-ELAB/cp/1`, amountCents: 100_000_00, label: 'au titre du financement DGPR 2020' }],
        },
      ],
    },
    accounting: [
      {
        id: `${id}/accounting/0113-PEBC-ELAB`,
        uo: '0113-PEBC-ELAB',
        // « Axe ministériel 1 » is printed with no value in the seed: empty, not absent.
        axeMinisteriel: '',
        domaineFonctionnel: '0113-07',
        sousAction: '0113-07-16',
        centreFinancier: '0113-PEBC-ELAB',
        activite: '011301MB0601',
        centreCout: 'DININCUB75',
        extra: [],
      },
      {
        id: `${id}/accounting/0181-CPRI-ELAB`,
        uo: '0181-CPRI-ELAB',
        axeMinisteriel: '',
        domaineFonctionnel: '0181-11',
        sousAction: '0181-11-03',
        centreFinancier: '0181-CPRI-ELAB',
        activite: '018111AM0303',
        centreCout: 'DININCUB75',
        extra: [],
      },
    ],
    // Signing order as the seed shows it. Brice HUET signs under « Le délégant, »; the seed
    // gives no title for him, so the title is our choice (he signs for the SG). Patrick SOULÉ
    // signs in the délégataire's box, under Nadi Bou Hanna's name, i.e. by delegation.
    // Patrice GUYOT's box carries only « L'adjoint à la Secrétaire générale »: the Secrétaire
    // générale is the délégant's first representative, so he signs for the délégant.
    signatories: [
      { id: `${id}/signatory/1`, partyId: delegant, name: 'Brice HUET', title: 'Secrétaire général adjoint', mention: 'Le délégant,' },
      { id: `${id}/signatory/2`, partyId: delegataire, name: 'Patrick SOULÉ', title: 'Pour le directeur interministériel du numérique, par délégation', mention: 'Le délégataire' },
      { id: `${id}/signatory/3`, partyId: delegant, name: 'Patrice GUYOT', title: "L'adjoint à la Secrétaire générale", mention: "L'adjoint à la Secrétaire générale" },
    ],
    annexes: caminoAnnexes(id),
  };
}

function caminoArticles(id: string): Article[] {
  const article = (n: number, title: string, body: Article['body']): Article => ({ id: `${id}/article/${n}`, title, body });
  return [
    article(1, 'Objet de la délégation', [
      p("La présente convention a pour objet de définir la répartition des responsabilités et les modalités de participation financière du délégant et de la DINUM afin de mener une phase d'accélération et de consolidation du service numérique Camino."),
      p("Conformément à l'article 2 du décret n°2004-1085 du 14 octobre 2004 visé en référence, la présente convention précise les obligations respectives des parties et les modalités d'exécution financière de l'action."),
      p(`Pour assurer ses missions, le délégant autorise la DINUM à consommer des crédits hors titre 2 rattachés aux unités opérationnelles (UO) ${UOS}, dont le responsable est le délégant.`),
      p("Cette autorisation couvre les opérations de dépenses liées à la phase d'accélération et de consolidation du service visé par la présente convention."),
      p("Conformément aux dispositions de l'article 2 du décret n° 2004-1085 du 14 octobre 2004 visé en référence, la présente convention précise les obligations respectives des parties et les modalités d'exécution financières."),
      p('Elle précise également le montant alloué au projet et les imputations budgétaires et analytiques à renseigner dans CHORUS.'),
    ]),
    article(2, 'Obligations du délégant', [
      p("Le délégant s'engage à :"),
      ul(
        "respecter le manifeste du programme beta.gouv.fr pour l'émergence de services publics numériques, détaillée à l'annexe 1 ;",
        li("désigner pour le service visé par la présente convention un agent \"intrapreneur\" qui aura le rôle d'expert métiers dans l'équipe. En particulier, l'intrapreneur :", [
          li('est un agent qui connaît son administration et maîtrise son sujet ;'),
          li('a du temps à consacrer au produit ;'),
          li('a autorité pour prendre des décisions stratégiques et opérationnelles sur le service de manière indépendante, sans avoir à les faire valider par ses supérieurs hiérarchiques (notamment la validation des devis et des services faits pour les commandes passées dans le cadre du développement du service numérique à développer) ;'),
          li('possède les conditions matérielles nécessaires à un travail efficace dans un environnement numérique : ordinateur portable, accès à un internet "libre", télétravail autorisé (ou a minima toléré) ;'),
          li('est prêt à être accompagné et formé pour acquérir de nouvelles compétences en gestion de produit et méthodologies agiles et en management horizontal.'),
        ]),
        "organiser un comité d'investissement tous les six mois pour évaluer les résultats obtenus par chaque équipe incubée et pour déterminer la suite à donner. Ce comité d'investissement est présidé par le représentant du délégant.",
      ),
      p("Le délégant s'engage à fournir, en temps utile et notamment en fin de gestion, tous les éléments de prévision et de suivi budgétaire demandés par le délégataire. En particulier, les intrapreneurs fournissent à l'équipe de la DINUM en charge du programme beta.gouv.fr toutes les informations utiles à la passation des commandes et à la validation des services faits."),
      p('Dès la signature de la présente convention, le délégant :'),
      ul(
        "procède aux demandes de paramétrage d'habilitations de CHORUS auprès de l'agence pour l'informatique financière de l'État ;",
        `met à disposition les montants maximum suivants progressivement en autorisation d'engagement et crédits de paiements sur les UO ${UOS} selon l'échéancier prévisionnel et indicatif suivant et sur demande du délégataire :`,
      ),
      budgetTable(),
    ]),
    article(3, 'Obligations du délégataire', [
      p("La DINUM s'engage à :"),
      ul(
        li("intégrer l'équipe du service visé par la présente convention à la communauté beta.gouv.fr :", [
          li('mise en avant du service sur le site internet beta.gouv.fr ;'),
          li('relai des campagnes de recrutement sur les réseaux beta.gouv.fr (site internet, réseaux sociaux) ;'),
          li('communication plus globale sur le service ;'),
          li("invitation des membres de l'équipe aux \"clubs\" beta.gouv.fr (réseaux de partage d'expérience entre coachs, intrapreneurs ou chefs de produit, développeurs, designers, chargés de déploiement, etc) ;"),
          li("intégration des membres de l'équipe aux réflexions transverses (exemple : trajectoire RH des intrapreneurs, apprentissages sur les reprises par les DSI, etc) ;"),
          li("possibilité d'accueillir ponctuellement l'équipe dans les locaux de l'incubateur de la DINUM (échanges, revues de portefeuille, ateliers) ;"),
          li('possibilité de faire appel ponctuellement aux ressources transverses de beta.gouv.fr : experts juridiques, experts en matière de sécurité, de données, de design de service, etc ;'),
          li('mise en lien des différentes équipes entre elles pour favoriser le partage de bonnes pratiques ;'),
        ]),
      ),
      p("La DINUM utilise les supports contractuels à sa disposition pour accompagner, mettre en œuvre et garantir l'amélioration continue du service visé par la présente convention, au travers des prestations d'accompagnement, de coaching, de développement et le cas échéant de prestations complémentaires (ex : chargés de déploiement, expertise UX/UI, webdesigner). Les frais encourus sont déterminés en annexe 2."),
      p(`Dans l'utilisation de ces supports contractuels, le délégataire assure les actes de gestion permettant de consommer les AE et les CP, hors titre 2, des l'UO ${UOS} dans le respect des règles budgétaires et comptables.`),
      p('Le délégataire est chargé, dans le respect des règles de la commande publique en vigueur, de la passation, de la signature et de l\'exécution des marchés et conventions qui s\'avèrent nécessaires à la réalisation du projet.'),
      p("Il s'engage à renseigner dans le système d'information Chorus les imputations budgétaires indiquées dans le tableau récapitulatif ci-dessus en article 2."),
      p('Il adresse une copie du présent document au contrôleur budgétaire et comptable ministériel (CBCM) auprès des ministères économiques et financiers et au CBCM du Premier ministre.'),
    ]),
    article(4, 'Déroulement des travaux', [
      p(
        t('Les codes sources documentés seront publiés en '),
        i('open source'),
        t(", les bases de données, la documentation, les dossiers CNIL éventuels, les dossiers d'homologation RGS et tous les éléments permettant de poursuivre les partenariats engagés sur les développements existants ou à venir. Le code source étant ouvert, il sera à disposition de toutes les parties et pourra être utilisé dans le cadre de développements de nouveaux services numériques."),
      ),
      p('Les développements du service numérique sont effectués de manière à garantir au délégant, conformément aux orientations de la circulaire du Premier ministre 5608/SG du 19 septembre 2012 :'),
      ul(
        "La liberté d'utiliser le service pour tous usages ;",
        "La liberté d'en étudier le fonctionnement et de l'adapter à ses besoins ;",
        "La liberté d'en redistribuer des copies ;",
        "La possibilité de l'améliorer et de distribuer les améliorations au public.",
      ),
      p("Une vigilance particulière devra être accordée par l'ensemble des parties prenantes au respect des règles de protection des données à caractère personnel."),
      p("Les partenaires s'engagent à respecter les bonnes pratiques recommandées par la DINUM en matière de conception de services numériques, et notamment :"),
      ul(
        "dès la phase de construction, prévoir l'organisation d'ateliers d'analyses de risques en suivant la démarche recommandée par la DINUM et l'ANSSI ;",
        "être transparent sur l'impact des services développés en s'assurant que chaque équipe met en ligne une page /stats ouverte au public, avec les indicateurs clés d'impact ;",
        "pour les services nécessitant d'authentifier des usagers, prévoir l'intégration de France Connect ;",
        'pour les démarches en ligne, prévoir l\'intégration du bouton "Je Donne Mon Avis".',
      ),
    ]),
    article(5, 'Exécution financière de la délégation', [
      p("Le délégataire est chargé, en sa qualité de pouvoir adjudicateur, de la passation, de la signature et de l'exécution des actes juridiques (marchés publics, accords-cadres, conventions, etc.) nécessaires au développement des services numériques visées par la présente convention."),
      p(`Pour assurer ses missions, le délégataire se voit confier par le délégant la gestion de crédits rattachés à l'unité opérationnelle ${UOS}.`),
      p("Le délégant fournit en temps utile tous les éléments d'information dont le délégataire a besoin pour l'exercice de sa délégation, notamment les références d'imputation de la dépense et tout élément relatif à la certification du service fait."),
      accountingReferences(),
      p("Le délégataire est chargé de retranscrire les opérations de dépenses dans le système d'information financier de l'État CHORUS, en lien avec le centre de services partagés financiers des services du Premier ministre."),
      p('Le comptable assignataire de la dépense est le contrôleur budgétaire et comptable ministériel des services (CBCM) du Premier ministre. Une copie de la convention est transmise au CBCM des services du Premier ministre et au CBCM du délégant.'),
      p("Le délégataire s'engage à rendre compte au délégant, mensuellement ainsi qu'au terme de la convention, des dépenses réalisées et de l'avancement des travaux et à présenter à cette occasion les prévisions de commande et de consommation du budget."),
      p("La somme des crédits engagés par le délégataire ne pourra dépasser la limite du montant alloué par le délégant. En cas d'insuffisance des crédits, le délégataire informe le délégant sans délai. A défaut d'ajustement de la dotation, le délégataire suspend l'exécution de la délégation. Dans l'hypothèse où les crédits mis à disposition par le délégant ne seraient pas entièrement consommés par le délégataire, celui-ci s'engage à en informer le délégant dans les meilleurs délais."),
    ]),
    article(6, 'Modification du document', [
      p("Toute modification des conditions ou modalités d'exécution de la présente délégation, définie d'un commun accord entre les parties, fait l'objet d'un avenant de droit dont un exemplaire est transmis au contrôleur budgétaire et comptable ministériel du Premier ministre et au CBCM du délégant."),
    ]),
    article(7, 'Durée et résiliation de la convention', [
      p('La présente convention prend effet à la date de publication de la convention.'),
      // Unfinished in the signed original (« sur l'UO »): kept as signed.
      p("La période d'effet de la convention couvre l'engagement des dépenses, la réalisation des prestations et le paiement des dépenses effectuées dans le cadre de la délégation de gestion sur l'UO"),
      p("De plus, la durée d'exécution du ou des bon(s) de commande sur marchés, passé(s) dans le cadre de cette convention, devra être conforme aux règles édictées dans le marché utilisé."),
      p("La DINUM se réserve le droit de mettre fin totalement ou partiellement à l'accompagnement d'une équipe et à son intégration au sein de la communauté beta.gouv.fr (mise en avant sur le site internet beta.gouv.fr, accompagnement opérationnel et stratégique, etc) dès lors qu'elle constate un manquement aux engagements cités à l'article 2 et notamment aux principes détaillés dans le manifeste (annexe 1)."),
      p("Conformément à l'article 5 du décret 2004-1085 du 14 octobre 2004 visé en référence, il peut être mis fin à tout moment à la délégation de gestion par l'une des parties, sous réserve du respect d'un préavis de trois mois."),
      p('La résiliation de la convention entraîne de plein droit la résiliation des services associés.'),
    ]),
    article(8, 'Publication de la délégation', [
      p("La présente convention sera publiée selon les modalités propres de chaque département ministériel concerné, conformément à l'article 2 du décret n°2004-1085 du 14 octobre 2004. Elle sera notamment publiée par la Direction des services administratifs et financiers du Premier ministre sur l'intranet Matignon Infos Services (https://intranet.spm.rie.gouv.fr) et par le délégataire sur data.gouv.fr."),
    ]),
  ];
}
