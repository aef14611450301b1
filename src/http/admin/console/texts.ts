// The console's own words in Dutch, French and English. Request types and statuses come from the
// request room's vocabulary (the same words the person reads), so staff and person name things alike.
import type { Language } from '../../../policy/schema.ts'

export interface ConsoleTexts {
  readonly console: string
  readonly nav: { readonly home: string; readonly dashboard: string; readonly requests: string; readonly people: string; readonly contact: string; readonly audit: string; readonly policy: string; readonly processors: string; readonly exports: string; readonly staff: string; readonly complaints: string; readonly breaches: string; readonly dpia: string }
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
    readonly customer: string
    readonly ownRequests: string
    readonly routedTo: (tenant: string) => string
    readonly ownCustomer: string
    readonly customerHandles: string
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
    readonly pushCountry: string
    readonly pushRisksAccepted: (date: string) => string
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
  readonly people: {
    readonly title: string
    readonly intro: string
    readonly purpose: string
    readonly kind: string
    readonly email: string
    readonly phone: string
    readonly value: string
    readonly search: string
    readonly found: (n: number) => string
    readonly none: string
    readonly type: string
    readonly open: string
    readonly noPurposes: string
    readonly personTitle: (shortId: string) => string
    readonly under: (purpose: string) => string
    readonly data: string
    readonly category: string
    readonly valueCol: string
    readonly withheld: string
    readonly noData: string
    readonly consents: string
    readonly consentCurrent: string
    readonly given: string
    readonly withdrawn: string
    readonly at: string
    readonly channel: string
    readonly version: string
    readonly noConsents: string
    readonly otherPurpose: string
    readonly notAllowed: string
    readonly notFound: string
    readonly badSearch: string
    readonly holdsLink: string
    readonly events: string
    readonly eventsIntro: string
    readonly event: string
    readonly noEvents: string
    readonly disclosures: string
    readonly disclosuresIntro: (purpose: string) => string
    readonly recipient: string
    readonly disclosedCategories: string
    readonly noDisclosures: string
    readonly holdsTitle: (shortId: string) => string
    readonly holdsIntro: string
    readonly holdsNone: string
    readonly holdsNotAllowed: string
    readonly holdPurpose: string
    readonly holdCategories: string
    readonly holdReason: string
    readonly holdReview: string
    readonly holdPlaced: string
    readonly holdState: string
    readonly holdActive: string
    readonly holdReleased: (at: string) => string
    readonly back: string
  }
  readonly audit: {
    readonly title: string
    readonly intro: string
    readonly filters: string
    readonly actor: string
    readonly subject: string
    readonly purpose: string
    readonly action: string
    readonly actionHint: string
    readonly from: string
    readonly to: string
    readonly apply: string
    readonly caption: (n: number, limit: number) => string
    readonly seq: string
    readonly at: string
    readonly decision: string
    readonly categories: string
    readonly reason: string
    readonly empty: string
    readonly older: string
    readonly verify: string
    readonly verifyHint: string
    readonly intact: string
    readonly tampered: string
    readonly notAllowed: string
    readonly badFilter: string
  }
  readonly doubtReasons: Readonly<Record<string, string>>
  readonly verificationMeans: Readonly<Record<string, string>>
  readonly errors: { readonly notAllowed: string; readonly notFound: string; readonly badForm: (what: string) => string }
  /** A staff decision the request rules refuse, by its code; English keeps the rule's own sentence. */
  readonly refusals?: Readonly<Partial<Record<string, string>>>
  readonly yes: string
  readonly no: string
}

