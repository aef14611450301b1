// The console's own words in Dutch, French and English. Request types and statuses come from the
// request room's vocabulary (the same words the person reads), so staff and person name things alike.
import type { Language } from '../../../policy/schema.ts'

export interface ConsoleTexts {
  readonly console: string
  readonly nav: { readonly home: string; readonly requests: string }
  readonly signOut: string
  readonly skip: string
  readonly languageLabel: string
  readonly inbox: {
    readonly title: string
    readonly intro: string
    readonly filters: string
    readonly type: string
    readonly status: string
    readonly any: string
    readonly overdueOnly: string
    readonly dueBefore: string
    readonly apply: string
    readonly caption: (n: number) => string
    readonly received: string
    readonly due: string
    readonly flags: string
    readonly open: string
    readonly empty: string
    readonly flag: { readonly overdue: string; readonly paused: string; readonly repeated: string; readonly pushPending: string; readonly routed: string }
  }
  readonly request: {
    readonly title: (shortId: string) => string
    readonly back: string
    readonly facts: string
    readonly channel: string
    readonly language: string
    readonly verification: string
    readonly verifiedBy: (method: string, by: string | null, at: string) => string
    readonly notVerified: string
    readonly people: string
    readonly noPeople: string
    readonly requester: string
    readonly requesterNote: string
    readonly email: string
    readonly words: string
    readonly pushTo: string
    readonly forgotten: string
    readonly timeline: string
    readonly when: string
    readonly from: string
    readonly to: string
    readonly action: string
    readonly by: string
    readonly actions: string
    readonly closedNote: string
    readonly done: string
  }
  readonly act: {
    readonly verify: { readonly title: string; readonly method: string; readonly submit: string }
    readonly doubt: { readonly title: string; readonly hint: string; readonly reason: string; readonly means: string; readonly submit: string }
    readonly extend: { readonly title: string; readonly months: string; readonly reason: string; readonly hint: string; readonly submit: string }
    readonly announce: { readonly title: string; readonly kind: string; readonly fee: string; readonly refusal: string; readonly amount: string; readonly justification: string; readonly hint: string; readonly submit: string }
    readonly refuse: { readonly title: string; readonly hint: string; readonly submit: string }
    readonly rectify: { readonly title: string; readonly person: string; readonly category: string; readonly value: string; readonly hint: string; readonly submit: string }
    readonly objection: { readonly title: string; readonly purpose: string; readonly upheld: string; readonly rejected: string; readonly grounds: string; readonly hint: string; readonly submit: string }
    readonly liftNotice: { readonly title: string; readonly liftOn: string; readonly submit: string }
    readonly lift: { readonly title: string; readonly hint: string; readonly submit: string }
    readonly push: { readonly title: string; readonly hint: string; readonly submit: string }
    readonly close: { readonly title: string; readonly answered: string; readonly noData: string; readonly submit: string }
  }
  readonly doubtReasons: Readonly<Record<string, string>>
  readonly verificationMeans: Readonly<Record<string, string>>
  readonly errors: { readonly notAllowed: string; readonly notFound: string; readonly badForm: (what: string) => string }
  readonly yes: string
  readonly no: string
}

