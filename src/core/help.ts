/** The help dialog's text: what each menu item does, in the order staff use them. */
export const HELP_HTML = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Pilotage CUCS — aide</title><style>
body{font:14px/1.5 Arial,sans-serif;color:#202124;margin:0 8px}h2{font-size:16px;margin:12px 0 4px}
li{margin:4px 0}code{background:#f1f3f4;padding:0 3px}</style></head><body>
<h2>Pilotage CUCS</h2>
<p>Le classeur réunit tout le contrat : une feuille d’actions par domaine d’intervention, le Référentiel,
les Territoires, les Financeurs, les Indicateurs et leurs Mesures, et un Journal des modifications.</p>
<ol>
<li><b>Installer ou mettre à jour le classeur</b> : la première fois, choisissez le modèle du contrat
(CUCS, contrat de ville 2015–2023, Quartiers 2030)\u00a0; ensuite, crée les feuilles manquantes (celle d’un
domaine ajouté au Référentiel), rétablit les en-têtes, ajoute les colonnes et les listes déroulantes.
Relancez-le sans crainte : il ne supprime ni ne déplace aucune donnée, et garde vos colonnes et vos libellés.</li>
<li><b>Saisir ou modifier</b> : le panneau latéral pour créer ou modifier une action, noter les avancées
et les freins de l’année, saisir la valeur d’un indicateur, ou noter une décision du comité et sa suite.</li>
<li><b>Valider les données</b> : vérifie chaque ligne et liste les problèmes dans la feuille Contrôles,
avec un lien vers chaque cellule.</li>
<li><b>Générer le rapport</b> : produit le rapport annuel consolidé (Google Docs) pour le comité de pilotage.</li>
<li><b>Clôturer l’année</b> : après le comité, arrête les chiffres de l’année (feuille Clôtures) ; son
rapport les reprend et toute modification de ses valeurs est signalée. <b>Rouvrir une année clôturée</b>
la rouvre, avec un motif noté au Journal.</li>
<li><b>Importer des données d’observation</b> : lit un fichier .csv ou .xlsx de l’INSEE, de la CAF… choisi sur votre
ordinateur, montre ce qui sera créé, remplacé et ignoré, puis met à jour la feuille Mesures.</li>
<li><b>Vérifier l’environnement</b> : contrôle le fuseau horaire, les paramètres régionaux, les dates et
les textes écrits puis relus, les verrous et les feuilles du module ; le résumé se copie pour le support.
À lancer une fois après l’installation.</li>
</ol>
<p>Vous pouvez aussi saisir directement dans les feuilles : laissez l’ID vide, il sera attribué.
Les codes (objectif, ligne d’action, axes, territoires) sont ceux du Référentiel et des Territoires ;
plusieurs territoires se séparent par « ; ».</p>
</body></html>`;