export const CONSOLE_TEXTS: Readonly<Record<Language, ConsoleTexts>> = {
  nl: {
    console: 'Privacyconsole',
    nav: { home: 'Start', dashboard: 'Overzicht', requests: 'Verzoeken', people: 'Personen', contact: 'Contactberichten', audit: 'Auditlogboek', policy: 'Beleid', processors: 'Verwerkers', exports: 'Exports', staff: 'Medewerkers en sleutels', complaints: 'Klachten', breaches: 'Datalekken', dpia: 'GEB en belangenafwegingen' },
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
      customer: 'Klant',
      ownRequests: 'Onze eigen verzoeken',
      routedTo: (c) => `Doorgestuurd naar klant ${c}`,
      ownCustomer: '— (eigen)',
      customerHandles: 'de klant behandelt dit verzoek',
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
      pushCountry: 'Land van de ontvanger',
      pushRisksAccepted: (d) => `risico's aanvaard op ${d} (art. 49, lid 1, a), AVG)`,
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
    people: {
      title: 'Personen',
      intro: 'Zoek een persoon op e-mailadres of telefoonnummer, onder een doeleinde dat uw rollen bevatten. U ziet alleen de personen en de gegevens die dat doeleinde mag gebruiken; elke zoekopdracht en elke inzage staat in het auditlogboek.',
      purpose: 'Doeleinde',
      kind: 'Zoeken op',
      email: 'e-mailadres',
      phone: 'telefoonnummer',
      value: 'Waarde',
      search: 'Zoeken',
      found: (n) => (n === 1 ? '1 persoon gevonden' : `${n} personen gevonden`),
      none: 'Niemand gevonden onder dit doeleinde.',
      type: 'Soort',
      open: 'Openen',
      noPurposes: 'Uw rollen bevatten geen doeleinde dat persoonsgegevens opent.',
      personTitle: (id) => `Persoon ${id}`,
      under: (purpose) => `Geopend onder het doeleinde: ${purpose}`,
      data: 'Gegevens',
      category: 'Categorie',
      valueCol: 'Waarde',
      withheld: 'Niet getoond (dit doeleinde mag ze niet gebruiken)',
      noData: 'Geen gegevens onder dit doeleinde.',
      consents: 'Toestemmingen',
      consentCurrent: 'Nu',
      given: 'gegeven',
      withdrawn: 'ingetrokken',
      at: 'Wanneer (UTC)',
      channel: 'Kanaal',
      version: 'Versie verklaring',
      noConsents: 'Geen toestemmingen vastgelegd.',
      otherPurpose: 'Onder een ander doeleinde openen',
      notAllowed: 'Dit doeleinde hoort niet bij uw rollen, of dekt deze persoon niet.',
      notFound: 'Geen persoon met deze id onder dit doeleinde.',
      badSearch: 'Kies een doeleinde en geef een e-mailadres of telefoonnummer.',
      holdsLink: 'Bewaring voor rechtsvorderingen (legal holds)',
      events: 'Levensloop',
      eventsIntro: 'De gebeurtenissen die de bewaartermijnen doen lopen, oudste eerst.',
      event: 'Gebeurtenis',
      noEvents: 'Er is geen gebeurtenis geregistreerd.',
      disclosures: 'Verstrekkingen',
      disclosuresIntro: (purpose) => `Aan wie gegevens van deze persoon zijn verstrekt onder ${purpose}, met alleen de categorieën die dat doeleinde gebruikt.`,
      recipient: 'Ontvanger',
      disclosedCategories: 'Categorieën',
      noDisclosures: 'Onder dit doeleinde is niets aan een ontvanger verstrekt.',
      holdsTitle: (id) => `Bewaringen voor persoon ${id}`,
      holdsIntro: 'Gegevens die bewaard blijven voor een rechtsvordering (art. 17(3)(e) AVG), alleen te gebruiken voor dat doeleinde. Het openen van deze lijst staat in het auditlogboek.',
      holdsNone: 'Er is geen bewaring voor deze persoon.',
      holdsNotAllowed: 'Uw rollen bevatten geen doeleinde voor rechtsvorderingen voor deze persoon.',
      holdPurpose: 'Doeleinde',
      holdCategories: 'Categorieën',
      holdReason: 'Reden',
      holdReview: 'Herzien op',
      holdPlaced: 'Geplaatst',
      holdState: 'Stand',
      holdActive: 'actief',
      holdReleased: (at) => `opgeheven op ${at}`,
      back: 'Terug naar de persoon',
    },
    audit: {
      title: 'Auditlogboek',
      intro: 'Elke beslissing van de poort en elke handeling van medewerkers, diensten en Pledge zelf, met identificatoren en codes, nooit persoonsgegevens. Ook wie dit logboek leest, wordt erin vastgelegd.',
      filters: 'Filters',
      actor: 'Actor (bv. staff:… of key:…)',
      subject: 'Id van de betrokkene',
      purpose: 'Doeleinde',
      action: 'Handeling',
      actionHint: 'een handeling, of een familie met .* (bv. request.*)',
      from: 'Vanaf (UTC)',
      to: 'Tot en met (UTC)',
      apply: 'Filteren',
      caption: (n, limit) => (n >= limit ? `de ${limit} nieuwste vermeldingen` : n === 1 ? '1 vermelding' : `${n} vermeldingen`),
      seq: 'Nr.',
      at: 'Tijdstip (UTC)',
      decision: 'Beslissing',
      categories: 'Categorieën',
      reason: 'Reden',
      empty: 'Geen vermeldingen die aan deze filters voldoen.',
      older: 'Oudere vermeldingen',
      verify: 'De keten controleren',
      verifyHint: 'Controleert elke schakel, elk ondertekend controlepunt en het ondertekende hoofdbestand; het resultaat wordt in het logboek vastgelegd.',
      intact: 'Het auditlogboek is intact.',
      tampered: 'Het auditlogboek is gewijzigd: zie de details hieronder.',
      notAllowed: 'Alleen de functionaris voor gegevensbescherming leest het auditlogboek: het toont wat medewerkers deden.',
      badFilter: 'Een filter is niet geldig: controleer de id en de tijdstippen (JJJJ-MM-DDTUU:MM).',
    },
    doubtReasons: {
      address_not_on_record: 'het adres staat niet in onze gegevens',
      details_mismatch: 'de gegevens komen niet overeen',
      third_party_request: 'verzoek door een derde',
      high_risk_data: 'gegevens met een hoog risico',
      representative_without_mandate: 'vertegenwoordiger zonder volmacht',
    },
    verificationMeans: { known_data_question: 'vraag over gekende gegevens', eid_name_only: 'eID (alleen de naam)', id_document: 'identiteitsdocument (alleen als laatste middel)' },
    refusals: {
      request_closed: 'Dit verzoek is afgesloten: er is geen handeling meer mogelijk.',
      invalid_transition: 'Deze handeling past niet bij de stand van het verzoek.',
      request_changed: 'Het verzoek werd intussen gewijzigd: open de pagina opnieuw.',
      less_intrusive_means_first: 'Vraag eerst een lichter middel: een identiteitsdocument alleen als lichtere middelen de twijfel niet konden wegnemen.',
      no_doubt_recorded: 'Voor dit verzoek werd geen bijkomende informatie gevraagd.',
      justification_required: 'Leg vast waarom het verzoek kennelijk ongegrond of buitensporig is, met het bewijs (minstens een zin).',
      first_copy_free: 'De eerste kopie is gratis (art. 15, lid 3): een vergoeding kan alleen voor een herhaald verzoek.',
      invalid_fee: 'De vergoeding is de administratieve kost, tussen 0,01 en 100 euro.',
      refusal_not_announced: 'Kondig de voorgenomen weigering eerst aan, met haar motivering.',
      invalid_extension: 'Verleng met 1 of 2 maanden.',
      extension_too_long: 'Art. 12, lid 3, laat in totaal hoogstens twee maanden verlenging toe.',
      extension_reason_required: 'Schrijf de reden (complexiteit of aantal verzoeken) in een zin: ze wordt naar de persoon gestuurd.',
      extension_too_late: 'De eerste termijn is verstreken: een verlenging moest vóór die datum gemeld worden.',
      grounds_required: 'Een bezwaar afwijzen vraagt dwingende gerechtvaardigde gronden, voor deze persoon vastgelegd (art. 21, lid 1): schrijf ze op.',
      no_pending_objection: 'Dit verzoek heeft geen openstaand bezwaar tegen dit doeleinde.',
      no_push_requested: 'De persoon vroeg niet om de gegevens naar een andere verwerkingsverantwoordelijke te sturen.',
      not_a_rectification: 'Dit is geen verzoek tot rectificatie.',
      not_a_restriction: 'Dit is geen verzoek tot beperking.',
      subject_not_in_request: 'Deze persoon hoort niet bij dit verzoek.',
      lift_notice_required: 'Breng de persoon op de hoogte voor de beperking wordt opgeheven (art. 18, lid 3).',
      requester_forgotten: 'Het adres van de verzoeker is na de bewaartermijn gewist.',
    },
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
    nav: { home: 'Accueil', dashboard: 'Tableau de bord', requests: 'Demandes', people: 'Personnes', contact: 'Messages de contact', audit: "Journal d'audit", policy: 'Politique', processors: 'Sous-traitants', exports: 'Exports', staff: 'Personnel et clés', complaints: 'Plaintes', breaches: 'Violations de données', dpia: 'AIPD et intérêts légitimes' },
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
      customer: 'Client',
      ownRequests: 'Nos propres demandes',
      routedTo: (c) => `Transmises au client ${c}`,
      ownCustomer: '— (propre)',
      customerHandles: 'le client traite cette demande',
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
      pushCountry: 'Pays du destinataire',
      pushRisksAccepted: (d) => `risques acceptés le ${d} (art. 49, § 1, a), RGPD)`,
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
    people: {
      title: 'Personnes',
      intro: "Cherchez une personne par adresse e-mail ou numéro de téléphone, sous une finalité que vos rôles comprennent. Vous ne voyez que les personnes et les données que cette finalité peut utiliser ; chaque recherche et chaque consultation figure dans le journal d'audit.",
      purpose: 'Finalité',
      kind: 'Chercher par',
      email: 'adresse e-mail',
      phone: 'numéro de téléphone',
      value: 'Valeur',
      search: 'Chercher',
      found: (n) => (n === 1 ? '1 personne trouvée' : `${n} personnes trouvées`),
      none: 'Personne trouvée sous cette finalité.',
      type: 'Type',
      open: 'Ouvrir',
      noPurposes: "Vos rôles ne comprennent aucune finalité qui ouvre des données personnelles.",
      personTitle: (id) => `Personne ${id}`,
      under: (purpose) => `Ouverte sous la finalité : ${purpose}`,
      data: 'Données',
      category: 'Catégorie',
      valueCol: 'Valeur',
      withheld: 'Non affichées (cette finalité ne peut pas les utiliser)',
      noData: 'Aucune donnée sous cette finalité.',
      consents: 'Consentements',
      consentCurrent: 'Maintenant',
      given: 'donné',
      withdrawn: 'retiré',
      at: 'Quand (UTC)',
      channel: 'Canal',
      version: 'Version de la déclaration',
      noConsents: 'Aucun consentement enregistré.',
      otherPurpose: 'Ouvrir sous une autre finalité',
      notAllowed: "Cette finalité ne fait pas partie de vos rôles, ou ne couvre pas cette personne.",
      notFound: 'Aucune personne avec cet id sous cette finalité.',
      badSearch: 'Choisissez une finalité et indiquez une adresse e-mail ou un numéro de téléphone.',
      holdsLink: 'Conservation pour des litiges (legal holds)',
      events: 'Cycle de vie',
      eventsIntro: 'Les événements qui font courir les durées de conservation, du plus ancien au plus récent.',
      event: 'Événement',
      noEvents: "Aucun événement n'est enregistré.",
      disclosures: 'Communications',
      disclosuresIntro: (purpose) => `À qui des données de cette personne ont été communiquées sous ${purpose}, avec seulement les catégories que cette finalité utilise.`,
      recipient: 'Destinataire',
      disclosedCategories: 'Catégories',
      noDisclosures: "Rien n'a été communiqué à un destinataire sous cette finalité.",
      holdsTitle: (id) => `Conservations pour la personne ${id}`,
      holdsIntro: "Données conservées pour une action en justice (art. 17(3)(e) RGPD), utilisables seulement pour cette finalité. L'ouverture de cette liste figure dans le journal d'audit.",
      holdsNone: "Il n'y a aucune conservation pour cette personne.",
      holdsNotAllowed: 'Vos rôles ne comprennent aucune finalité de litige pour cette personne.',
      holdPurpose: 'Finalité',
      holdCategories: 'Catégories',
      holdReason: 'Motif',
      holdReview: 'À revoir le',
      holdPlaced: 'Placée',
      holdState: 'État',
      holdActive: 'active',
      holdReleased: (at) => `levée le ${at}`,
      back: 'Retour à la personne',
    },
    audit: {
      title: "Journal d'audit",
      intro: "Chaque décision de la porte et chaque action du personnel, des services et de Pledge lui-même, avec des identifiants et des codes, jamais de données personnelles. La lecture de ce journal y est elle aussi consignée.",
      filters: 'Filtres',
      actor: 'Acteur (p. ex. staff:… ou key:…)',
      subject: 'Id de la personne concernée',
      purpose: 'Finalité',
      action: 'Action',
      actionHint: 'une action, ou une famille avec .* (p. ex. request.*)',
      from: 'Depuis (UTC)',
      to: "Jusqu'au (UTC)",
      apply: 'Filtrer',
      caption: (n, limit) => (n >= limit ? `les ${limit} entrées les plus récentes` : n === 1 ? '1 entrée' : `${n} entrées`),
      seq: 'N°',
      at: 'Moment (UTC)',
      decision: 'Décision',
      categories: 'Catégories',
      reason: 'Motif',
      empty: 'Aucune entrée ne correspond à ces filtres.',
      older: 'Entrées plus anciennes',
      verify: 'Vérifier la chaîne',
      verifyHint: "Vérifie chaque maillon, chaque point de contrôle signé et le fichier de tête signé ; le résultat est consigné dans le journal.",
      intact: "Le journal d'audit est intact.",
      tampered: "Le journal d'audit a été modifié : voir le détail ci-dessous.",
      notAllowed: "Seul le délégué à la protection des données lit le journal d'audit : il montre ce que le personnel a fait.",
      badFilter: "Un filtre n'est pas valide : vérifiez l'id et les moments (AAAA-MM-JJTHH:MM).",
    },
    doubtReasons: {
      address_not_on_record: "l'adresse ne figure pas dans nos données",
      details_mismatch: 'les données ne correspondent pas',
      third_party_request: "demande d'un tiers",
      high_risk_data: 'données à haut risque',
      representative_without_mandate: 'représentant sans mandat',
    },
    verificationMeans: { known_data_question: 'question sur des données connues', eid_name_only: 'eID (le nom uniquement)', id_document: "document d'identité (en dernier recours)" },
    refusals: {
      request_closed: 'Cette demande est clôturée : plus aucune action n’est possible.',
      invalid_transition: 'Cette action ne correspond pas à l’état de la demande.',
      request_changed: 'La demande a changé entre-temps : rouvrez la page.',
      less_intrusive_means_first: 'Demandez d’abord un moyen plus léger : une pièce d’identité seulement si des moyens plus légers n’ont pas levé le doute.',
      no_doubt_recorded: 'Aucune information complémentaire n’a été demandée pour cette demande.',
      justification_required: 'Consignez pourquoi la demande est manifestement infondée ou excessive, avec les preuves (au moins une phrase).',
      first_copy_free: 'La première copie est gratuite (art. 15, § 3) : des frais ne sont possibles que pour une demande répétée.',
      invalid_fee: 'Les frais sont le coût administratif, entre 0,01 et 100 euros.',
      refusal_not_announced: 'Annoncez d’abord le refus envisagé, avec sa justification.',
      invalid_extension: 'Prolongez de 1 ou 2 mois.',
      extension_too_long: 'L’art. 12, § 3, permet au plus deux mois de prolongation au total.',
      extension_reason_required: 'Écrivez le motif (complexité ou nombre de demandes) en une phrase : il est envoyé à la personne.',
      extension_too_late: 'Le premier délai est dépassé : une prolongation devait être annoncée avant cette date.',
      grounds_required: 'Rejeter une opposition exige des motifs légitimes impérieux, consignés pour cette personne (art. 21, § 1) : écrivez-les.',
      no_pending_objection: 'Cette demande n’a pas d’opposition en attente à cette finalité.',
      no_push_requested: 'La personne n’a pas demandé l’envoi de ses données à un autre responsable du traitement.',
      not_a_rectification: 'Ce n’est pas une demande de rectification.',
      not_a_restriction: 'Ce n’est pas une demande de limitation.',
      subject_not_in_request: 'Cette personne n’est pas concernée par cette demande.',
      lift_notice_required: 'Informez la personne avant de lever la limitation (art. 18, § 3).',
      requester_forgotten: 'L’adresse du demandeur a été effacée après le délai de conservation.',
    },
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
    nav: { home: 'Home', dashboard: 'Dashboard', requests: 'Requests', people: 'People', contact: 'Contact messages', audit: 'Audit log', policy: 'Policy', processors: 'Processors', exports: 'Exports', staff: 'Staff and keys', complaints: 'Complaints', breaches: 'Breaches', dpia: 'DPIA and legitimate interests' },
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
      customer: 'Customer',
      ownRequests: 'Our own requests',
      routedTo: (c) => `Passed on to customer ${c}`,
      ownCustomer: '— (own)',
      customerHandles: 'the customer handles this request',
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
      pushCountry: 'Receiving country',
      pushRisksAccepted: (d) => `risks accepted on ${d} (Art. 49(1)(a) GDPR)`,
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
    people: {
      title: 'People',
      intro: 'Find a person by e-mail address or phone number, under a purpose your roles hold. You see only the people and the data that purpose may use; every search and every read is in the audit log.',
      purpose: 'Purpose',
      kind: 'Search by',
      email: 'e-mail address',
      phone: 'phone number',
      value: 'Value',
      search: 'Search',
      found: (n) => (n === 1 ? '1 person found' : `${n} people found`),
      none: 'Nobody found under this purpose.',
      type: 'Type',
      open: 'Open',
      noPurposes: 'Your roles hold no purpose that opens personal data.',
      personTitle: (id) => `Person ${id}`,
      under: (purpose) => `Opened under the purpose: ${purpose}`,
      data: 'Data',
      category: 'Category',
      valueCol: 'Value',
      withheld: 'Not shown (this purpose may not use them)',
      noData: 'No data under this purpose.',
      consents: 'Consents',
      consentCurrent: 'Now',
      given: 'given',
      withdrawn: 'withdrawn',
      at: 'When (UTC)',
      channel: 'Channel',
      version: 'Statement version',
      noConsents: 'No consent recorded.',
      otherPurpose: 'Open under another purpose',
      notAllowed: 'This purpose is not one of your roles, or does not cover this person.',
      notFound: 'No person with this id under this purpose.',
      badSearch: 'Choose a purpose and give an e-mail address or phone number.',
      holdsLink: 'Legal holds',
      events: 'Lifecycle',
      eventsIntro: 'The events that start the retention clocks, oldest first.',
      event: 'Event',
      noEvents: 'No event is recorded.',
      disclosures: 'Disclosures',
      disclosuresIntro: (purpose) => `Who received this person's data under ${purpose}, with only the categories that purpose uses.`,
      recipient: 'Recipient',
      disclosedCategories: 'Categories',
      noDisclosures: 'Nothing was disclosed to a recipient under this purpose.',
      holdsTitle: (id) => `Legal holds of person ${id}`,
      holdsIntro: 'Data kept for legal claims (Art. 17(3)(e) GDPR), usable for that purpose only. Opening this list is recorded in the audit log.',
      holdsNone: 'There is no legal hold for this person.',
      holdsNotAllowed: 'Your roles hold no legal-claims purpose for this person.',
      holdPurpose: 'Purpose',
      holdCategories: 'Categories',
      holdReason: 'Reason',
      holdReview: 'Review by',
      holdPlaced: 'Placed',
      holdState: 'State',
      holdActive: 'active',
      holdReleased: (at) => `released on ${at}`,
      back: 'Back to the person',
    },
    audit: {
      title: 'Audit log',
      intro: 'Every decision of the gate and every act of staff, services and Pledge itself, in identifiers and codes, never personal data. Reading this log is recorded in it too.',
      filters: 'Filters',
      actor: 'Actor (e.g. staff:… or key:…)',
      subject: 'Subject id',
      purpose: 'Purpose',
      action: 'Action',
      actionHint: 'an action, or a family with .* (e.g. request.*)',
      from: 'From (UTC)',
      to: 'Until (UTC)',
      apply: 'Filter',
      caption: (n, limit) => (n >= limit ? `the newest ${limit} entries` : n === 1 ? '1 entry' : `${n} entries`),
      seq: 'No.',
      at: 'Time (UTC)',
      decision: 'Decision',
      categories: 'Categories',
      reason: 'Reason',
      empty: 'No entry matches these filters.',
      older: 'Older entries',
      verify: 'Verify the chain',
      verifyHint: 'Checks every link, every signed checkpoint and the signed head file; the result is recorded in the log.',
      intact: 'The audit log is intact.',
      tampered: 'The audit log has been altered: see the details below.',
      notAllowed: 'Only the data protection officer reads the audit log: it shows what employees did.',
      badFilter: 'A filter is not valid: check the id and the times (YYYY-MM-DDTHH:MM).',
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
