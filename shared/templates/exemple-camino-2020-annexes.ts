import type { Annex } from '../model/convention';
import { b, h, i, li, p, t, ul } from './blocks';

/** Annexes 1 and 2 of the seed convention, word for word (its emphasis kept). */
export function caminoAnnexes(prefix: string): Annex[] {
  const partner = p(i('En tant que partenaire :'));
  const pledge = (text: string) => li(i(text));
  return [
    {
      id: `${prefix}/annex/1`,
      title: 'le manifeste beta.gouv.fr',
      body: [
        p(
          b('1. Les besoins des utilisateurs sont prioritaires.'),
          t(" Que ce soient des usagers (citoyens, entreprises, associations, etc) ou des agents publics, l'objectif premier est de construire un service utile et facile à utiliser et qui contribue à la mise en oeuvre d'une politique publique de manière mesurable. La feuille de route opérationnelle est donc guidée par les besoins des utilisateurs finaux."),
        ),
        partner,
        ul(
          pledge("Je m'engage à attendre ne pas exiger de mise en ligne ou lancement de service avant la fin de la période d'investigation (6 mois) avant la mise en ligne d'une première version du produit."),
          pledge("J'accepte qu'une idée de solution imaginée au départ soit invalidée par le terrain et non retenue par l'équipe pour résoudre le problème identifié."),
          pledge("J'accepte que les besoins de reporting de mon administration ne constituent pas les priorités de l'équipe par rapport aux besoins des utilisateurs."),
        ),
        p(
          b("2. L'équipe travaille de manière incrémentale, sans suivre un cahier des charges, en se confrontant le plus rapidement possible à de premiers utilisateurs."),
          t(" Dans un premier temps, la nature et l'étendue des besoins à satisfaire ne sont pas déterminées avec précision. Cela induit des incertitudes et des risques qui sont plus forts que dans les projets habituels de la structure : incertitudes sur l'usage, sur l'impact, sur l'investissement nécessaire. L'équipe lance rapidement une première version du service de façon à tester son utilité et à l'ajuster selon les retours du terrain par des améliorations successives, appelées « itérations » ; le service conçu par l'équipe s'améliore en continu pour élargir progressivement le périmètre couvert et maximiser son impact."),
        ),
        partner,
        ul(
          pledge("Je m'engage à piloter l'équipe sur ses résultats d'impact (impact = résolution du problème de départ, objectivée par un indicateur de suivi) et non sur des livrables attendus."),
          pledge("Je m'engage à contribuer à la réflexion de l'équipe sur questionner le choix des indicateurs d'impact la mesure d'impact mise en place par l'équipe (choix des indicateurs et de la méthodologie) tout au long du développement de la solution."),
        ),
        p(
          b("3. Le mode de gestion de l'équipe repose sur la confiance."),
          t(" Une fois l'objectif d'impact déterminé, une autonomie maximale leur est accordée : l'équipe a toute latitude pour prendre les décisions nécessaires au succès du service et rendre compte auprès du sponsor ; elle a la main sur les décisions opérationnelles (recrutement, communication avec les utilisateurs, définition et priorisation des fonctionnalités, organisation interne, gestion du budget alloué). Les commanditaires veillent à n'imposer aucune des contraintes inhérentes à la structure (comitologie, reporting, communication, achat, standard technologique, hébergement) afin de garantir à l'équipe un espace de liberté pour innover. En contrepartie de cette autonomie, l'équipe assure une transparence maximale sur son travail : code source ouvert, mesure de l'impact publique, suivi du projet mené sur des outils collaboratifs partagés ou publics lorsque c'est possible, documentation systématique et facilement accessible, etc."),
        ),
        partner,
        ul(
          pledge("Je m'engage à donner à l'équipe une pleine autonomie sur ses choix de recrutement (choix des expertises et des profils)."),
          pledge("Je m'engage à donner à l'équipe une pleine autonomie sur le choix de ses outils de travail, y compris les solutions d'hébergement du produit ou les logiciels de travail collaboratif."),
          pledge("Je m'engage à donner à l'équipe une pleine autonomie sur le choix de sa stratégie de développement de l'outil et sur la priorisation de ses travaux."),
          pledge("Je m'engage à protéger le temps de travail effectif de l'équipe en limitant les réunions de suivi ou reporting aux rituels ou échéances prévues par la convention."),
        ),
      ],
    },
    {
      id: `${prefix}/annex/2`,
      title: 'détermination des frais encourus',
      body: [
        p("Le financement consenti par les partenaires sera exclusivement utilisé pour financer les dépenses de tout ordre directement liées à la construction de services numériques suivant la démarche préconisée par beta.gouv.fr (« approche Startup d'État). Ces dépenses seront engagées notamment dans le cadre de deux marchés publics de la DINUM (marché Coaching et marché Développement / déploiement / design / hébergement)."),
        h(b('Devops')),
        p('Cette prestation recouvre notamment :'),
        ul(
          "conception et l'amélioration continue d'un service numérique sur l'ensemble de la stack (ops, configuration serveur, front et back end, interface utilisateur...);",
          "interaction régulière avec des utilisateurs afin de comprendre au mieux leurs besoins (participation aux tests utilisateurs, prise en charge d'une partie du support utilisateur...);",
          'conception et la mise en place systématiques de tests automatisés pour assurer la qualité et la non-régression du service ;',
          'développement et la mise à jour de scripts de déploiements automatisés ;',
          "outillage de la croissance du service, notamment par le désendettement technique de l'application et la prise en compte itérative des mesures de sécurité nécessaires ;",
          'rédaction et la mise à jour de la documentation nécessaire.',
        ),
        h(b('Design')),
        p('Cette prestation recouvre notamment :'),
        ul(
          'recherche utilisateur ;',
          "conception d'expériences utilisateurs en fonction de l'observation de leurs besoins ;",
          "conception d'interfaces qui reflètent ces apprentissages et optimisent le niveau de satisfaction des utilisateurs.",
        ),
        h(b('Déploiement')),
        p('Cette prestation recouvre notamment :'),
        ul(
          "mise en oeuvre d'une stratégie de croissance du service, s'appuyant sur des leviers organiques de la diffusion du service ;",
          "suivi continu des métriques d'usage ;",
          "animation d'une communauté de partenaires engagés dans le déploiement du service ;",
          'amélioration continue du support utilisateur ;',
          "toute activité visant à améliorer le tunnel de conversion du service, notamment sur les volets juridiques. L'apprentissage consolidé au contact des utilisateurs sera utilisé dans le cadre de la priorisation de l'amélioration continue du service.",
        ),
        h(b('Coaching')),
        p('Le coach a pour missions de :'),
        ul(
          'sécuriser la mobilisation de profils adéquats au sein de l\'équipe ;',
          "aider l'équipe dans sa prise de fonction et sa progression en visant l'autonomie ;",
          "accompagner l'équipe dans la définition de la proposition de valeur de leur service et d'une vision cible ;",
          'accompagner les équipes dans leur décisions et la priorisation de leurs tâches ;',
          "accompagner l'amélioration continue du service ;",
          "s'assurer de la prise en compte des attentes des utilisateurs, des partenaires et de l'administration ;",
          "accompagner l'équipe dans la définition d'indicateurs de suivi et de mesure d'impact compatibles avec les pratiques agiles ;",
          'rappeler les bonnes pratiques agiles et lean startup ;',
          "faciliter la communication entre l'administration et l'équipe ;",
          "s'assurer de la bonne orientation et de la faisabilité des services ;",
          "s'assurer de la mobilisation des compétences des autres ressources et compétences qui peuvent être disponibles au sein de l'organisme public, autant que nécessaire.",
        ),
      ],
    },
  ];
}