export const CONSOLE_TEXTS: Readonly<Record<Language, ConsoleTexts>> = {
  nl: {
    console: 'Privacyconsole',
    nav: { home: 'Start', requests: 'Verzoeken' },
    signOut: 'Afmelden',
    skip: 'Naar de inhoud',
    languageLabel: 'Taal',
    inbox: {
      title: 'Verzoeken van betrokkenen',
      intro: 'Elk verzoek met zijn wettelijke termijn. De vroegste termijn staat bovenaan.',
      filters: 'Filters',
      type: 'Soort',
      status: 'Stand',
      any: 'Alle',
      overdueOnly: 'Alleen te laat',
      dueBefore: 'Termijn vóór',
      apply: 'Filteren',
      caption: (n) => (n === 1 ? '1 verzoek' : `${n} verzoeken`),
      received: 'Ontvangen',
      due: 'Termijn',
      flags: 'Let op',
      open: 'Openen',
      empty: 'Geen verzoeken die aan deze filters voldoen.',
      flag: { overdue: 'te laat', paused: 'gepauzeerd', repeated: 'herhaald', pushPending: 'overdracht wacht', routed: 'doorgestuurd naar klant' },
    },
    request: {
      title: (id) => `Verzoek ${id}`,
      back: 'Terug naar de verzoeken',
      facts: 'Gegevens van het verzoek',
      channel: 'Kanaal',
      language: 'Taal van de betrokkene',
      verification: 'Verificatie',
      verifiedBy: (method, by, at) => `geverifieerd (${method})${by ? ` door ${by}` : ''} op ${at}`,
      notVerified: 'nog niet geverifieerd',
      people: 'Gevonden personen',
      noPeople: 'nog niemand gevonden',
      requester: 'Verzoeker',
      requesterNote: 'Het adres en de woorden van de verzoeker: het openen van deze pagina is in het auditlogboek vastgelegd.',
      email: 'E-mailadres',
      words: 'Wat de persoon schreef',
      pushTo: 'Overdracht naar',
      forgotten: 'vergeten na het afsluiten (bewaartermijn verstreken)',
      timeline: 'Tijdlijn',
      when: 'Wanneer',
      from: 'Van',
      to: 'Naar',
      action: 'Handeling',
      by: 'Door',
      actions: 'Handelingen',
      closedNote: 'Dit verzoek is afgesloten: er zijn geen handelingen meer mogelijk.',
      done: 'Opgeslagen en in het auditlogboek vastgelegd.',
    },
    act: {
      verify: { title: 'Handmatig geverifieerd', method: 'Hoe', submit: 'Als geverifieerd vastleggen' },
      doubt: { title: 'Redelijke twijfel vastleggen en om informatie vragen', hint: 'De termijn staat stil tot de persoon antwoordt. Vraag eerst het minst ingrijpende middel.', reason: 'Reden', means: 'Gevraagd middel', submit: 'Twijfel vastleggen' },
      extend: { title: 'Termijn verlengen', months: 'Maanden', reason: 'Reden (wordt naar de persoon gestuurd)', hint: 'Alleen vóór de eerste termijn, met 1 of 2 maanden (art. 12(3) AVG).', submit: 'Verlengen' },
      announce: { title: 'Vergoeding of weigering aankondigen', kind: 'Wat', fee: 'Redelijke vergoeding', refusal: 'Weigering', amount: 'Bedrag in euro (alleen bij een vergoeding)', justification: 'Motivering (wordt naar de persoon gestuurd)', hint: 'Alleen bij een kennelijk ongegrond of buitensporig verzoek (art. 12(5) AVG).', submit: 'Aankondigen' },
      refuse: { title: 'Weigeren', hint: 'Na de aankondiging. De persoon krijgt de reden en het recht om klacht in te dienen bij de GBA.', submit: 'Weigeren' },
      rectify: { title: 'Gegevens rechtzetten', person: 'Persoon', category: 'Categorie', value: 'Juiste waarde', hint: 'Schrijf de waarde die de persoon vroeg; ontvangers krijgen bericht (art. 19 AVG).', submit: 'Rechtzetten' },
      objection: { title: 'Over een bezwaar beslissen', purpose: 'Doeleinde', upheld: 'Bezwaar aanvaard: de verwerking stopt', rejected: 'Afgewezen op dwingende gerechtvaardigde gronden', grounds: 'Gronden (verplicht bij afwijzing)', hint: 'Bij afwijzing krijgt de persoon de gronden en het recht om klacht in te dienen.', submit: 'Beslissen' },
      liftNotice: { title: 'Melden dat de beperking wordt opgeheven', liftOn: 'Opheffen op', submit: 'Melding sturen' },
      lift: { title: 'Beperking opheffen', hint: 'Pas nadat de persoon het bericht heeft gekregen (art. 18(3) AVG).', submit: 'Opheffen' },
      push: { title: 'Overdracht bevestigen', hint: 'De gegevens gaan naar de verwerkingsverantwoordelijke die de persoon koos.', submit: 'Overdracht bevestigen' },
      close: { title: 'Afsluiten', answered: 'Beantwoord buiten Pledge', noData: 'Geen gegevens van deze persoon', submit: 'Afsluiten' },
    },
    doubtReasons: {
      address_not_on_record: 'het adres staat niet in onze gegevens',
      details_mismatch: 'de gegevens komen niet overeen',
      third_party_request: 'verzoek door een derde',
      high_risk_data: 'gegevens met een hoog risico',
      representative_without_mandate: 'vertegenwoordiger zonder volmacht',
    },
    verificationMeans: { known_data_question: 'vraag over gekende gegevens', eid_name_only: 'eID (alleen de naam)', id_document: 'identiteitsdocument (alleen als laatste middel)' },
    errors: {
      notAllowed: 'Uw rollen geven geen toegang tot de verzoeken van betrokkenen. Vraag de functionaris voor gegevensbescherming om de rol die dat doeleinde bevat.',
      notFound: 'Dit verzoek bestaat niet.',
      badForm: (what) => `Het formulier is niet volledig ingevuld: ${what}.`,
    },
    yes: 'ja',
    no: 'nee',
  },
  fr: {
    console: 'Console vie privée',
    nav: { home: 'Accueil', requests: 'Demandes' },
    signOut: 'Se déconnecter',
    skip: 'Aller au contenu',
    languageLabel: 'Langue',
    inbox: {
      title: 'Demandes des personnes concernées',
      intro: 'Chaque demande avec son délai légal. Le délai le plus proche figure en premier.',
      filters: 'Filtres',
      type: 'Type',
      status: 'État',
      any: 'Tous',
      overdueOnly: 'En retard uniquement',
      dueBefore: 'Délai avant le',
      apply: 'Filtrer',
      caption: (n) => (n === 1 ? '1 demande' : `${n} demandes`),
      received: 'Reçue',
      due: 'Délai',
      flags: 'Attention',
      open: 'Ouvrir',
      empty: 'Aucune demande ne correspond à ces filtres.',
      flag: { overdue: 'en retard', paused: 'suspendue', repeated: 'répétée', pushPending: 'transfert en attente', routed: 'transmise au client' },
    },
    request: {
      title: (id) => `Demande ${id}`,
      back: 'Retour aux demandes',
      facts: 'Données de la demande',
      channel: 'Canal',
      language: 'Langue de la personne',
      verification: 'Vérification',
      verifiedBy: (method, by, at) => `vérifiée (${method})${by ? ` par ${by}` : ''} le ${at}`,
      notVerified: 'pas encore vérifiée',
      people: 'Personnes trouvées',
      noPeople: 'personne pour le moment',
      requester: 'Demandeur',
      requesterNote: "L'adresse et les mots du demandeur : l'ouverture de cette page est consignée dans le journal d'audit.",
      email: 'Adresse e-mail',
      words: 'Ce que la personne a écrit',
      pushTo: 'Transfert vers',
      forgotten: 'oubliés après la clôture (durée de conservation écoulée)',
      timeline: 'Chronologie',
      when: 'Quand',
      from: 'De',
      to: 'Vers',
      action: 'Action',
      by: 'Par',
      actions: 'Actions',
      closedNote: "Cette demande est clôturée : plus aucune action n'est possible.",
      done: "Enregistré et consigné dans le journal d'audit.",
    },
    act: {
      verify: { title: 'Vérifiée manuellement', method: 'Comment', submit: 'Enregistrer comme vérifiée' },
      doubt: { title: 'Consigner un doute raisonnable et demander des informations', hint: 'Le délai est suspendu jusqu’à la réponse de la personne. Demandez d’abord le moyen le moins intrusif.', reason: 'Motif', means: 'Moyen demandé', submit: 'Consigner le doute' },
      extend: { title: 'Prolonger le délai', months: 'Mois', reason: 'Motif (envoyé à la personne)', hint: 'Uniquement avant le premier délai, de 1 ou 2 mois (art. 12(3) RGPD).', submit: 'Prolonger' },
      announce: { title: 'Annoncer des frais ou un refus', kind: 'Quoi', fee: 'Frais raisonnables', refusal: 'Refus', amount: 'Montant en euros (frais uniquement)', justification: 'Motivation (envoyée à la personne)', hint: 'Uniquement pour une demande manifestement infondée ou excessive (art. 12(5) RGPD).', submit: 'Annoncer' },
      refuse: { title: 'Refuser', hint: "Après l'annonce. La personne reçoit le motif et le droit d'introduire une plainte auprès de l'APD.", submit: 'Refuser' },
      rectify: { title: 'Rectifier des données', person: 'Personne', category: 'Catégorie', value: 'Valeur correcte', hint: 'Écrivez la valeur demandée par la personne ; les destinataires sont informés (art. 19 RGPD).', submit: 'Rectifier' },
      objection: { title: 'Décider d’une opposition', purpose: 'Finalité', upheld: 'Opposition acceptée : le traitement cesse', rejected: 'Rejetée pour des motifs légitimes impérieux', grounds: 'Motifs (obligatoires en cas de rejet)', hint: "En cas de rejet, la personne reçoit les motifs et le droit d'introduire une plainte.", submit: 'Décider' },
      liftNotice: { title: 'Annoncer la levée de la limitation', liftOn: 'Lever le', submit: "Envoyer l'annonce" },
      lift: { title: 'Lever la limitation', hint: 'Seulement après que la personne a reçu l’annonce (art. 18(3) RGPD).', submit: 'Lever' },
      push: { title: 'Confirmer le transfert', hint: 'Les données vont au responsable du traitement choisi par la personne.', submit: 'Confirmer le transfert' },
      close: { title: 'Clôturer', answered: 'Répondu en dehors de Pledge', noData: 'Aucune donnée de cette personne', submit: 'Clôturer' },
    },
    doubtReasons: {
      address_not_on_record: "l'adresse ne figure pas dans nos données",
      details_mismatch: 'les données ne correspondent pas',
      third_party_request: "demande d'un tiers",
      high_risk_data: 'données à haut risque',
      representative_without_mandate: 'représentant sans mandat',
    },
    verificationMeans: { known_data_question: 'question sur des données connues', eid_name_only: 'eID (le nom uniquement)', id_document: "document d'identité (en dernier recours)" },
    errors: {
      notAllowed: "Vos rôles ne donnent pas accès aux demandes des personnes concernées. Demandez au délégué à la protection des données le rôle qui comprend cette finalité.",
      notFound: "Cette demande n'existe pas.",
      badForm: (what) => `Le formulaire n'est pas complet : ${what}.`,
    },
    yes: 'oui',
    no: 'non',
  },
  en: {
    console: 'Privacy console',
    nav: { home: 'Home', requests: 'Requests' },
    signOut: 'Sign out',
    skip: 'Skip to the content',
    languageLabel: 'Language',
    inbox: {
      title: 'Data-subject requests',
      intro: 'Every request with its legal deadline. The earliest deadline comes first.',
      filters: 'Filters',
      type: 'Type',
      status: 'State',
      any: 'Any',
      overdueOnly: 'Overdue only',
      dueBefore: 'Due before',
      apply: 'Filter',
      caption: (n) => (n === 1 ? '1 request' : `${n} requests`),
      received: 'Received',
      due: 'Due',
      flags: 'Attention',
      open: 'Open',
      empty: 'No request matches these filters.',
      flag: { overdue: 'overdue', paused: 'paused', repeated: 'repeated', pushPending: 'push waiting', routed: 'routed to the customer' },
    },
    request: {
      title: (id) => `Request ${id}`,
      back: 'Back to the requests',
      facts: 'The request',
      channel: 'Channel',
      language: "The person's language",
      verification: 'Verification',
      verifiedBy: (method, by, at) => `verified (${method})${by ? ` by ${by}` : ''} on ${at}`,
      notVerified: 'not verified yet',
      people: 'People matched',
      noPeople: 'nobody yet',
      requester: 'Requester',
      requesterNote: "The requester's address and words: opening this page is recorded in the audit log.",
      email: 'E-mail address',
      words: 'What the person wrote',
      pushTo: 'Push to',
      forgotten: 'forgotten after closing (retention period over)',
      timeline: 'Timeline',
      when: 'When',
      from: 'From',
      to: 'To',
      action: 'Action',
      by: 'By',
      actions: 'Actions',
      closedNote: 'This request is closed: no further action is possible.',
      done: 'Saved and recorded in the audit log.',
    },
    act: {
      verify: { title: 'Verified manually', method: 'How', submit: 'Record as verified' },
      doubt: { title: 'Record a reasonable doubt and ask for information', hint: 'The clock stops until the person answers. Ask for the least intrusive means first.', reason: 'Reason', means: 'Means asked for', submit: 'Record the doubt' },
      extend: { title: 'Extend the deadline', months: 'Months', reason: 'Reason (sent to the person)', hint: 'Only before the first deadline, by 1 or 2 months (Art. 12(3) GDPR).', submit: 'Extend' },
      announce: { title: 'Announce a fee or a refusal', kind: 'What', fee: 'A reasonable fee', refusal: 'A refusal', amount: 'Amount in euros (a fee only)', justification: 'Justification (sent to the person)', hint: 'Only for a manifestly unfounded or excessive request (Art. 12(5) GDPR).', submit: 'Announce' },
      refuse: { title: 'Refuse', hint: 'After the announcement. The person is told why and of the right to complain to the GBA.', submit: 'Refuse' },
      rectify: { title: 'Rectify data', person: 'Person', category: 'Category', value: 'Correct value', hint: 'Write the value the person asked for; recipients are told (Art. 19 GDPR).', submit: 'Rectify' },
      objection: { title: 'Decide an objection', purpose: 'Purpose', upheld: 'Objection upheld: the processing stops', rejected: 'Rejected on compelling legitimate grounds', grounds: 'Grounds (required to reject)', hint: 'When rejected, the person is told the grounds and of the right to complain.', submit: 'Decide' },
      liftNotice: { title: 'Tell the person the restriction will be lifted', liftOn: 'Lift on', submit: 'Send the notice' },
      lift: { title: 'Lift the restriction', hint: 'Only after the person has had the notice (Art. 18(3) GDPR).', submit: 'Lift' },
      push: { title: 'Confirm the push', hint: 'The data go to the controller the person chose.', submit: 'Confirm the push' },
      close: { title: 'Close', answered: 'Answered outside Pledge', noData: 'No data of this person', submit: 'Close' },
    },
    doubtReasons: {
      address_not_on_record: 'the address is not on record',
      details_mismatch: 'the details do not match',
      third_party_request: 'a request by a third party',
      high_risk_data: 'high-risk data',
      representative_without_mandate: 'a representative without a mandate',
    },
    verificationMeans: { known_data_question: 'a question on data we hold', eid_name_only: 'eID (the name only)', id_document: 'an identity document (last resort only)' },
    errors: {
      notAllowed: "Your roles give no access to data-subject requests. Ask the data protection officer for the role that holds that purpose.",
      notFound: 'This request does not exist.',
      badForm: (what) => `The form is not complete: ${what}.`,
    },
    yes: 'yes',
    no: 'no',
  },
}
