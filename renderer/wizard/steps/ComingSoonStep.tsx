/** Steps 12 and 13 while the signing channels are not in this build: said plainly, nothing faked. */
export function ComingSoonStep({ what }: { what: string }) {
  return (
    <div className="fr-callout">
      <h3 className="fr-callout__title">Bientôt disponible</h3>
      <p className="fr-callout__text">
        {what} n’est pas encore disponible dans cette version de Paraphe. La convention finalisée est enregistrée : vous pourrez la
        signer dès que cette étape sera livrée.
      </p>
    </div>
  );
}
