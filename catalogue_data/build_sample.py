#!/usr/bin/env python3
"""Build credbot's default sample data (stdlib only, deterministic).

Writes, next to this script:
  skills.json            bilingual (en/fr) skills vocabulary
  catalogue.ctdl.json    one CTDL JSON-LD @graph of fictional sample credentials

Everything below is SAMPLE DATA written for credbot: the credentials are
fictional offerings attributed to real and invented providers for
demonstration only. They are not real course listings.

Run:  python3 catalogue_data/build_sample.py
The output is byte-identical between runs; a self-check runs at the end.
"""
import hashlib
import json
import os
import sys
import uuid
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# Subjects: id | English label | French label
# ---------------------------------------------------------------------------
SUBJECTS = """
data-analytics | Data and Analytics | Données et analytique
cybersecurity | Cybersecurity | Cybersécurité
software-development | Software Development | Développement logiciel
cloud-computing | Cloud Computing and IT Infrastructure | Infonuagique et infrastructures TI
artificial-intelligence | Artificial Intelligence | Intelligence artificielle
project-management | Project Management | Gestion de projet
accounting-finance | Accounting and Finance | Comptabilité et finance
bookkeeping | Bookkeeping and Payroll | Tenue de livres et paie
business-entrepreneurship | Business and Entrepreneurship | Affaires et entrepreneuriat
marketing | Marketing and Communications | Marketing et communications
human-resources | Human Resources | Ressources humaines
health-care | Health Care | Soins de santé
nursing | Nursing | Soins infirmiers
palliative-care-gerontology | Palliative Care and Gerontology | Soins palliatifs et gérontologie
early-childhood-education | Early Childhood Education | Éducation à la petite enfance
education-teaching | Education and Teaching | Éducation et enseignement
languages | Languages | Langues
geomatics | Geomatics | Géomatique
environment-sustainability | Environment and Sustainability | Environnement et développement durable
construction-trades | Construction and Skilled Trades | Construction et métiers spécialisés
manufacturing | Manufacturing | Fabrication et production industrielle
logistics-supply-chain | Logistics and Supply Chain | Logistique et chaîne d'approvisionnement
agriculture-agri-food | Agriculture and Agri-Food | Agriculture et agroalimentaire
tourism-hospitality | Tourism and Hospitality | Tourisme et hôtellerie
law-justice | Law and Justice | Droit et justice
public-administration | Public Administration | Administration publique
social-work-community | Social Work and Community Services | Travail social et services communautaires
indigenous-studies | Indigenous Studies | Études autochtones
arts-design | Arts and Design | Arts et design
occupational-health-safety | Occupational Health and Safety | Santé et sécurité au travail
digital-literacy | Digital Literacy | Littératie numérique
leadership-management | Leadership and Management | Leadership et gestion
"""

# ---------------------------------------------------------------------------
# Skills, grouped by subject ("## subject-id" starts a group).
#   id | en label ; en synonyms, ... | fr label ; fr synonyms, ... | ABBR, ...
# An abbreviation may carry a language tag (GIS@en, SIG@fr); untagged ones
# are used in both languages. Labels are lowercase; synonyms never contain
# commas.
# ---------------------------------------------------------------------------
SKILLS = """
## data-analytics
python | python programming ; python scripting | programmation python ; python
python-data-analysis | data analysis in python ; pandas, numpy, jupyter notebooks | analyse de données en python ; pandas, numpy, carnets jupyter
sql | structured query language ; sql queries, database querying | langage de requête structuré ; requêtes sql, interrogation de bases de données | SQL
data-visualisation | data visualization ; dashboards, charts and graphs, dataviz | visualisation de données ; tableaux de bord, représentation graphique des données, dataviz
statistics | statistics ; statistical analysis, descriptive statistics | statistique ; analyse statistique, statistiques descriptives
spreadsheets | spreadsheets ; excel, google sheets, pivot tables | tableurs ; chiffrier, excel, tableaux croisés dynamiques
data-cleaning | data cleaning ; data wrangling, data preparation | nettoyage de données ; préparation des données, traitement des données
data-analysis | data analysis ; data analytics, analytics | analyse de données ; analytique, analyse des données
business-intelligence | business intelligence ; bi reporting, power bi, tableau | intelligence d'affaires ; informatique décisionnelle, power bi | BI
data-governance | data governance ; data management, data quality | gouvernance des données ; gestion des données, qualité des données
r-programming | r programming ; r language, rstudio | programmation r ; langage r, rstudio
big-data | big data ; large-scale data processing, apache spark, hadoop | mégadonnées ; données massives, apache spark
database-design | database design ; data modelling, relational databases | conception de bases de données ; modélisation des données, bases de données relationnelles
## cybersecurity
cybersecurity-fundamentals | cybersecurity ; information security, it security, infosec | cybersécurité ; sécurité informatique, sécurité de l'information
network-security | network security ; firewalls, intrusion detection | sécurité des réseaux ; pare-feu, détection d'intrusion
cyber-risk-management | cyber risk management ; security risk assessment, threat assessment | gestion des risques cybernétiques ; évaluation des risques de sécurité, analyse des menaces
incident-response | incident response ; security incident handling | réponse aux incidents ; gestion des incidents de sécurité
ethical-hacking | ethical hacking ; penetration testing, pentesting | piratage éthique ; tests d'intrusion, test de pénétration
cryptography | cryptography ; encryption, hashing | cryptographie ; chiffrement
identity-access-management | identity and access management ; access control, authentication, multi-factor authentication | gestion des identités et des accès ; contrôle d'accès, authentification multifacteur | IAM@en, GIA@fr
security-operations | security operations ; security monitoring, siem | opérations de sécurité ; surveillance de la sécurité, siem | SOC, SIEM
privacy-compliance | privacy and data protection ; privacy compliance, pipeda, law 25 | protection des renseignements personnels ; vie privée, loi 25, lprpde
digital-forensics | digital forensics ; computer forensics | criminalistique numérique ; investigation numérique, informatique judiciaire
security-awareness | security awareness ; phishing awareness, cyber hygiene | sensibilisation à la sécurité ; sensibilisation à l'hameçonnage, hygiène numérique
## software-development
web-development | web development ; website development, full-stack development | développement web ; création de sites web, programmation web
html-css | html and css ; web markup, css styling | html et css ; intégration web | HTML, CSS
javascript | javascript ; js, typescript, ecmascript | javascript ; js, typescript | JS
java | java programming ; java | programmation java ; java
csharp-dotnet | c# and .net ; csharp, .net development | c# et .net ; développement .net | C#
version-control | version control ; git, github | gestion de versions ; git, contrôle de version
software-testing | software testing ; quality assurance, unit testing | tests logiciels ; tests unitaires, assurance qualité logicielle | QA@en, AQ@fr
mobile-development | mobile app development ; android, ios, mobile apps | développement d'applications mobiles ; applications mobiles, android, ios
api-development | api development ; rest apis, web services | développement d'api ; api rest, services web | API
front-end-frameworks | front-end frameworks ; react, angular, vue.js | cadriciels web frontaux ; react, angular, frameworks front-end
object-oriented-programming | object-oriented programming ; oop, classes and objects | programmation orientée objet ; poo, classes et objets | OOP@en, POO@fr
programming-fundamentals | programming fundamentals ; introduction to programming, coding basics | bases de la programmation ; initiation à la programmation, codage
## cloud-computing
cloud-computing | cloud computing ; cloud services, aws, microsoft azure | infonuagique ; informatique en nuage, services infonuagiques, aws
cloud-architecture | cloud architecture ; cloud solution design | architecture infonuagique ; architecture en nuage
devops | devops ; continuous integration, continuous delivery | devops ; intégration continue, déploiement continu | CI/CD
containers | containerization ; docker, kubernetes | conteneurisation ; docker, kubernetes
linux-administration | linux administration ; linux, unix system administration | administration linux ; administration de systèmes linux
networking | computer networking ; networks, tcp/ip, routing and switching | réseautique ; réseaux informatiques, tcp/ip, routage et commutation
cloud-security | cloud security ; cloud compliance | sécurité infonuagique ; sécurité du nuage
infrastructure-as-code | infrastructure as code ; terraform, configuration management | infrastructure en tant que code ; terraform, gestion de la configuration | IaC
it-support | it support ; help desk, technical support | soutien informatique ; soutien technique, centre d'assistance
virtualization | virtualization ; virtual machines, vmware, hyper-v | virtualisation ; machines virtuelles, vmware
scripting-automation | scripting and automation ; powershell, bash scripting | scripts et automatisation ; powershell, scripts bash
## artificial-intelligence
artificial-intelligence | artificial intelligence ; ai literacy, ai fundamentals | intelligence artificielle ; littératie en ia, notions d'ia | AI@en, IA@fr
machine-learning | machine learning ; predictive modelling, scikit-learn | apprentissage automatique ; apprentissage machine, modélisation prédictive | ML
deep-learning | deep learning ; neural networks, pytorch | apprentissage profond ; réseaux de neurones, pytorch
natural-language-processing | natural language processing ; text analytics, text mining | traitement automatique des langues ; traitement du langage naturel, analyse de texte | NLP@en, TAL@fr
generative-ai | generative ai ; chatgpt, large language models | ia générative ; intelligence artificielle générative, grands modèles de langage
prompt-engineering | prompt engineering ; prompt design, prompting | ingénierie de requêtes ; rédaction de requêtes, ingénierie de prompts
ai-ethics | ai ethics ; responsible ai, ethical ai | éthique de l'ia ; ia responsable, éthique de l'intelligence artificielle
computer-vision | computer vision ; image recognition, object detection | vision par ordinateur ; reconnaissance d'images, détection d'objets
mlops | mlops ; model deployment, model monitoring | mlops ; déploiement de modèles, surveillance des modèles | MLOps
data-science | data science ; data scientist skills | science des données ; sciences des données
ai-automation | intelligent automation ; robotic process automation | automatisation intelligente ; automatisation robotisée des processus | RPA@en, ARP@fr
## project-management
project-management | project management ; managing projects, project planning | gestion de projet ; gestion de projets, direction de projet | PM@en, GP@fr
agile | agile methods ; agile project management, agility | méthodes agiles ; gestion de projet agile, agilité
scrum | scrum ; scrum master, sprints | scrum ; scrum master, sprints
project-scheduling | project scheduling ; gantt charts, critical path | planification de projet ; échéancier, diagramme de gantt, chemin critique
risk-management | risk management ; risk analysis | gestion des risques ; analyse des risques
stakeholder-engagement | stakeholder engagement ; stakeholder management | mobilisation des parties prenantes ; gestion des parties prenantes
budgeting-cost-control | project budgeting ; cost control, cost estimation | budgétisation de projet ; contrôle des coûts, estimation des coûts
change-management | change management ; organizational change | gestion du changement ; conduite du changement
project-management-software | project management software ; ms project, jira, trello | logiciels de gestion de projet ; ms project, jira, trello
lean-six-sigma | lean six sigma ; process improvement, dmaic | lean six sigma ; amélioration des processus, dmaic | LSS
pmp-exam-prep | pmp exam preparation ; pmbok, capm | préparation à l'examen pmp ; pmbok, capm | PMP
## accounting-finance
accounting | accounting ; financial accounting | comptabilité ; comptabilité financière
financial-statements | financial statement preparation ; balance sheet, income statement | préparation des états financiers ; bilan, état des résultats
managerial-accounting | managerial accounting ; cost accounting, management accounting | comptabilité de gestion ; comptabilité analytique, comptabilité des coûts
corporate-finance | corporate finance ; financial management | finance d'entreprise ; gestion financière
financial-analysis | financial analysis ; financial modelling, ratio analysis | analyse financière ; modélisation financière, analyse des ratios
taxation | canadian taxation ; income tax, tax preparation | fiscalité canadienne ; impôt sur le revenu, déclarations de revenus
auditing | auditing ; internal audit, assurance | audit ; vérification, audit interne
personal-finance | personal financial planning ; personal finance, money management | planification financière personnelle ; finances personnelles, gestion du budget personnel
ifrs-aspe | financial reporting standards ; ifrs, aspe | normes d'information financière ; ifrs, ncecf | IFRS, ASPE@en, NCECF@fr
budgeting | budgeting and forecasting ; financial forecasting, operating budget | budgétisation et prévisions ; prévisions financières, budget de fonctionnement
fintech | financial technology ; fintech, digital payments | technologie financière ; fintech, paiements numériques
## bookkeeping
bookkeeping | bookkeeping ; recordkeeping, bookkeeper skills | tenue de livres ; tenue de comptabilité, tenue des livres comptables
accounts-payable-receivable | accounts payable and receivable ; invoicing, collections | comptes fournisseurs et comptes clients ; comptes payables et recevables, facturation | AP@en, AR@en
payroll | payroll administration ; payroll, pay processing | administration de la paie ; paie, traitement de la paie
quickbooks | quickbooks ; quickbooks online | quickbooks ; quickbooks en ligne | QBO
sage-accounting | sage accounting software ; sage 50, simply accounting | logiciel comptable sage ; sage 50
bank-reconciliation | bank reconciliation ; account reconciliation | rapprochement bancaire ; conciliation bancaire
sales-taxes | sales taxes (gst/hst) ; gst, hst, qst | taxes de vente ; tps, tvh, tvq | GST@en, HST@en, TPS@fr, TVH@fr, TVQ@fr
general-ledger | general ledger ; journal entries, double-entry bookkeeping | grand livre ; écritures de journal, comptabilité en partie double
month-end-close | month-end close ; closing entries, trial balance | fermeture de fin de mois ; clôture mensuelle, balance de vérification
cloud-accounting | cloud accounting software ; online accounting, xero | logiciels comptables en ligne ; comptabilité en ligne, comptabilité infonuagique
## business-entrepreneurship
entrepreneurship | entrepreneurship ; starting a business, startups | entrepreneuriat ; démarrage d'entreprise, jeunes pousses
business-planning | business planning ; business plan | plan d'affaires ; planification d'affaires, rédaction d'un plan d'affaires
small-business-management | small business management ; sme management | gestion de pme ; gestion de petite entreprise | SME@en, PME@fr
customer-service | customer service ; client service, customer experience | service à la clientèle ; service client, expérience client
sales | sales techniques ; selling, business development | techniques de vente ; vente, développement des affaires
negotiation | negotiation ; negotiating skills | négociation ; techniques de négociation
e-commerce | e-commerce ; online store, shopify | commerce électronique ; boutique en ligne, cybercommerce
international-business | international business ; export, international trade | commerce international ; exportation, affaires internationales
business-communication | business communication ; business writing, professional writing | communication d'affaires ; rédaction professionnelle, communication professionnelle
crm | customer relationship management ; crm software, salesforce | gestion de la relation client ; logiciel de grc, salesforce | CRM@en, GRC@fr
social-entrepreneurship | social entrepreneurship ; social economy, co-operatives | entrepreneuriat social ; économie sociale, coopératives
business-analysis | business analysis ; requirements gathering, process mapping | analyse d'affaires ; analyse des besoins, cartographie des processus
## marketing
digital-marketing | digital marketing ; online marketing, internet marketing | marketing numérique ; marketing en ligne, marketing web
social-media-marketing | social media marketing ; social media management, community management | marketing des médias sociaux ; marketing sur les réseaux sociaux, gestion de communauté
seo | search engine optimization ; organic search | référencement naturel ; optimisation pour les moteurs de recherche | SEO
content-marketing | content marketing ; content creation, copywriting | marketing de contenu ; création de contenu, rédaction web
marketing-analytics | marketing analytics ; google analytics, web analytics | analytique marketing ; google analytics, analytique web
email-marketing | email marketing ; newsletters, marketing automation | marketing par courriel ; infolettres, automatisation du marketing
branding | branding ; brand management, brand strategy | image de marque ; gestion de marque, stratégie de marque
market-research | market research ; consumer research, surveys | étude de marché ; recherche marketing, sondages
paid-advertising | online advertising ; google ads, pay-per-click, search engine marketing | publicité en ligne ; google ads, publicité payante, paiement par clic | PPC@en, SEM@en
public-relations | public relations ; media relations, press releases | relations publiques ; relations de presse, communiqués | PR@en, RP@fr
## human-resources
human-resources-management | human resources management ; hr management, personnel management | gestion des ressources humaines ; gestion du personnel | HR@en, HRM@en, RH@fr, GRH@fr
recruitment | recruitment and selection ; hiring, talent acquisition | recrutement et sélection ; dotation, embauche, acquisition de talents
employment-law | employment law ; employment standards, labour law | droit du travail ; normes du travail, droit de l'emploi
compensation-benefits | compensation and benefits ; total rewards, pay equity | rémunération et avantages sociaux ; rémunération globale, équité salariale
training-development | training and development ; learning and development, employee training | formation et développement ; formation du personnel, développement des compétences | L&D@en
performance-management | performance management ; performance reviews, performance appraisal | gestion du rendement ; évaluation du rendement, gestion de la performance
labour-relations | labour relations ; collective bargaining, unions | relations de travail ; négociation collective, syndicats
diversity-inclusion | equity diversity and inclusion ; diversity and inclusion | équité diversité et inclusion ; diversité en milieu de travail, inclusion | EDI@en, DEI@en, ÉDI@fr
hr-analytics | hr analytics ; people analytics, workforce analytics | analytique rh ; analytique des ressources humaines
onboarding | employee onboarding ; new hire orientation | accueil et intégration du personnel ; intégration des nouveaux employés, accueil des employés
workplace-wellness | workplace wellness ; employee wellbeing, mental health at work | mieux-être au travail ; bien-être des employés, santé mentale au travail
## health-care
personal-support | personal support care ; personal care, activities of daily living | soins d'assistance personnelle ; soins personnels, aide aux activités de la vie quotidienne | PSW@en, PAB@fr
first-aid-cpr | first aid and cpr ; cardiopulmonary resuscitation, emergency first aid | secourisme et rcr ; premiers soins, réanimation cardiorespiratoire | CPR@en, RCR@fr, AED@en, DEA@fr
infection-prevention | infection prevention and control ; infection control, hand hygiene | prévention et contrôle des infections ; hygiène des mains, pratiques de base | IPAC@en, PCI@fr
medical-terminology | medical terminology ; health terminology | terminologie médicale ; vocabulaire médical
mental-health-first-aid | mental health first aid ; mental health support | premiers soins en santé mentale ; soutien en santé mentale
health-informatics | health informatics ; electronic health records | informatique de la santé ; dossier de santé électronique, dossier médical électronique | EHR@en, DSE@fr
medication-administration | medication administration ; medication management, medication safety | administration des médicaments ; gestion de la médication, sécurité des médicaments
patient-communication | patient communication ; therapeutic communication | communication avec les patients ; communication thérapeutique, relation soignant-soigné
home-care | home care ; home support, home health care | soins à domicile ; soutien à domicile, maintien à domicile
safe-patient-handling | safe patient handling ; patient transfers, mobility assistance | déplacement sécuritaire des bénéficiaires ; transferts de patients, aide à la mobilité | PDSB@fr
public-health | public health ; population health, health promotion | santé publique ; santé des populations, promotion de la santé
## nursing
nursing-practice | nursing practice ; clinical nursing, nursing care | pratique infirmière ; soins infirmiers, exercice infirmier
health-assessment | health assessment ; physical assessment, patient assessment | évaluation de la santé ; examen physique, évaluation clinique
wound-care | wound care ; wound management, skin care | soins des plaies ; traitement des plaies, soins de la peau
critical-care | critical care nursing ; intensive care | soins critiques ; soins intensifs | ICU@en, USI@fr
mental-health-nursing | mental health nursing ; psychiatric nursing | soins infirmiers en santé mentale ; soins infirmiers psychiatriques
perioperative-nursing | perioperative nursing ; operating room nursing | soins infirmiers périopératoires ; soins au bloc opératoire
pharmacology | pharmacology ; drug therapy, dosage calculation | pharmacologie ; pharmacothérapie, calcul de doses
clinical-documentation | clinical documentation ; charting, nursing notes | documentation clinique ; notes d'évolution, documentation infirmière
community-health-nursing | community health nursing ; public health nursing | soins infirmiers communautaires ; santé communautaire
maternal-child-nursing | maternal and child nursing ; obstetrics, perinatal care | soins infirmiers en périnatalité ; soins mère-enfant, obstétrique
## palliative-care-gerontology
palliative-care | palliative care ; end-of-life care, hospice care | soins palliatifs ; soins de fin de vie, accompagnement en fin de vie
pain-symptom-management | pain and symptom management ; pain management, symptom relief | gestion de la douleur et des symptômes ; soulagement de la douleur, contrôle des symptômes
grief-bereavement | grief and bereavement support ; bereavement care, grief support | accompagnement du deuil ; soutien aux personnes endeuillées, deuil
advance-care-planning | advance care planning ; goals of care, advance directives | planification préalable des soins ; directives médicales anticipées, objectifs de soins
gerontology | gerontology ; aging, older adults | gérontologie ; vieillissement, personnes aînées
dementia-care | dementia care ; alzheimer's care, cognitive impairment | soins aux personnes atteintes de démence ; maladie d'alzheimer, troubles neurocognitifs
long-term-care | long-term care ; residential care, nursing homes | soins de longue durée ; centres d'hébergement, soins en établissement | LTC@en, CHSLD@fr
caregiver-support | caregiver support ; family caregivers, respite care | soutien aux proches aidants ; proches aidants, répit
spiritual-care | spiritual care ; spiritual support | soins spirituels ; accompagnement spirituel
palliative-approach-communication | serious illness communication ; difficult conversations, breaking bad news | communication en contexte de maladie grave ; conversations difficiles, annonce de mauvaises nouvelles
elder-abuse-prevention | elder abuse prevention ; senior safety | prévention de la maltraitance envers les aînés ; bientraitance, maltraitance des aînés
## early-childhood-education
early-childhood-education | early childhood education ; early learning, child care | éducation à la petite enfance ; petite enfance, services de garde éducatifs | ECE@en, EPE@fr
child-development | child development ; developmental psychology | développement de l'enfant ; développement global de l'enfant
play-based-learning | play-based learning ; learning through play | apprentissage par le jeu ; pédagogie par le jeu, jeu libre
observation-documentation | pedagogical documentation ; child observation | observation et documentation pédagogique ; documentation pédagogique, observation de l'enfant
inclusive-child-care | inclusive child care ; special needs, early intervention | inclusion en petite enfance ; besoins particuliers, intervention précoce
child-health-safety | child health and safety ; child nutrition, safe environments | santé et sécurité des enfants ; nutrition des enfants, milieux sécuritaires
family-engagement | family engagement ; working with families, parent partnerships | collaboration avec les familles ; partenariat avec les parents
behaviour-guidance | behaviour guidance ; positive guidance | intervention éducative ; soutien au comportement positif, gestion des comportements
early-literacy | early literacy ; emergent literacy, language development | éveil à la lecture et à l'écriture ; littératie précoce, développement du langage
infant-toddler-care | infant and toddler care ; infant care, toddler programs | soins aux poupons et aux trottineurs ; poupons, trottineurs
## education-teaching
online-teaching | online teaching ; e-teaching, virtual teaching, teaching online | enseignement en ligne ; enseignement virtuel, formation en ligne
distance-education | distance education ; distance learning, remote learning | formation à distance ; enseignement à distance, apprentissage à distance | FAD@fr
instructional-design | instructional design ; course design, learning design | design pédagogique ; ingénierie pédagogique, conception de cours
learning-management-systems | learning management systems ; moodle, brightspace, canvas | plateformes d'apprentissage en ligne ; moodle, brightspace, environnement numérique d'apprentissage | LMS@en, ENA@fr
assessment-evaluation | assessment and evaluation ; student assessment, grading | évaluation des apprentissages ; évaluation formative, notation
universal-design-learning | universal design for learning ; accessible teaching, inclusive teaching | conception universelle de l'apprentissage ; accessibilité pédagogique, pédagogie inclusive | UDL@en, CUA@fr
educational-technology | educational technology ; edtech, technology-enhanced learning | technopédagogie ; technologies éducatives, numérique en éducation | EdTech
adult-education | adult education ; andragogy, adult learning | andragogie ; formation des adultes, éducation des adultes
classroom-management | classroom management ; learning environment, student engagement | gestion de classe ; climat de classe, engagement des élèves
multimedia-learning-content | e-learning content development ; video lessons, articulate storyline | production de contenu d'apprentissage en ligne ; capsules vidéo, articulate storyline
micro-credential-design | micro-credential design ; digital badges, competency-based education | conception de microcertifications ; badges numériques, approche par compétences
## languages
french-second-language | french as a second language ; learning french, french language skills | français langue seconde ; apprentissage du français, compétences en français | FSL@en, FLS@fr
english-second-language | english as a second language ; english language learning | anglais langue seconde ; apprentissage de l'anglais | ESL@en, ALS@fr
business-french | business french ; professional french, workplace french | français des affaires ; français professionnel, français en milieu de travail
business-english | business english ; professional english, workplace english | anglais des affaires ; anglais professionnel, anglais en milieu de travail
french-writing | french writing ; french grammar, written french | rédaction en français ; grammaire française, français écrit, révision linguistique
english-writing | english writing ; grammar, academic writing | rédaction en anglais ; anglais écrit, rédaction universitaire en anglais
translation | translation ; english-french translation | traduction ; traduction de l'anglais au français
language-teaching | second language teaching ; teaching french, tesl | enseignement des langues secondes ; didactique des langues | TESL@en
oral-communication | public speaking ; oral presentation, presentation skills | communication orale ; prise de parole en public, présentations orales
plain-language | plain language writing ; clear communication | rédaction en langage clair ; langage clair et simple, communication claire
intercultural-communication | intercultural communication ; cross-cultural communication | communication interculturelle ; compétence interculturelle
## geomatics
gis | geographic information systems ; geospatial analysis, digital mapping | systèmes d'information géographique ; géomatique, cartographie numérique | GIS@en, SIG@fr
remote-sensing | remote sensing ; satellite imagery, earth observation | télédétection ; imagerie satellitaire, observation de la terre
cartography | cartography ; map design, mapmaking | cartographie ; conception de cartes
spatial-analysis | spatial analysis ; geoprocessing, spatial statistics | analyse spatiale ; géotraitement, statistiques spatiales
qgis | qgis ; open source gis | qgis ; sig libre
arcgis | arcgis ; esri, arcgis pro | arcgis ; esri, arcgis pro
gnss-surveying | gnss and surveying ; gps, land surveying | gnss et arpentage ; gps, levés topographiques | GNSS, GPS
lidar | lidar ; point clouds, 3d laser scanning | lidar ; nuages de points, balayage laser 3d | LiDAR
drone-mapping | drone mapping ; uav photogrammetry, drones | cartographie par drone ; photogrammétrie par drone, drones | UAV@en, RPAS@en, SATP@fr
spatial-databases | spatial databases ; postgis, geodatabases | bases de données spatiales ; postgis, géobases de données
web-mapping | web mapping ; interactive maps, leaflet | cartographie web ; cartes interactives, cartographie en ligne
## environment-sustainability
sustainability | sustainability ; sustainable development, corporate sustainability | développement durable ; durabilité, écoresponsabilité
climate-change | climate change adaptation ; climate resilience, climate action | adaptation aux changements climatiques ; résilience climatique, action climatique
environmental-assessment | environmental impact assessment ; environmental assessment | évaluation environnementale ; évaluation des impacts environnementaux | EIA@en, ÉIE@fr
esg-reporting | esg reporting ; sustainability reporting | reddition de comptes esg ; rapport de développement durable | ESG
waste-management | waste management ; recycling, circular economy | gestion des matières résiduelles ; recyclage, économie circulaire
water-quality | water quality monitoring ; water sampling, water treatment | surveillance de la qualité de l'eau ; échantillonnage de l'eau, traitement de l'eau
energy-efficiency | energy efficiency ; energy management, energy audits | efficacité énergétique ; gestion de l'énergie, audit énergétique
renewable-energy | renewable energy ; solar energy, wind energy | énergies renouvelables ; énergie solaire, énergie éolienne
environmental-regulations | environmental regulations ; environmental compliance | réglementation environnementale ; conformité environnementale
ecology-fieldwork | ecological field methods ; field sampling, biodiversity surveys | méthodes de terrain en écologie ; inventaires de biodiversité, échantillonnage sur le terrain
ghg-inventory | greenhouse gas inventory ; carbon footprint, carbon accounting | inventaire des gaz à effet de serre ; empreinte carbone, bilan carbone | GHG@en, GES@fr
## construction-trades
blueprint-reading | blueprint reading ; construction drawings, technical drawings | lecture de plans ; plans et devis, dessins techniques
construction-estimating | construction estimating ; quantity takeoff, cost estimating | estimation en construction ; métré, estimation des coûts de construction
construction-site-supervision | construction site supervision ; site management, foreman skills | surveillance de chantier ; gestion de chantier, contremaître
building-codes | building codes ; national building code, code compliance | codes du bâtiment ; code national du bâtiment, conformité au code | NBC@en, CNB@fr
carpentry | carpentry ; framing, woodworking | charpenterie-menuiserie ; menuiserie, charpente
electrical-basics | electrical fundamentals ; residential wiring, electrical theory | bases de l'électricité ; électricité résidentielle, câblage
plumbing | plumbing ; pipefitting, water systems | plomberie ; tuyauterie
hvac | heating ventilation and air conditioning ; refrigeration | chauffage ventilation et climatisation ; réfrigération | HVAC@en, CVAC@fr
welding | welding ; arc welding, mig welding | soudage ; soudure, soudage à l'arc
bim | building information modelling ; revit | modélisation des données du bâtiment ; revit, maquette numérique | BIM
autocad | computer-aided drafting ; autocad, cad | dessin assisté par ordinateur ; autocad | CAD@en, DAO@fr
## manufacturing
lean-manufacturing | lean manufacturing ; 5s, kaizen, continuous improvement | production allégée ; lean, 5s, kaizen, amélioration continue
quality-control | quality control ; inspection, iso 9001 | contrôle de la qualité ; inspection, iso 9001 | QC@en
cnc-machining | cnc machining ; cnc programming, machining | usinage cnc ; usinage à commande numérique, programmation cnc | CNC
industrial-automation | industrial automation ; plc programming, robotics | automatisation industrielle ; automates programmables, robotique | PLC@en
production-planning | production planning ; production scheduling, material requirements planning | planification de la production ; ordonnancement, planification des besoins matières | MRP@en
industrial-maintenance | industrial maintenance ; preventive maintenance, millwright | maintenance industrielle ; entretien préventif, mécanique industrielle
additive-manufacturing | additive manufacturing ; 3d printing | fabrication additive ; impression 3d
industry-4-0 | industry 4.0 ; smart manufacturing, industrial iot | industrie 4.0 ; usine intelligente, internet des objets industriel | IoT@en, IdO@fr
metrology | metrology ; precision measurement | métrologie ; mesure de précision
root-cause-analysis | root cause analysis ; five whys, fishbone diagram | analyse des causes profondes ; cinq pourquoi, diagramme d'ishikawa | RCA@en
## logistics-supply-chain
supply-chain-management | supply chain management ; supply chain | gestion de la chaîne d'approvisionnement ; chaîne logistique | SCM@en
logistics | logistics ; logistics coordination, distribution | logistique ; coordination logistique, distribution
inventory-management | inventory management ; stock control | gestion des stocks ; gestion de l'inventaire, contrôle des stocks
procurement | procurement ; purchasing, sourcing | approvisionnement ; achats, gestion des achats
warehouse-operations | warehouse operations ; warehousing, shipping and receiving | opérations d'entrepôt ; entreposage, expédition et réception
transportation-management | transportation management ; freight, fleet management | gestion du transport ; fret, gestion de flotte
customs-trade-compliance | customs and trade compliance ; customs brokerage, import export | conformité douanière ; dédouanement, importation et exportation
forklift-operation | forklift operation ; lift truck, material handling equipment | conduite de chariot élévateur ; cariste, chariot élévateur
erp-systems | enterprise resource planning ; erp, sap | progiciels de gestion intégrés ; pgi, sap | ERP@en, PGI@fr
demand-planning | demand planning ; demand forecasting | planification de la demande ; prévision de la demande
dangerous-goods | transportation of dangerous goods ; hazmat | transport des marchandises dangereuses ; matières dangereuses | TDG@en, TMD@fr
## agriculture-agri-food
food-safety | food safety ; haccp, safe food handling | salubrité alimentaire ; hygiène et salubrité alimentaires, manipulation des aliments | HACCP
sustainable-agriculture | sustainable agriculture ; regenerative agriculture, organic farming | agriculture durable ; agriculture biologique, agriculture régénératrice
precision-agriculture | precision agriculture ; smart farming, agtech | agriculture de précision ; agriculture numérique, agtech
farm-management | farm management ; agribusiness, farm business | gestion d'entreprise agricole ; gestion agricole, agroentreprise
crop-production | crop production ; agronomy, field crops | production végétale ; agronomie, grandes cultures
livestock-management | livestock management ; animal husbandry, herd health | production animale ; élevage, santé du troupeau
food-processing | food processing ; food manufacturing | transformation alimentaire ; transformation des aliments
greenhouse-production | greenhouse production ; horticulture, controlled environment agriculture | production en serre ; horticulture, culture en serre
soil-health | soil health ; soil science, soil management | santé des sols ; science du sol, conservation des sols
beekeeping | beekeeping ; apiculture, honey production | apiculture ; production de miel
## tourism-hospitality
hospitality-management | hospitality management ; hotel management, lodging | gestion hôtelière ; hôtellerie, hébergement
food-beverage-service | food and beverage service ; restaurant service, table service | service de la restauration ; service aux tables, restauration
event-planning | event planning ; event management, conference planning | organisation d'événements ; gestion d'événements, planification de congrès
tourism-marketing | destination marketing ; tourism marketing | marketing touristique ; promotion touristique, marketing de destination
culinary-skills | culinary skills ; cooking, kitchen skills | arts culinaires ; cuisine, techniques culinaires
responsible-beverage-service | responsible beverage service ; responsible alcohol service | service responsable de l'alcool ; service responsable des boissons alcoolisées
ecotourism | ecotourism ; sustainable tourism, adventure tourism | écotourisme ; tourisme durable, tourisme d'aventure
front-desk-operations | front desk operations ; guest services, hotel reception | réception hôtelière ; accueil de la clientèle, service aux invités
tour-guiding | tour guiding ; heritage interpretation, guided tours | guide touristique ; interprétation du patrimoine, visites guidées
## law-justice
legal-research | legal research and writing ; case law research, legal writing | recherche et rédaction juridiques ; recherche jurisprudentielle, rédaction juridique
contract-law | contract law ; contracts, contract drafting | droit des contrats ; contrats, rédaction de contrats
paralegal-practice | paralegal practice ; legal assistant skills, law office procedures | techniques juridiques ; pratique parajuridique, procédures de bureau juridique
criminal-justice | criminal justice ; criminology, corrections | justice pénale ; criminologie, services correctionnels
conflict-resolution | conflict resolution ; mediation, dispute resolution | résolution de conflits ; médiation, règlement des différends
access-to-information | access to information ; freedom of information, atip | accès à l'information ; accès à l'information et protection des renseignements personnels | ATIP@en, AIPRP@fr
official-languages-law | official languages rights ; language rights, official languages act | droits linguistiques ; loi sur les langues officielles, langues officielles
investigation | investigative techniques ; investigations, investigative interviewing | techniques d'enquête ; enquête, entrevue d'enquête
corporate-compliance | regulatory compliance ; compliance, corporate governance | conformité réglementaire ; conformité, gouvernance d'entreprise
immigration-law | immigration law ; immigration consulting, refugee law | droit de l'immigration ; immigration, droit des réfugiés
## public-administration
public-policy | public policy analysis ; policy analysis, policy development | analyse des politiques publiques ; élaboration de politiques, politiques publiques
public-sector-management | public sector management ; public management | gestion publique ; gestion du secteur public, administration publique
program-evaluation | program evaluation ; performance measurement, evaluation frameworks | évaluation de programmes ; mesure du rendement, cadre d'évaluation
municipal-governance | municipal governance ; local government, municipal administration | gouvernance municipale ; administration municipale, affaires municipales
public-finance | public finance ; government budgeting, public budgeting | finances publiques ; budget public, gestion budgétaire publique
community-consultation | public consultation ; citizen engagement, public participation | consultation publique ; participation citoyenne, engagement citoyen
emergency-management | emergency management ; emergency preparedness, disaster response | gestion des urgences ; mesures d'urgence, sécurité civile
briefing-note-writing | briefing note writing ; policy writing, memo writing | rédaction de notes d'information ; notes de breffage, rédaction administrative
records-management | records and information management ; records management, archives | gestion documentaire ; gestion des documents et des archives, archivistique | RIM@en
ethics-public-service | public sector ethics ; values and ethics, integrity | éthique dans la fonction publique ; valeurs et éthique, intégrité
## social-work-community
case-management | case management ; client case coordination | gestion de cas ; coordination de cas, suivi de dossiers
crisis-intervention | crisis intervention ; crisis support, suicide prevention | intervention en situation de crise ; intervention de crise, prévention du suicide
trauma-informed-care | trauma-informed care ; trauma-informed practice | approche tenant compte des traumatismes ; pratique sensible aux traumatismes
community-development | community development ; community organizing, community engagement | développement communautaire ; organisation communautaire, mobilisation communautaire
addictions-support | addictions and substance use support ; harm reduction, substance use | intervention en dépendances ; réduction des méfaits, toxicomanie
counselling-skills | counselling skills ; active listening, helping relationship | relation d'aide ; écoute active, counseling
youth-work | youth work ; child and youth care | intervention jeunesse ; intervention auprès des jeunes | CYC@en
nonprofit-management | nonprofit management ; charity management, nonprofit governance | gestion d'organismes sans but lucratif ; gestion d'obnl, gouvernance communautaire | NPO@en, OBNL@fr, OSBL@fr
grant-writing | grant writing ; fundraising, proposal writing | rédaction de demandes de subvention ; collecte de fonds, philanthropie
volunteer-management | volunteer management ; volunteer coordination | gestion des bénévoles ; coordination des bénévoles
newcomer-settlement | newcomer settlement services ; immigrant integration, settlement work | services d'établissement des nouveaux arrivants ; intégration des personnes immigrantes, accueil des immigrants
## indigenous-studies
indigenous-cultural-competency | indigenous cultural safety ; cultural competency, indigenous awareness | sécurisation culturelle autochtone ; compétence culturelle, sensibilisation aux réalités autochtones
truth-reconciliation | truth and reconciliation ; reconciliation, trc calls to action | vérité et réconciliation ; réconciliation, appels à l'action de la cvr | TRC@en, CVR@fr
indigenous-history | indigenous histories ; first nations métis and inuit history, treaties | histoire des peuples autochtones ; premières nations métis et inuit, traités
indigenous-languages | indigenous languages ; language revitalization, cree, ojibwe | langues autochtones ; revitalisation linguistique, cri, innu
indigenous-governance | indigenous governance ; self-determination, band administration | gouvernance autochtone ; autodétermination, administration de bande
indigenous-knowledge | indigenous knowledge systems ; traditional knowledge, land-based learning | savoirs autochtones ; savoirs traditionnels, apprentissage axé sur le territoire
indigenous-community-engagement | indigenous community engagement ; duty to consult, relationship building | collaboration avec les communautés autochtones ; obligation de consulter, relations avec les communautés
indigenous-tourism | indigenous tourism ; indigenous cultural tourism | tourisme autochtone ; tourisme culturel autochtone
indigenous-education | indigenous education ; indigenizing curriculum, decolonizing education | éducation autochtone ; autochtonisation des programmes, pédagogies autochtones
## arts-design
graphic-design | graphic design ; visual design, adobe illustrator | design graphique ; graphisme, conception graphique
ux-design | user experience design ; ux, usability, user research | conception de l'expérience utilisateur ; expérience utilisateur, ergonomie web, recherche utilisateur | UX
ui-design | user interface design ; ui, figma, prototyping | conception d'interfaces utilisateur ; interface utilisateur, figma, prototypage | UI
photography | photography ; digital photography, photo editing | photographie ; photographie numérique, retouche photo
video-production | video production ; video editing, filmmaking | production vidéo ; montage vidéo, tournage
animation | animation ; motion graphics, 2d animation | animation ; animation 2d, graphisme animé
web-accessibility | web accessibility ; wcag, accessible design, aoda | accessibilité web ; wcag, conception accessible | WCAG
typography | typography ; layout, type design | typographie ; mise en page
audio-production | audio production ; podcasting, sound editing | production audio ; baladodiffusion, balado, montage sonore
creative-writing | creative writing ; storytelling, fiction writing | création littéraire ; écriture créative, récit
digital-illustration | digital illustration ; digital drawing, procreate | illustration numérique ; dessin numérique
## occupational-health-safety
ohs-fundamentals | occupational health and safety ; workplace safety, health and safety | santé et sécurité au travail ; sécurité au travail, prévention | OHS@en, OH&S@en, SST@fr
whmis | whmis ; hazardous products, safety data sheets | simdut ; produits dangereux, fiches de données de sécurité | WHMIS@en, SIMDUT@fr, SDS@en, FDS@fr
hazard-identification | hazard identification and risk assessment ; job hazard analysis | identification des dangers et évaluation des risques ; analyse sécuritaire des tâches, repérage des dangers
working-at-heights | working at heights ; fall protection | travail en hauteur ; protection contre les chutes
incident-investigation | incident investigation ; accident investigation | enquête sur les accidents ; enquête et analyse d'accidents, enquête sur les incidents
ergonomics | ergonomics ; workstation ergonomics, musculoskeletal disorder prevention | ergonomie ; aménagement des postes de travail, prévention des troubles musculosquelettiques | MSD@en, TMS@fr
joint-health-safety-committee | joint health and safety committee ; safety committee | comité de santé et de sécurité ; comité paritaire | JHSC@en, CSS@fr
confined-spaces | confined space entry ; confined spaces | travail en espace clos ; espaces clos
psychological-safety | psychological health and safety ; psychosocial risks, harassment prevention | santé psychologique au travail ; risques psychosociaux, prévention du harcèlement
safety-management-systems | safety management systems ; iso 45001, safety programs | systèmes de gestion de la santé et de la sécurité ; iso 45001, programme de prévention
lockout-tagout | lockout tagout ; hazardous energy control | cadenassage ; contrôle des énergies dangereuses | LOTO@en
## digital-literacy
computer-basics | computer basics ; basic computer skills, computer literacy | bases de l'informatique ; compétences informatiques de base, initiation à l'ordinateur
office-productivity | office productivity software ; microsoft office, word, outlook | logiciels de bureautique ; bureautique, microsoft office, suite bureautique
online-collaboration | online collaboration tools ; microsoft teams, zoom, google workspace | outils de collaboration en ligne ; teams, zoom, travail collaboratif en ligne
digital-citizenship | digital citizenship ; online safety, digital wellbeing | citoyenneté numérique ; sécurité en ligne, bien-être numérique
information-literacy | information literacy ; research skills, fact-checking, media literacy | littératie informationnelle ; recherche d'information, vérification des faits, éducation aux médias
remote-work | remote work skills ; telework, working from home | télétravail ; travail à distance, travail hybride
digital-content-creation | digital content creation ; canva, social media content | création de contenu numérique ; canva, contenu pour les réseaux sociaux
cloud-storage | cloud storage and file management ; onedrive, google drive | stockage infonuagique et gestion de fichiers ; onedrive, google drive, gestion de fichiers
low-code | no-code and low-code tools ; power apps, app builders | outils sans code et à faible code ; power apps, développement sans code
digital-transformation | digital transformation ; digitalization, digital strategy | transformation numérique ; virage numérique, numérisation des processus
## leadership-management
leadership | leadership ; people leadership, team leadership | leadership ; direction d'équipe, leadership mobilisateur
team-management | team management ; supervision, supervisory skills | gestion d'équipe ; supervision, encadrement du personnel
strategic-planning | strategic planning ; strategy, strategic management | planification stratégique ; stratégie, gestion stratégique
coaching-mentoring | coaching and mentoring ; coaching, mentorship | coaching et mentorat ; mentorat, accompagnement professionnel
decision-making | decision making ; problem solving, critical thinking | prise de décision ; résolution de problèmes, pensée critique
emotional-intelligence | emotional intelligence ; self-awareness, empathy | intelligence émotionnelle ; conscience de soi, empathie | EQ@en, QE@fr
time-management | time management ; productivity, prioritization | gestion du temps ; productivité, gestion des priorités
teamwork-collaboration | teamwork ; collaboration, team building | travail d'équipe ; collaboration, esprit d'équipe
inclusive-leadership | inclusive leadership ; leading diverse teams | leadership inclusif ; gestion de la diversité
operations-management | operations management ; business operations | gestion des opérations ; gestion opérationnelle
remote-team-leadership | leading remote teams ; hybrid team management, virtual teams | gestion d'équipes à distance ; gestion d'équipes hybrides, équipes virtuelles
"""

# ---------------------------------------------------------------------------
# Providers: id | languages (en, fr, bi) | website | English name | French name
#            | short English description | short French description
# Websites of real institutions are their public home pages; invented
# providers use the reserved .example domain.
# ---------------------------------------------------------------------------
PROVIDERS = """
college-boreal | fr | https://www.collegeboreal.ca | Collège Boréal | Collège Boréal | French-language college of applied arts and technology with campuses across Ontario. | Collège d'arts appliqués et de technologie de langue française présent partout en Ontario.
la-cite | fr | https://www.collegelacite.ca | La Cité | La Cité | French-language college of applied arts and technology in Ottawa. | Collège d'arts appliqués et de technologie de langue française situé à Ottawa.
umoncton | fr | https://www.umoncton.ca | Université de Moncton | Université de Moncton | French-language university with campuses in Moncton, Edmundston and Shippagan, New Brunswick. | Université de langue française établie à Moncton, Edmundston et Shippagan au Nouveau-Brunswick.
teluq | fr | https://www.teluq.ca | Université TÉLUQ | Université TÉLUQ | Québec's distance-learning university. | Université québécoise spécialisée en formation à distance.
cegep-a-distance | fr | https://cegepadistance.ca | Cégep à distance | Cégep à distance | Québec college offering college-level courses at a distance. | Établissement d'enseignement collégial offrant des cours à distance partout au Québec.
ulaval | fr | https://www.ulaval.ca | Université Laval | Université Laval | French-language university in Québec City. | Université de langue française située à Québec.
uof | fr | https://uontario.ca | Université de l'Ontario français | Université de l'Ontario français | French-language university in Toronto. | Université de langue française située à Toronto.
usainteanne | fr | https://www.usainteanne.ca | Université Sainte-Anne | Université Sainte-Anne | French-language university in Nova Scotia. | Université de langue française en Nouvelle-Écosse.
collegemathieu | fr | https://www.collegemathieu.sk.ca | Collège Mathieu | Collège Mathieu | French-language college in Saskatchewan. | Collège de langue française en Saskatchewan.
ustboniface | fr | https://ustboniface.ca | Université de Saint-Boniface | Université de Saint-Boniface | French-language university in Winnipeg, Manitoba. | Université de langue française située à Winnipeg, au Manitoba.
campus-saint-jean | bi | https://www.ualberta.ca/campus-saint-jean | Campus Saint-Jean, University of Alberta | Campus Saint-Jean, Université de l'Alberta | French-language campus of the University of Alberta in Edmonton. | Campus francophone de l'Université de l'Alberta à Edmonton.
ccnb | fr | https://ccnb.ca | Collège communautaire du Nouveau-Brunswick | Collège communautaire du Nouveau-Brunswick | French-language community college in New Brunswick. | Collège communautaire de langue française au Nouveau-Brunswick.
seneca | en | https://www.senecapolytechnic.ca | Seneca Polytechnic | Seneca Polytechnic | Polytechnic institution in the Greater Toronto Area. | Établissement polytechnique de la région du Grand Toronto.
george-brown | en | https://www.georgebrown.ca | George Brown College | Collège George Brown | College of applied arts and technology in downtown Toronto. | Collège d'arts appliqués et de technologie au centre-ville de Toronto.
bcit | en | https://www.bcit.ca | British Columbia Institute of Technology | British Columbia Institute of Technology | Polytechnic institute in Burnaby, British Columbia. | Institut polytechnique situé à Burnaby, en Colombie-Britannique.
rrc | en | https://www.rrc.ca | Red River College Polytechnic | Red River College Polytechnic | Polytechnic college in Winnipeg, Manitoba. | Collège polytechnique situé à Winnipeg, au Manitoba.
athabasca | en | https://www.athabascau.ca | Athabasca University | Université Athabasca | Online and distance university based in Alberta. | Université en ligne et à distance établie en Alberta.
algonquin | bi | https://www.algonquincollege.com | Algonquin College | Collège Algonquin | College of applied arts and technology in Ottawa. | Collège d'arts appliqués et de technologie situé à Ottawa.
humber | en | https://humber.ca | Humber Polytechnic | Humber Polytechnic | Polytechnic institution in Toronto. | Établissement polytechnique situé à Toronto.
nait | en | https://www.nait.ca | Northern Alberta Institute of Technology | Northern Alberta Institute of Technology | Polytechnic institute in Edmonton, Alberta. | Institut polytechnique situé à Edmonton, en Alberta.
sait | en | https://www.sait.ca | Southern Alberta Institute of Technology | Southern Alberta Institute of Technology | Polytechnic institute in Calgary, Alberta. | Institut polytechnique situé à Calgary, en Alberta.
dal | en | https://www.dal.ca | Dalhousie University | Université Dalhousie | University in Halifax, Nova Scotia. | Université située à Halifax, en Nouvelle-Écosse.
mun | en | https://www.mun.ca | Memorial University of Newfoundland | Université Memorial de Terre-Neuve | University in Newfoundland and Labrador. | Université de Terre-Neuve-et-Labrador.
tmu | en | https://www.torontomu.ca | Toronto Metropolitan University | Université métropolitaine de Toronto | University in downtown Toronto. | Université située au centre-ville de Toronto.
mcgill | en | https://www.mcgill.ca | McGill University | Université McGill | University in Montréal, Québec. | Université située à Montréal, au Québec.
concordia | en | https://www.concordia.ca | Concordia University | Université Concordia | University in Montréal, Québec. | Université située à Montréal, au Québec.
carleton | en | https://carleton.ca | Carleton University | Université Carleton | University in Ottawa, Ontario. | Université située à Ottawa, en Ontario.
uottawa | bi | https://www.uottawa.ca | University of Ottawa | Université d'Ottawa | Bilingual university in Ottawa, Ontario. | Université bilingue située à Ottawa, en Ontario.
bow-valley | en | https://bowvalleycollege.ca | Bow Valley College | Bow Valley College | Community college in Calgary, Alberta. | Collège communautaire situé à Calgary, en Alberta.
nscc | en | https://www.nscc.ca | Nova Scotia Community College | Nova Scotia Community College | Community college with campuses across Nova Scotia. | Collège communautaire présent partout en Nouvelle-Écosse.
conestoga | en | https://www.conestogac.on.ca | Conestoga College | Collège Conestoga | College in Kitchener and Waterloo Region, Ontario. | Collège de la région de Waterloo, en Ontario.
laurentian | bi | https://laurentian.ca | Laurentian University | Université Laurentienne | Bilingual university in Sudbury, Ontario. | Université bilingue située à Sudbury, en Ontario.
glendon | bi | https://www.glendon.yorku.ca | Glendon Campus, York University | Campus Glendon, Université York | Bilingual campus of York University in Toronto. | Campus bilingue de l'Université York à Toronto.
maple-learning | en | https://maple-learning.example | Maple Learning Online | Maple Learning Online | Invented online provider used in credbot's sample data. | Fournisseur en ligne fictif utilisé dans les données d'exemple de credbot.
trillium | en | https://trillium-upskill.example | Trillium Upskill Online | Trillium Upskill Online | Invented online provider of short, mostly free courses (sample data). | Fournisseur en ligne fictif de courtes formations, surtout gratuites (données d'exemple).
apprentissage-nord | fr | https://apprentissage-nord.example | Apprentissage Nord Numérique | Apprentissage Nord Numérique | Invented French-language online provider (sample data). | Fournisseur fictif de formation en ligne en français (données d'exemple).
atlantic-digital | bi | https://atlantic-digital-campus.example | Atlantic Digital Campus | Campus numérique de l'Atlantique | Invented bilingual online provider (sample data). | Fournisseur en ligne bilingue fictif (données d'exemple).
"""

# ---------------------------------------------------------------------------
# Occupations: id | en label ; en synonyms | fr label ; fr synonyms | skill ids
# ---------------------------------------------------------------------------
OCCUPATIONS = """
data-analyst | data analyst ; data analytics specialist, reporting analyst | analyste de données ; analyste en données, analyste de donnees | python sql data-visualisation statistics spreadsheets data-cleaning
cybersecurity-analyst | cybersecurity analyst ; information security analyst, security analyst | analyste en cybersécurité ; analyste en sécurité informatique, analyste en sécurité de l'information | cybersecurity-fundamentals network-security incident-response security-operations cyber-risk-management identity-access-management
bookkeeper | bookkeeper ; bookkeeping clerk, accounting clerk | teneur de livres ; teneuse de livres, commis à la comptabilité | bookkeeping accounts-payable-receivable payroll bank-reconciliation sales-taxes quickbooks general-ledger
accounting-technician | accounting technician ; junior accountant | technicien en comptabilité ; technicienne en comptabilité, technicien comptable | accounting financial-statements general-ledger month-end-close spreadsheets taxation
project-coordinator | project coordinator ; project administrator, project assistant | coordonnateur de projet ; coordonnatrice de projet, adjoint de projet | project-management project-scheduling stakeholder-engagement risk-management project-management-software agile
project-manager | project manager ; program manager | gestionnaire de projet ; chargé de projet, chargée de projet | project-management pmp-exam-prep budgeting-cost-control risk-management leadership change-management scrum
web-developer | web developer ; front-end developer, full-stack developer | développeur web ; développeuse web, intégrateur web | html-css javascript web-development front-end-frameworks version-control api-development web-accessibility
software-developer | software developer ; programmer, software engineer | développeur de logiciels ; programmeur, programmeuse, développeuse de logiciels | programming-fundamentals object-oriented-programming java version-control software-testing sql agile
cloud-administrator | cloud administrator ; cloud engineer, systems administrator | administrateur infonuagique ; administratrice de systèmes, administrateur de systèmes | cloud-computing linux-administration networking cloud-security containers scripting-automation
personal-support-worker | personal support worker ; health care aide, psw | préposé aux bénéficiaires ; préposée aux bénéficiaires, aide-soignant, pab | personal-support first-aid-cpr infection-prevention safe-patient-handling dementia-care home-care palliative-care
early-childhood-educator | early childhood educator ; ece, child care worker | éducatrice à la petite enfance ; éducateur à la petite enfance, éducatrice en service de garde | early-childhood-education child-development play-based-learning observation-documentation child-health-safety family-engagement first-aid-cpr
gis-technician | gis technician ; gis analyst, mapping technician | technicien en géomatique ; technicienne en géomatique, technicien sig | gis cartography spatial-analysis qgis arcgis remote-sensing spatial-databases
online-instructor | online instructor ; online teacher, e-learning facilitator | formateur en ligne ; formatrice en ligne, enseignant à distance, tuteur en formation à distance | online-teaching distance-education learning-management-systems assessment-evaluation educational-technology universal-design-learning
instructional-designer | instructional designer ; learning designer, e-learning developer | concepteur pédagogique ; conceptrice pédagogique, technopédagogue | instructional-design multimedia-learning-content learning-management-systems universal-design-learning adult-education micro-credential-design
hr-generalist | hr generalist ; human resources advisor, hr coordinator | généraliste en ressources humaines ; conseiller en ressources humaines, conseillère rh | human-resources-management recruitment employment-law compensation-benefits performance-management onboarding labour-relations
digital-marketer | digital marketing specialist ; digital marketer, online marketing coordinator | spécialiste en marketing numérique ; conseiller en marketing numérique, conseillère en marketing web | digital-marketing social-media-marketing seo content-marketing marketing-analytics email-marketing paid-advertising
palliative-care-nurse | palliative care nurse ; hospice nurse, end-of-life care nurse | infirmière en soins palliatifs ; infirmier en soins palliatifs, infirmière en soins de fin de vie | palliative-care pain-symptom-management advance-care-planning grief-bereavement palliative-approach-communication nursing-practice health-assessment
practical-nurse | practical nurse ; registered practical nurse, licensed practical nurse | infirmière auxiliaire ; infirmier auxiliaire, infirmière auxiliaire autorisée | nursing-practice health-assessment medication-administration wound-care clinical-documentation infection-prevention pharmacology
logistics-coordinator | logistics coordinator ; supply chain coordinator, shipping coordinator | coordonnateur de la logistique ; coordonnatrice de la logistique, agent de logistique | logistics inventory-management transportation-management warehouse-operations erp-systems procurement customs-trade-compliance
small-business-owner | small business owner ; entrepreneur, self-employed | propriétaire de petite entreprise ; entrepreneur, entrepreneure, travailleur autonome | entrepreneurship business-planning bookkeeping digital-marketing customer-service small-business-management e-commerce
environmental-technician | environmental technician ; environmental technologist, field technician | technicien en environnement ; technicienne en environnement, technologue en environnement | environmental-assessment water-quality environmental-regulations ecology-fieldwork gis waste-management
ohs-coordinator | health and safety coordinator ; ohs advisor, safety officer | coordonnateur en santé et sécurité au travail ; conseiller en prévention, conseillère sst | ohs-fundamentals whmis hazard-identification incident-investigation joint-health-safety-committee safety-management-systems ergonomics
machine-learning-engineer | machine learning engineer ; ml engineer, ai developer | ingénieur en apprentissage automatique ; ingénieure en apprentissage automatique, développeur ia | python machine-learning deep-learning mlops data-science cloud-computing statistics
construction-supervisor | construction site supervisor ; site superintendent, construction foreman | surintendant de chantier ; contremaître, surveillant de chantier | construction-site-supervision blueprint-reading building-codes construction-estimating ohs-fundamentals working-at-heights project-scheduling
community-support-worker | community support worker ; social service worker, outreach worker | intervenant communautaire ; intervenante communautaire, intervenant social | case-management crisis-intervention trauma-informed-care counselling-skills community-development addictions-support
fsl-teacher | french as a second language teacher ; fsl teacher, french teacher | enseignant de français langue seconde ; enseignante de français langue seconde, professeur de fls | french-second-language language-teaching assessment-evaluation classroom-management french-writing intercultural-communication
customer-service-representative | customer service representative ; customer support agent, client service agent | représentant du service à la clientèle ; agente du service à la clientèle, préposé au service à la clientèle | customer-service crm business-communication oral-communication office-productivity conflict-resolution
policy-analyst | policy analyst ; public policy analyst, policy advisor | analyste des politiques ; analyste en politiques publiques, conseiller en politiques | public-policy briefing-note-writing program-evaluation plain-language data-analysis community-consultation
ux-designer | ux designer ; ux/ui designer, product designer | designer ux ; concepteur d'expérience utilisateur, conceptrice d'interfaces | ux-design ui-design web-accessibility market-research graphic-design html-css
event-coordinator | event coordinator ; event planner, conference coordinator | coordonnateur d'événements ; coordonnatrice d'événements, organisateur d'événements | event-planning hospitality-management budgeting tourism-marketing customer-service social-media-marketing
"""

# ---------------------------------------------------------------------------
# Credentials (fictional sample offerings).
#   slug | class | provider | delivery | hours | price | skill ids | EN | FR
# class:    M MicroCredential, B Badge, D DigitalBadge, C Certificate,
#           P CertificateOfCompletion
# delivery: O OnlineOnly, I InPerson, B BlendedDelivery
# price:    CAD unless suffixed with U (USD); 0 means free
# EN / FR:  "Title ; what the learner will be able to do [; extra sentence]"
#           or "-" when the record has no text in that language.
# The subject(s) of a credential are the subjects of its skills.
# ---------------------------------------------------------------------------
CREDENTIALS = """
## data & analytics
data-analytics-python | M | seneca | O | 40 | 695 | python python-data-analysis data-analysis data-cleaning data-visualisation | Data Analytics with Python ; clean messy datasets with pandas and turn them into clear charts and findings ; Each module ends with a short notebook exercise based on open Canadian data. | -
analyse-donnees-excel | M | cegep-a-distance | O | 30 | 320 | spreadsheets data-analysis data-visualisation | - | Analyse de données avec Excel ; structurer des données dans un chiffrier, créer des tableaux croisés dynamiques et présenter les résultats sous forme de graphiques
sql-for-analysts | M | bcit | B | 24 | 540 | sql database-design | SQL for Data Analysts ; write queries that join, filter and summarize data stored in relational databases | SQL pour l'analyse de données ; écrire des requêtes qui joignent, filtrent et résument des données stockées dans des bases de données relationnelles
statistique-decision | D | uottawa | O | 36 | 480 | statistics data-analysis | Applied Statistics for Decision-Making ; interpret descriptive and inferential statistics and explain them to a non-specialist audience | Statistique appliquée à la prise de décision ; interpréter des statistiques descriptives et inférentielles et les expliquer à un public non spécialiste
data-analyst-career | C | maple-learning | O | 140 | 1850 | python-data-analysis sql statistics data-visualisation spreadsheets data-cleaning | Data Analyst Career Certificate ; carry out an analysis project from start to finish, from spreadsheet cleanup to SQL queries, Python notebooks and a presentation dashboard ; A capstone project lets you build a portfolio piece. | -
power-bi-dashboards | B | humber | O | 12 | 225 | business-intelligence data-visualisation | Power BI Dashboards ; build interactive dashboards and share reports with your team | Tableaux de bord Power BI ; créer des tableaux de bord interactifs et partager des rapports avec son équipe
visualisation-donnees-bases | D | apprentissage-nord | O | 6 | 0 | data-visualisation | - | Visualisation de données : les bases ; choisir le bon graphique et éviter les pièges courants de la représentation visuelle des données
nettoyage-donnees-python | M | ulaval | B | 45 | 610 | python python-data-analysis data-cleaning statistics | Data Cleaning in Python ; detect and fix missing values, duplicates and inconsistent formats before analysis | Nettoyage de données avec Python ; repérer et corriger les valeurs manquantes, les doublons et les formats incohérents avant l'analyse
r-for-research-data | M | dal | B | 30 | 420 | r-programming statistics | R for Research Data ; analyze research datasets and produce reproducible reports in RStudio | -
gouvernance-qualite-donnees | C | teluq | O | 45 | 590 | data-governance database-design | - | Gouvernance et qualité des données ; mettre en place des règles de qualité, de sécurité et de responsabilité pour les données de l'organisation
big-data-spark | M | concordia | I | 48 | 980 | big-data python | Big Data Processing with Spark ; process large datasets on a cluster using Spark and Python | -
spreadsheet-essentials | D | trillium | O | 4 | 0 | spreadsheets | Spreadsheet Essentials ; use formulas, sort and filter data and format a clean worksheet | -
certificat-analyste-donnees | C | la-cite | B | 120 | 1650 | sql statistics data-visualisation spreadsheets data-cleaning data-analysis | - | Certificat d'analyste de données ; mener une analyse complète, de la préparation des données jusqu'à la présentation d'un tableau de bord, à l'aide d'Excel, de SQL et d'outils de visualisation
## cybersecurity
cybersecurity-fundamentals | M | george-brown | O | 30 | 495 | cybersecurity-fundamentals network-security security-awareness | Cybersecurity Fundamentals ; explain common threats and apply basic controls that protect devices, networks and data | -
fondements-cybersecurite | M | college-boreal | B | 30 | 450 | cybersecurity-fundamentals security-awareness cyber-risk-management | - | Fondements de la cybersécurité ; reconnaître les principales menaces et appliquer des mesures de protection de base dans une organisation
cybersecurite-pme | M | laurentian | B | 20 | 350 | cybersecurity-fundamentals cyber-risk-management privacy-compliance | Cybersecurity for Small Businesses ; assess the main cyber risks facing a small business and put a realistic protection plan in place | Cybersécurité pour les PME ; évaluer les principaux risques cybernétiques d'une petite entreprise et mettre en place un plan de protection réaliste
reponse-incidents-cyber | M | umoncton | B | 36 | 620 | incident-response digital-forensics security-operations | Cybersecurity Incident Response ; detect, contain and document a security incident by following a structured process | Réponse aux incidents de cybersécurité ; détecter, contenir et documenter un incident de sécurité en suivant un processus structuré
soc-analyst | C | sait | I | 90 | 1900 | security-operations incident-response network-security cybersecurity-fundamentals identity-access-management | Security Operations Centre Analyst ; monitor alerts in a SIEM, triage incidents and escalate them according to playbooks ; Labs run in a simulated security operations centre. | -
sensibilisation-hameconnage | B | apprentissage-nord | O | 2 | 0 | security-awareness | Phishing Awareness ; spot phishing emails and suspicious links before they cause harm | Sensibilisation à l'hameçonnage ; repérer les courriels d'hameçonnage et les liens suspects avant qu'ils ne causent des dommages
ethical-hacking-pentest | M | nait | B | 40 | 850 | ethical-hacking network-security | Ethical Hacking and Penetration Testing ; plan and run a scoped penetration test and report findings responsibly | -
gestion-identites-acces | M | teluq | O | 24 | 395 | identity-access-management cryptography | Identity and Access Management ; configure multi-factor authentication and assign access rights on the principle of least privilege | Gestion des identités et des accès ; configurer l'authentification multifacteur et attribuer les droits d'accès selon le principe du moindre privilège
privacy-compliance-canada | M | mcgill | O | 15 | 300 | privacy-compliance | Privacy Compliance in Canada ; apply PIPEDA and Québec Law 25 requirements to everyday data handling | Conformité en protection des renseignements personnels ; appliquer les exigences de la LPRPDE et de la Loi 25 au traitement quotidien des données
analyste-cybersecurite | C | la-cite | B | 110 | 1750 | cybersecurity-fundamentals network-security incident-response security-operations cyber-risk-management identity-access-management | - | Analyste en cybersécurité ; surveiller les systèmes, analyser les alertes et coordonner la réponse aux incidents dans un centre des opérations de sécurité
applied-cryptography-basics | B | carleton | O | 6 | 95 | cryptography | Applied Cryptography Basics ; choose appropriate encryption and hashing methods for data at rest and in transit | -
cyber-risk-assessment | M | athabasca | O | 25 | 480 | cyber-risk-management | Cyber Risk Assessment ; identify assets, threats and vulnerabilities and prioritize risks with a simple framework | Évaluation des risques cybernétiques ; recenser les actifs, les menaces et les vulnérabilités et prioriser les risques à l'aide d'un cadre simple
securite-reseaux | M | ccnb | I | 40 | 560 | network-security networking | - | Sécurité des réseaux ; configurer des pare-feu, segmenter un réseau et détecter les intrusions
## software development
web-development-foundations | M | humber | B | 60 | 980 | html-css javascript web-development | Web Development Foundations ; build responsive websites with HTML, CSS and JavaScript | -
html-css-debutants | B | cegep-a-distance | O | 15 | 150 | html-css | - | HTML et CSS pour débutants ; créer une page web bien structurée et la mettre en forme avec CSS
javascript-react | M | uof | O | 35 | 520 | javascript front-end-frameworks | Modern JavaScript and React ; build interactive interfaces with modern JavaScript and React components | JavaScript moderne et React ; concevoir des interfaces interactives avec JavaScript moderne et des composants React
full-stack-web-developer | C | rrc | B | 150 | 1990 | web-development javascript front-end-frameworks api-development version-control sql | Full-Stack Web Developer Certificate ; design, build and deploy a complete web application with a front end, a REST API and a database | -
git-github-basics | D | trillium | O | 5 | 0 | version-control | Git and GitHub Basics ; track changes, work on branches and collaborate on code through pull requests | Git et GitHub : les bases ; suivre les modifications, travailler avec des branches et collaborer au moyen de demandes de tirage
gestion-versions-git | B | ustboniface | O | 6 | 60 | version-control | - | Gestion de versions avec Git ; suivre l'évolution d'un projet et collaborer au moyen de branches
java-programming | P | algonquin | I | 60 | 890 | java object-oriented-programming | Java Programming ; write object-oriented Java applications using classes, interfaces and collections | -
initiation-programmation | M | ccnb | I | 45 | 420 | programming-fundamentals python | - | Initiation à la programmation ; écrire ses premiers programmes en Python et décomposer un problème en étapes logiques
software-testing-qa | M | conestoga | B | 30 | 560 | software-testing agile | Software Testing and Quality Assurance ; write unit and integration tests and plan testing activities within an agile team | -
rest-api-development | M | atlantic-digital | O | 20 | 290 | api-development | Building REST APIs ; design and document REST endpoints and secure them with tokens | Créer des API REST ; concevoir et documenter des points de terminaison REST et les sécuriser au moyen de jetons
mobile-app-development | M | george-brown | B | 60 | 1150 | mobile-development javascript | Mobile App Development ; build cross-platform mobile apps and publish them to the app stores | -
csharp-dotnet | M | sait | I | 40 | 640 | csharp-dotnet object-oriented-programming | C# and .NET Development ; build desktop and web applications with C# and .NET | -
programmeur-logiciels | C | college-boreal | B | 130 | 1600 | programming-fundamentals object-oriented-programming java software-testing version-control sql | - | Programmation de logiciels ; concevoir, tester et maintenir des applications Java selon les bonnes pratiques de développement
## cloud
cloud-computing-fundamentals | D | maple-learning | O | 10 | 0 | cloud-computing | Cloud Computing Fundamentals ; explain cloud service models and choose between IaaS, PaaS and SaaS for a given need | Notions de base en infonuagique ; expliquer les modèles de services infonuagiques et choisir entre IaaS, PaaS et SaaS selon le besoin
introduction-infonuagique | M | la-cite | B | 30 | 395 | cloud-computing cloud-architecture | - | Introduction à l'infonuagique ; déployer des services dans le nuage et comparer les principaux modèles de services
linux-system-administration | P | nscc | I | 45 | 720 | linux-administration scripting-automation | Linux System Administration ; install, configure and troubleshoot Linux servers from the command line | -
administration-linux | M | ccnb | B | 45 | 650 | linux-administration networking | - | Administration de systèmes Linux ; installer, configurer et dépanner des serveurs Linux en ligne de commande
networking-essentials | M | algonquin | B | 40 | 680 | networking | Networking Essentials ; configure switches, routers and IP addressing for a small office network | Notions essentielles de réseautique ; configurer des commutateurs, des routeurs et l'adressage IP pour le réseau d'un petit bureau
devops-pipelines | M | tmu | O | 35 | 790 | devops containers version-control | DevOps Pipelines ; automate builds, tests and deployments with CI/CD pipelines and containers | -
docker-kubernetes | M | atlantic-digital | O | 25 | 450 | containers | Docker and Kubernetes ; package applications in containers and deploy them on a Kubernetes cluster | Docker et Kubernetes ; empaqueter des applications dans des conteneurs et les déployer sur une grappe Kubernetes
cloud-security | M | athabasca | O | 30 | 560 | cloud-security identity-access-management | Cloud Security ; secure cloud workloads with identity controls, encryption and logging | -
cloud-administrator | C | bcit | B | 120 | 1950 | cloud-computing linux-administration networking cloud-security containers scripting-automation | Cloud Administrator Certificate ; operate and secure cloud infrastructure, from Linux hosts and networks to containerized services | -
terraform-iac | B | carleton | O | 8 | 150 | infrastructure-as-code | Infrastructure as Code with Terraform ; describe cloud infrastructure as reusable code and deploy it safely | -
soutien-informatique | M | cegep-a-distance | O | 40 | 250 | it-support computer-basics | - | Soutien informatique aux utilisateurs ; diagnostiquer les problèmes courants des postes de travail et accompagner les utilisateurs
virtualisation-serveurs | P | umoncton | I | 30 | 480 | virtualization networking | Server Virtualization ; create and manage virtual machines in an enterprise environment | Virtualisation des serveurs ; créer et gérer des machines virtuelles dans un environnement d'entreprise
securite-infonuagique | M | uof | B | 24 | 410 | cloud-security cloud-computing | - | Sécurité infonuagique ; protéger les données et les charges de travail hébergées dans le nuage
powershell-bash | B | seneca | O | 12 | 180 | scripting-automation | PowerShell and Bash Automation ; automate routine administration tasks with short scripts | -
## artificial intelligence
ai-for-everyone | D | trillium | O | 3 | 0 | artificial-intelligence | AI for Everyone ; explain what AI can and cannot do and spot useful applications in your own work | L'IA expliquée à tous ; expliquer ce que l'IA peut et ne peut pas faire et repérer des applications utiles dans son propre travail
ia-pour-tous | B | apprentissage-nord | O | 4 | 0 | artificial-intelligence generative-ai | - | L'IA pour tous ; expliquer le fonctionnement de l'intelligence artificielle et utiliser l'IA générative de façon éclairée
machine-learning-python | M | uottawa | B | 45 | 890 | machine-learning python statistics | Machine Learning with Python ; train, evaluate and compare predictive models with scikit-learn | Apprentissage automatique avec Python ; entraîner, évaluer et comparer des modèles prédictifs avec scikit-learn
deep-learning-foundations | M | mcgill | I | 40 | 1200 | deep-learning machine-learning | Deep Learning Foundations ; build and train neural networks for image and text problems | -
prompt-engineering-work | D | maple-learning | O | 6 | 49U | prompt-engineering generative-ai | Prompt Engineering for Work ; write effective prompts and check the output of generative AI tools before using it | Ingénierie de requêtes au travail ; rédiger des requêtes efficaces et vérifier les résultats des outils d'IA générative avant de les utiliser
ia-generative-travail | M | teluq | O | 15 | 220 | generative-ai prompt-engineering ai-ethics | - | IA générative en milieu de travail ; intégrer des outils d'IA générative à ses tâches tout en respectant les règles d'éthique et de confidentialité
responsible-ai | M | concordia | O | 20 | 350 | ai-ethics | Responsible AI ; assess AI systems for bias, transparency and accountability | Intelligence artificielle responsable ; évaluer les systèmes d'IA sous l'angle des biais, de la transparence et de la reddition de comptes
traitement-automatique-langues | M | ulaval | B | 40 | 760 | natural-language-processing machine-learning | Natural Language Processing ; build text analysis models for French and English corpora | Traitement automatique des langues ; construire des modèles d'analyse de texte pour des corpus en français et en anglais
mlops-practice | M | sait | O | 35 | 990 | mlops cloud-computing | MLOps in Practice ; deploy, monitor and retrain machine learning models in production | -
data-science-certificate | C | dal | O | 150 | 1980 | data-science python statistics machine-learning deep-learning mlops | Data Science Certificate ; take a machine learning project from raw data to a deployed and monitored model | -
computer-vision-applications | M | humber | B | 30 | 640 | computer-vision deep-learning | Computer Vision Applications ; build image classification and object detection pipelines | -
automatisation-intelligente | M | la-cite | B | 20 | 300 | ai-automation | - | Automatisation intelligente des processus ; automatiser des tâches répétitives à l'aide d'outils d'automatisation robotisée
intro-data-science | M | ustboniface | B | 30 | 380 | data-science python python-data-analysis | Introduction to Data Science ; frame a question, explore data and communicate results the way a data scientist does | Introduction à la science des données ; formuler une question, explorer des données et communiquer les résultats comme le fait un scientifique des données
## project management
pmp-exam-prep | M | maple-learning | O | 35 | 299U | pmp-exam-prep project-management risk-management budgeting-cost-control | PMP Exam Prep ; review the PMBOK knowledge areas and practise with exam-style questions ; Includes three full-length practice exams with answer explanations. | -
preparation-examen-pmp | M | teluq | O | 35 | 450 | pmp-exam-prep project-management | - | Préparation à l'examen PMP ; réviser les domaines de connaissances du PMBOK et s'exercer avec des questions de type examen
agile-scrum-practice | M | humber | B | 21 | 395 | agile scrum | Agile and Scrum in Practice ; run sprints, manage a product backlog and facilitate scrum events | -
gestion-projet-agile | M | uof | O | 24 | 380 | agile scrum project-management-software | - | Gestion de projet agile ; planifier et livrer un projet par itérations avec Scrum et un outil comme Jira
project-management-fundamentals | M | algonquin | B | 30 | 540 | project-management project-scheduling stakeholder-engagement | Project Management Fundamentals ; plan a project, build a realistic schedule and keep stakeholders informed | Notions fondamentales de gestion de projet ; planifier un projet, élaborer un échéancier réaliste et tenir les parties prenantes informées
coordination-projets | C | college-boreal | O | 90 | 1200 | project-management project-scheduling stakeholder-engagement risk-management project-management-software agile | - | Coordination de projets ; soutenir un gestionnaire de projet dans la planification, le suivi et la communication d'un projet
project-coordinator-certificate | C | bow-valley | O | 100 | 1450 | project-management project-scheduling stakeholder-engagement risk-management project-management-software agile | Project Coordinator Certificate ; coordinate schedules, risks, documents and meetings on small and mid-sized projects | -
scheduling-ms-project | B | nscc | I | 8 | 120 | project-management-software project-scheduling | Scheduling with MS Project ; build a project schedule, assign resources and track progress | -
project-risk-management | M | carleton | I | 20 | 420 | risk-management | Project Risk Management ; identify, analyze and respond to project risks before they become problems | Gestion des risques de projet ; cerner, analyser et traiter les risques d'un projet avant qu'ils ne deviennent des problèmes
gestion-du-changement | M | ulaval | B | 20 | 390 | change-management stakeholder-engagement | Leading Organizational Change ; plan and lead a change so that people actually adopt new ways of working | Gestion du changement ; planifier et accompagner un changement organisationnel pour que les personnes adoptent réellement de nouvelles façons de faire
lean-six-sigma-foundations | B | conestoga | I | 16 | 350 | lean-six-sigma | Lean Six Sigma Foundations ; apply the DMAIC method to small process improvement projects | -
budget-couts-projet | B | usainteanne | O | 10 | 150 | budgeting-cost-control | - | Budget et contrôle des coûts de projet ; estimer les coûts d'un projet et suivre les écarts budgétaires
scrum-three-hours | D | atlantic-digital | O | 3 | 0 | scrum | Scrum in Three Hours ; describe scrum roles, events and artifacts and take part in a first sprint | Scrum en trois heures ; décrire les rôles, les événements et les artéfacts de Scrum et participer à un premier sprint
## accounting & finance
comptabilite-en-ligne-pme | M | cegep-a-distance | O | 30 | 295 | accounting cloud-accounting bookkeeping | - | Comptabilité en ligne pour PME ; tenir la comptabilité d'une petite entreprise avec un logiciel comptable en ligne, de la saisie des factures jusqu'aux rapports mensuels
introductory-financial-accounting | P | athabasca | O | 40 | 550 | accounting financial-statements | Introductory Financial Accounting ; record business transactions and prepare basic financial statements | -
principes-comptabilite | M | umoncton | B | 45 | 590 | accounting financial-statements general-ledger | Accounting Principles ; record routine transactions and prepare simple financial statements | Principes de comptabilité ; enregistrer les opérations courantes et préparer des états financiers simples
accounting-technician | C | nait | B | 140 | 1890 | accounting financial-statements general-ledger month-end-close taxation spreadsheets | Accounting Technician Certificate ; manage the accounting cycle through month-end close, prepare financial statements and support tax filings | -
technique-comptabilite | C | ccnb | B | 130 | 1500 | accounting financial-statements general-ledger month-end-close taxation | - | Technique de comptabilité ; gérer le cycle comptable complet jusqu'à la fermeture de fin de mois et préparer les déclarations fiscales courantes
personal-income-tax | M | atlantic-digital | O | 20 | 260 | taxation | Personal Income Tax Preparation ; prepare T1 returns for common situations using tax software | Préparation des déclarations de revenus des particuliers ; préparer des déclarations T1 courantes à l'aide d'un logiciel d'impôt
financial-modelling | M | tmu | B | 36 | 850 | financial-analysis corporate-finance spreadsheets | Financial Modelling and Analysis ; build a three-statement model in Excel and evaluate a company's performance | -
analyse-financiere | M | ulaval | I | 30 | 520 | financial-analysis corporate-finance | - | Analyse financière ; interpréter les états financiers à l'aide de ratios et évaluer la santé financière d'une entreprise
managerial-accounting | P | mun | I | 30 | 480 | managerial-accounting budgeting | Managerial Accounting ; use cost information and budgets to support management decisions | -
finances-personnelles-101 | B | usainteanne | O | 6 | 0 | personal-finance | - | Finances personnelles 101 ; établir un budget, gérer ses dettes et planifier son épargne
financial-reporting-standards | M | concordia | O | 24 | 690 | ifrs-aspe financial-statements | Financial Reporting Standards ; apply IFRS and ASPE when preparing financial statements | Normes d'information financière ; appliquer les IFRS et les NCECF dans la préparation des états financiers
audit-interne | M | teluq | O | 30 | 450 | auditing | Introduction to Internal Audit ; plan an audit engagement and assess how well internal controls work | Introduction à l'audit interne ; planifier une mission d'audit et évaluer l'efficacité des contrôles internes
fintech-essentials | B | dal | O | 10 | 150 | fintech | Fintech Essentials ; explain how digital payments, open banking and blockchain are changing financial services | -
budgeting-forecasting | B | bow-valley | O | 10 | 175 | budgeting spreadsheets | Budgeting and Forecasting ; build an operating budget and a rolling forecast in a spreadsheet | -
## bookkeeping
bookkeeping-fundamentals | M | bow-valley | I | 30 | 420 | bookkeeping general-ledger bank-reconciliation | Bookkeeping Fundamentals ; record journal entries, post them to the general ledger and reconcile bank accounts | -
tenue-de-livres | M | college-boreal | B | 36 | 395 | bookkeeping general-ledger accounts-payable-receivable | - | Tenue de livres ; enregistrer les transactions, tenir le grand livre et gérer les comptes fournisseurs et clients
quickbooks-online-essentials | B | maple-learning | O | 12 | 149 | quickbooks cloud-accounting bookkeeping | QuickBooks Online Essentials ; set up a company file, enter sales and expenses and run standard reports | -
quickbooks-premiers-pas | B | apprentissage-nord | O | 10 | 135 | quickbooks bookkeeping | - | QuickBooks en ligne : premiers pas ; configurer le dossier d'une entreprise, saisir les ventes et les dépenses et produire des rapports
payroll-administration | M | nscc | B | 30 | 490 | payroll | Payroll Administration ; calculate pay, deductions and remittances and issue T4 slips | -
paie-taxes-vente | M | campus-saint-jean | O | 30 | 425 | payroll sales-taxes taxation | Canadian Payroll and Sales Taxes ; process payroll, calculate source deductions and file GST/HST returns | Paie et taxes de vente au Canada ; traiter la paie, calculer les retenues à la source et produire les déclarations de TPS/TVH
gst-hst-basics | B | seneca | O | 6 | 95 | sales-taxes taxation | GST/HST Basics for Small Business ; register for, charge and remit GST/HST correctly | TPS/TVH : l'essentiel pour les petites entreprises ; s'inscrire, percevoir et remettre correctement la TPS/TVH
bookkeeper-certificate | C | george-brown | B | 100 | 1390 | bookkeeping accounts-payable-receivable payroll bank-reconciliation sales-taxes quickbooks | Bookkeeper Certificate ; keep the complete books of a small business, from payables and payroll to reconciliations and sales tax returns | -
rapprochement-bancaire | B | cegep-a-distance | O | 5 | 0 | bank-reconciliation bookkeeping | - | Rapprochement bancaire ; concilier un relevé bancaire avec les livres et expliquer les écarts
sage-50-accounting | B | rrc | I | 14 | 220 | sage-accounting | Sage 50 Accounting ; manage receivables, payables and inventory in Sage 50 | -
fermeture-fin-de-mois | D | ccnb | O | 8 | 110 | month-end-close general-ledger | - | Fermeture de fin de mois ; passer les écritures de régularisation et préparer une balance de vérification
payables-receivables | B | trillium | O | 8 | 90 | accounts-payable-receivable | Accounts Payable and Receivable ; process invoices, follow up on overdue accounts and match payments | Comptes fournisseurs et comptes clients ; traiter les factures, relancer les comptes en souffrance et rapprocher les paiements
## business & entrepreneurship
starting-small-business | M | rrc | I | 20 | 0 | entrepreneurship business-planning | Starting a Small Business ; test a business idea and write a lean business plan | -
demarrer-son-entreprise | M | collegemathieu | B | 24 | 0 | entrepreneurship business-planning small-business-management | - | Démarrer son entreprise ; valider une idée d'affaires, rédiger un plan d'affaires et connaître les démarches de démarrage
gestion-pme | C | umoncton | B | 90 | 1200 | small-business-management business-planning bookkeeping digital-marketing customer-service | - | Gestion de PME ; gérer les finances, le marketing et le service à la clientèle d'une petite entreprise
customer-service-excellence | B | bow-valley | I | 6 | 90 | customer-service | Customer Service Excellence ; handle customer requests and complaints with professionalism | Excellence du service à la clientèle ; traiter les demandes et les plaintes des clients avec professionnalisme
service-clientele-qualite | B | la-cite | O | 5 | 0 | customer-service | - | Service à la clientèle de qualité ; accueillir les clients, traiter les plaintes et fidéliser la clientèle
online-store-launch | M | maple-learning | O | 18 | 240 | e-commerce digital-marketing | Launching an Online Store ; set up an e-commerce store, list products and accept online payments | -
vendre-en-ligne-shopify | B | apprentissage-nord | O | 8 | 75 | e-commerce | - | Vendre en ligne avec Shopify ; créer une boutique, ajouter des produits et configurer le paiement en ligne
sales-negotiation | M | humber | B | 20 | 380 | sales negotiation | Sales and Negotiation Skills ; prospect clients, present offers and negotiate agreements that work for both sides | -
crm-salesforce | B | sait | O | 12 | 260 | crm | CRM with Salesforce ; manage leads, contacts and opportunities in a CRM | -
relation-client-grc | M | ustboniface | O | 15 | 210 | crm customer-service | Customer Relationship Management ; use CRM software to follow up with customers and improve their experience | Gestion de la relation client ; utiliser un logiciel de GRC pour suivre les clients et améliorer leur expérience
export-international-trade | M | mun | B | 25 | 450 | international-business | International Trade and Export ; prepare an export plan and choose a market entry strategy | -
business-communication | M | glendon | I | 20 | 300 | business-communication | Business Communication ; write clear emails, reports and proposals for a professional audience | Communication d'affaires ; rédiger des courriels, des rapports et des propositions clairs pour un public professionnel
entrepreneuriat-social | M | uof | O | 20 | 180 | social-entrepreneurship | Social and Co-operative Entrepreneurship ; start a social economy project or a co-operative | Entrepreneuriat social et coopératif ; démarrer un projet d'économie sociale ou une coopérative
business-analysis-essentials | M | conestoga | I | 36 | 720 | business-analysis stakeholder-engagement | Business Analysis Essentials ; elicit requirements, model processes and write clear user stories | -
customer-service-representative | C | nscc | B | 60 | 850 | customer-service crm business-communication oral-communication office-productivity conflict-resolution | Customer Service Representative Certificate ; serve customers by phone, email and chat, log interactions in a CRM and defuse difficult situations | -
## marketing
digital-marketing-fundamentals | M | george-brown | I | 30 | 495 | digital-marketing social-media-marketing content-marketing | Digital Marketing Fundamentals ; plan a digital campaign across search, social media and email | -
marketing-numerique | M | uof | B | 30 | 420 | digital-marketing seo marketing-analytics | - | Marketing numérique ; élaborer une stratégie numérique et en mesurer les résultats avec Google Analytics
seo-basics | D | maple-learning | O | 8 | 0 | seo | SEO Basics ; improve a website's ranking through keyword research and on-page optimization | Référencement naturel : les bases ; améliorer le positionnement d'un site web grâce à la recherche de mots-clés et à l'optimisation des pages
social-media-marketing | D | trillium | O | 6 | 79 | social-media-marketing | Social Media Marketing ; plan a content calendar and grow an engaged audience | -
marketing-reseaux-sociaux | B | apprentissage-nord | O | 6 | 65 | social-media-marketing content-marketing | - | Marketing sur les réseaux sociaux ; planifier un calendrier de contenu et animer une communauté en ligne
google-ads-paid-search | M | humber | O | 15 | 290 | paid-advertising marketing-analytics | Google Ads and Paid Search ; set up, optimize and measure paid search campaigns | -
email-marketing | B | nscc | I | 6 | 120 | email-marketing | Email Marketing ; design newsletters and automated email sequences that convert | Marketing par courriel ; concevoir des infolettres et des séquences de courriels automatisées qui convertissent
digital-marketing-specialist | C | seneca | O | 120 | 1790 | digital-marketing social-media-marketing seo content-marketing marketing-analytics paid-advertising | Digital Marketing Specialist Certificate ; run integrated campaigns across search, social, content and paid media and report on their results | -
infolettres-efficaces | B | ccnb | O | 5 | 0 | email-marketing | - | Infolettres efficaces ; concevoir des infolettres et des séquences de courriels automatisées
brand-strategy | M | concordia | B | 20 | 420 | branding market-research | Brand Strategy ; define a brand's positioning and test it through market research | Stratégie de marque ; définir le positionnement d'une marque et le valider par une étude de marché
relations-publiques | M | ulaval | I | 24 | 390 | public-relations | - | Relations publiques et relations de presse ; rédiger des communiqués et entretenir de bonnes relations avec les médias
marketing-analytics | M | carleton | O | 20 | 450 | marketing-analytics data-visualisation | Marketing Analytics ; measure campaign performance and build marketing dashboards | -
content-marketing-web-writing | M | atlantic-digital | O | 15 | 220 | content-marketing seo | Content Marketing and Web Writing ; write web content that ranks well and converts readers into customers | Marketing de contenu et rédaction web ; rédiger des contenus web bien référencés qui transforment les lecteurs en clients
## human resources
hr-fundamentals | M | conestoga | B | 36 | 590 | human-resources-management recruitment onboarding | Human Resources Fundamentals ; support core HR processes from hiring to onboarding | -
gestion-ressources-humaines | M | teluq | O | 45 | 560 | human-resources-management employment-law performance-management | - | Gestion des ressources humaines ; appliquer les bonnes pratiques de GRH en matière de dotation, de gestion du rendement et de normes du travail
hr-generalist-certificate | C | humber | O | 120 | 1850 | human-resources-management recruitment employment-law compensation-benefits performance-management labour-relations | HR Generalist Certificate ; handle day-to-day HR work, from recruitment and pay to performance reviews and labour relations | -
recrutement-integration | M | uof | O | 20 | 320 | recruitment onboarding | Recruitment and Onboarding ; run a structured hiring process and welcome new employees | Recrutement et intégration ; mener un processus d'embauche structuré et bien accueillir les nouveaux employés
employment-law-managers | M | carleton | I | 20 | 380 | employment-law | Employment Law for Managers ; apply employment standards and human rights obligations in everyday management | Droit du travail pour gestionnaires ; appliquer les normes d'emploi et les obligations en matière de droits de la personne dans la gestion quotidienne
normes-du-travail | B | collegemathieu | O | 6 | 0 | employment-law | - | Normes du travail : l'essentiel ; expliquer les droits et les obligations de base des employeurs et des employés
remuneration-avantages | M | ulaval | O | 30 | 480 | compensation-benefits | - | Rémunération et avantages sociaux ; concevoir une structure salariale équitable et un programme d'avantages sociaux
compensation-performance | B | mun | I | 12 | 220 | compensation-benefits performance-management | Compensation and Performance ; link pay decisions to performance reviews in a fair and transparent way | -
labour-relations-bargaining | M | dal | I | 30 | 520 | labour-relations negotiation | Labour Relations and Collective Bargaining ; interpret collective agreements and prepare for bargaining | -
relations-de-travail | M | umoncton | B | 30 | 450 | labour-relations conflict-resolution | - | Relations de travail ; interpréter une convention collective et gérer les griefs
edi-at-work | D | algonquin | O | 5 | 0 | diversity-inclusion | Equity, Diversity and Inclusion at Work ; recognize bias and contribute to an inclusive workplace | Équité, diversité et inclusion au travail ; reconnaître les biais et contribuer à un milieu de travail inclusif
formation-developpement | M | cegep-a-distance | O | 24 | 310 | training-development adult-education | - | Formation et développement des compétences ; analyser les besoins de formation et concevoir des activités pour le personnel
people-analytics | M | tmu | O | 20 | 460 | hr-analytics data-analysis | People Analytics ; use HR data to answer workforce questions about turnover, hiring and engagement | -
mieux-etre-au-travail | B | usainteanne | O | 4 | 0 | workplace-wellness psychological-safety | Workplace Wellness ; put simple actions in place that support mental health at work | Mieux-être au travail ; mettre en place des actions simples qui favorisent la santé mentale au travail
## health care
psw-foundations | C | george-brown | B | 150 | 1950 | personal-support safe-patient-handling infection-prevention home-care dementia-care palliative-care | Personal Support Worker Foundations ; provide safe personal care at home and in long-term care, including for people living with dementia or nearing the end of life | -
prepose-beneficiaires | C | college-boreal | B | 150 | 1800 | personal-support safe-patient-handling infection-prevention home-care first-aid-cpr | - | Préposé aux bénéficiaires : fondements ; offrir des soins d'assistance personnelle sécuritaires à domicile et en établissement
first-aid-cpr | B | rrc | I | 8 | 120 | first-aid-cpr | First Aid and CPR ; respond to common emergencies and perform CPR with an AED | -
secourisme-rcr | B | ustboniface | I | 8 | 110 | first-aid-cpr | - | Secourisme et RCR ; intervenir en situation d'urgence et pratiquer la RCR avec un DEA
ipac-basics | D | maple-learning | O | 4 | 0 | infection-prevention | Infection Prevention and Control Basics ; apply hand hygiene, personal protective equipment and routine practices | Prévention et contrôle des infections : notions de base ; appliquer l'hygiène des mains, les pratiques de base et le port de l'équipement de protection individuelle
medical-terminology | P | athabasca | O | 30 | 390 | medical-terminology | Medical Terminology ; read and use medical terms correctly in health care settings | -
terminologie-medicale | P | cegep-a-distance | O | 30 | 280 | medical-terminology | - | Terminologie médicale ; décoder et employer correctement le vocabulaire médical
mental-health-first-aid | B | nscc | I | 12 | 180 | mental-health-first-aid | Mental Health First Aid ; recognize the signs of a mental health crisis and offer initial support | Premiers soins en santé mentale ; reconnaître les signes d'une crise de santé mentale et offrir un soutien initial
dossiers-sante-electroniques | M | umoncton | O | 20 | 300 | health-informatics | Electronic Health Records ; enter and retrieve clinical information in an electronic health record | Dossiers de santé électroniques ; saisir et consulter l'information clinique dans un dossier de santé électronique
home-care-support | M | bow-valley | I | 24 | 350 | home-care personal-support | Home Care Support ; support clients living at home with daily activities and safety | -
deplacement-securitaire | B | la-cite | I | 6 | 140 | safe-patient-handling | - | Déplacement sécuritaire des bénéficiaires ; effectuer des transferts et des déplacements sécuritaires pour la personne aidée et pour soi
public-health-intro | M | uottawa | B | 30 | 420 | public-health | Introduction to Public Health ; read population health data and plan a health promotion activity | Introduction à la santé publique ; lire des données sur la santé des populations et planifier une activité de promotion de la santé
communicating-with-patients | B | mun | I | 6 | 80 | patient-communication | Communicating with Patients ; use therapeutic communication to build trust with patients and families | Communiquer avec les patients ; utiliser la communication thérapeutique pour établir un lien de confiance avec les patients et leurs familles
## nursing
advanced-health-assessment | M | dal | B | 40 | 780 | health-assessment clinical-documentation | Advanced Health Assessment ; perform a head-to-toe assessment and document findings accurately | -
evaluation-sante | M | umoncton | B | 40 | 690 | health-assessment nursing-practice | - | Évaluation de la santé ; réaliser un examen physique complet et consigner ses constats
wound-care-management | M | mcgill | B | 24 | 560 | wound-care | Wound Care Management ; assess wounds and choose the right dressing for each stage of healing | Soins des plaies ; évaluer les plaies et choisir le pansement adapté à chaque stade de cicatrisation
pharmacology-for-nurses | M | athabasca | O | 36 | 620 | pharmacology medication-administration | Pharmacology for Nurses ; calculate doses and administer medications safely | -
pharmacologie-medicaments | M | ulaval | O | 36 | 560 | pharmacology medication-administration | - | Pharmacologie et administration des médicaments ; calculer les doses et administrer les médicaments de façon sécuritaire
critical-care-nursing | C | mun | B | 120 | 1980 | critical-care health-assessment pharmacology | Critical Care Nursing ; care for critically ill patients and respond to rapid changes in their condition | -
soins-infirmiers-sante-mentale | M | la-cite | B | 30 | 480 | mental-health-nursing | - | Soins infirmiers en santé mentale ; évaluer l'état mental d'une personne et intervenir auprès de personnes en crise
practical-nursing-refresher | C | nscc | B | 110 | 1650 | nursing-practice health-assessment medication-administration wound-care clinical-documentation infection-prevention | Practical Nursing Refresher ; return to practice with updated skills in assessment, medications, wound care and documentation | -
clinical-documentation | B | campus-saint-jean | O | 6 | 90 | clinical-documentation | Clinical Documentation ; write clear, accurate and defensible progress notes | Documentation clinique ; rédiger des notes d'évolution claires, exactes et conformes aux normes
soins-perinatalite | M | usainteanne | B | 30 | 450 | maternal-child-nursing | - | Soins infirmiers en périnatalité ; accompagner les familles pendant la grossesse, l'accouchement et la période postnatale
community-health-nursing | M | tmu | I | 30 | 540 | community-health-nursing public-health | Community Health Nursing ; plan nursing interventions for families and communities | -
perioperative-nursing | C | humber | I | 90 | 1700 | perioperative-nursing infection-prevention | Perioperative Nursing ; work safely in the operating room before, during and after surgery | -
## palliative care & gerontology
palliative-care-essentials | M | humber | O | 30 | 395 | palliative-care pain-symptom-management advance-care-planning grief-bereavement | Palliative Care Essentials ; apply a palliative approach to care, manage pain and symptoms, and support patients and families through advance care planning and grief ; Designed for personal support workers, nurses and other care providers. | -
soins-palliatifs-fin-de-vie | M | ulaval | O | 30 | 420 | palliative-care pain-symptom-management palliative-approach-communication | - | Soins palliatifs et de fin de vie ; soulager la douleur et les symptômes et communiquer avec la personne et ses proches en fin de vie
approche-palliative-integree | M | umoncton | B | 24 | 360 | palliative-care advance-care-planning palliative-approach-communication | Integrated Palliative Approach ; introduce a palliative approach early and guide conversations about goals of care | Approche palliative intégrée ; introduire tôt l'approche palliative et guider les conversations sur les objectifs de soins
palliative-care-nursing | C | dal | B | 100 | 1600 | palliative-care pain-symptom-management advance-care-planning grief-bereavement palliative-approach-communication nursing-practice | Palliative Care Nursing Certificate ; lead palliative nursing care for patients with serious illness and their families | -
accompagner-le-deuil | B | usainteanne | O | 6 | 0 | grief-bereavement spiritual-care | - | Accompagner le deuil ; soutenir les personnes endeuillées et reconnaître les signes d'un deuil compliqué
dementia-care | M | conestoga | B | 20 | 320 | dementia-care gerontology | Dementia Care ; support people living with dementia using person-centred approaches | -
soins-demence | M | college-boreal | I | 20 | 290 | dementia-care caregiver-support | - | Soins aux personnes atteintes de démence ; adapter ses interventions aux personnes atteintes de troubles neurocognitifs et soutenir leurs proches aidants
introduction-gerontologie | M | teluq | O | 45 | 540 | gerontology elder-abuse-prevention | - | Introduction à la gérontologie ; décrire les grandes dimensions du vieillissement et prévenir la maltraitance envers les personnes aînées
supporting-family-caregivers | B | trillium | O | 3 | 0 | caregiver-support | Supporting Family Caregivers ; recognize caregiver burnout and point families to respite resources | Soutenir les proches aidants ; reconnaître l'épuisement des proches aidants et les orienter vers des ressources de répit
working-long-term-care | M | bow-valley | I | 30 | 450 | long-term-care dementia-care | Working in Long-Term Care ; provide safe, respectful care to residents of long-term care homes | -
serious-illness-conversations | B | mun | O | 4 | 0 | palliative-approach-communication advance-care-planning | Serious Illness Conversations ; hold structured conversations about prognosis, values and goals of care | Conversations sur la maladie grave ; mener des conversations structurées sur le pronostic, les valeurs et les objectifs de soins
soins-spirituels | M | campus-saint-jean | O | 15 | 200 | spiritual-care | Spiritual Care in Health Settings ; offer spiritual support that respects each person's beliefs | Soins spirituels en milieu de santé ; offrir un accompagnement spirituel qui respecte les croyances de chaque personne
## early childhood education
ece-foundations | C | george-brown | B | 120 | 1600 | early-childhood-education child-development play-based-learning observation-documentation child-health-safety family-engagement | Early Childhood Education Foundations ; plan play-based programs, observe and document children's learning and work in partnership with families | -
fondements-epe | C | la-cite | B | 120 | 1450 | early-childhood-education child-development play-based-learning observation-documentation child-health-safety family-engagement | - | Fondements de l'éducation à la petite enfance ; planifier des activités axées sur le jeu, observer les enfants et collaborer avec les familles
play-based-learning | M | rrc | I | 20 | 290 | play-based-learning child-development | Play-Based Learning ; design play experiences that support every area of child development | Apprentissage par le jeu ; concevoir des expériences de jeu qui soutiennent toutes les sphères du développement de l'enfant
documentation-pedagogique | M | ustboniface | B | 15 | 220 | observation-documentation | Pedagogical Documentation ; observe children and make their learning visible to families | Documentation pédagogique ; observer les enfants et rendre leurs apprentissages visibles pour les familles
inclusion-petite-enfance | M | campus-saint-jean | O | 24 | 350 | inclusive-child-care behaviour-guidance | - | Inclusion en petite enfance ; adapter le milieu de garde aux besoins particuliers de chaque enfant
child-health-safety-nutrition | B | bow-valley | I | 6 | 0 | child-health-safety | Child Health, Safety and Nutrition ; keep children safe and well fed in a child care setting | Santé, sécurité et nutrition des enfants ; assurer la sécurité des enfants et leur offrir une alimentation saine en service de garde
working-with-families | B | nscc | I | 5 | 75 | family-engagement | Working with Families ; build respectful partnerships with parents and caregivers | -
eveil-lecture-ecriture | B | collegemathieu | O | 6 | 60 | early-literacy | - | Éveil à la lecture et à l'écriture ; animer des activités qui favorisent le développement du langage chez les tout-petits
infant-toddler-care | M | rrc | I | 30 | 450 | infant-toddler-care child-development | Infant and Toddler Care ; plan responsive care routines and activities for children under three | -
positive-behaviour-guidance | M | humber | I | 15 | 240 | behaviour-guidance | Positive Behaviour Guidance ; respond to challenging behaviour with calm, consistent and positive strategies | -
"""

CREDENTIALS += """
## education & teaching
enseigner-en-ligne | M | teluq | O | 30 | 350 | online-teaching distance-education learning-management-systems | - | Enseigner en ligne ; concevoir et animer un cours en ligne engageant pour des adultes qui apprennent à distance
enseigner-a-distance | D | umoncton | O | 24 | 0 | distance-education online-teaching educational-technology | Teaching at a Distance ; plan synchronous and asynchronous activities that keep distance learners engaged ; Intended for instructors and trainers in francophone and bilingual colleges and universities across Canada. | Enseigner à distance : pratiques gagnantes ; planifier des activités synchrones et asynchrones qui maintiennent l'engagement des personnes apprenantes à distance ; S'adresse au personnel enseignant et aux formateurs des collèges et universités de la francophonie canadienne.
online-teaching-certificate | C | athabasca | O | 60 | 890 | online-teaching distance-education learning-management-systems assessment-evaluation educational-technology universal-design-learning | Certificate in Online Teaching ; design, facilitate and assess online courses that are accessible to all learners | -
instructional-design-essentials | M | conestoga | O | 40 | 760 | instructional-design multimedia-learning-content | Instructional Design Essentials ; design learner-centred courses with backward design and produce engaging e-learning content | -
design-pedagogique | M | ulaval | O | 45 | 590 | instructional-design adult-education universal-design-learning | - | Design pédagogique ; concevoir des formations centrées sur l'apprenant selon une approche par compétences
moodle-brightspace-enseignants | B | cegep-a-distance | O | 8 | 0 | learning-management-systems | Moodle and Brightspace for Teachers ; organize a course site, post resources and set up graded activities | Moodle et Brightspace pour le personnel enseignant ; organiser un espace de cours, déposer des ressources et configurer des activités notées
teaching-with-lms | B | seneca | O | 8 | 150 | learning-management-systems educational-technology | Teaching with an LMS ; set up a course shell, release content and grade activities online | -
evaluation-apprentissages-ligne | M | uof | O | 20 | 280 | assessment-evaluation | Assessing Learning Online ; design valid assessments and rubrics for distance courses | Évaluation des apprentissages en ligne ; concevoir des évaluations valides et des grilles critériées pour des cours à distance
universal-design-learning | D | carleton | O | 5 | 0 | universal-design-learning | Universal Design for Learning ; offer multiple means of engagement, representation and expression in your courses | Conception universelle de l'apprentissage ; offrir plusieurs moyens d'engagement, de représentation et d'expression dans vos cours
designing-micro-credentials | M | laurentian | O | 15 | 250 | micro-credential-design instructional-design | Designing Micro-credentials ; define competencies, assessments and badge criteria for a short credential | Concevoir des microcertifications ; définir les compétences, les évaluations et les critères d'obtention d'un badge
elearning-content-development | M | bcit | O | 30 | 650 | multimedia-learning-content educational-technology | E-Learning Content Development ; produce video lessons and interactive modules with authoring tools | -
badges-numeriques-education | D | apprentissage-nord | O | 4 | 0 | micro-credential-design | - | Badges numériques en éducation ; créer et décerner des badges numériques qui reconnaissent des compétences précises
andragogie-adultes | P | teluq | O | 30 | 380 | adult-education | - | Andragogie : enseigner aux adultes ; adapter son enseignement aux besoins, à l'expérience et aux contraintes des adultes
gestion-de-classe | B | glendon | I | 10 | 150 | classroom-management | Classroom Management ; create a positive learning climate and respond to disruptions | Gestion de classe ; instaurer un climat propice à l'apprentissage et réagir aux comportements perturbateurs
## languages
fsl-beginner | M | glendon | B | 45 | 490 | french-second-language | French as a Second Language: Beginner ; hold simple conversations in French about everyday topics | Français langue seconde : débutant ; tenir des conversations simples en français sur des sujets du quotidien
fsl-intermediate | M | uottawa | B | 60 | 650 | french-second-language oral-communication | French as a Second Language: Intermediate ; speak with confidence in meetings and everyday situations in French | Français langue seconde : intermédiaire ; s'exprimer avec aisance en français en réunion et dans les situations courantes
workplace-french | M | campus-saint-jean | I | 30 | 380 | business-french french-second-language | Workplace French ; write emails and take part in meetings in French at work | Français en milieu de travail ; rédiger des courriels et participer à des réunions en français au travail
learn-french-online | P | maple-learning | O | 40 | 0 | french-second-language | Learn French Online ; build everyday French vocabulary and grammar through short self-paced lessons | -
esl-intermediate | P | bow-valley | I | 60 | 450 | english-second-language oral-communication | English as a Second Language: Intermediate ; communicate in English at work and in the community with growing confidence | -
anglais-des-affaires | P | cegep-a-distance | O | 45 | 320 | business-english english-second-language | - | Anglais des affaires ; communiquer par écrit et oralement en anglais dans un contexte professionnel
redaction-professionnelle-francais | M | teluq | O | 45 | 390 | french-writing plain-language | - | Rédaction professionnelle en français ; rédiger des textes clairs, structurés et sans fautes pour le milieu de travail
certificat-traduction | C | umoncton | O | 90 | 1300 | translation french-writing english-writing | - | Certificat en traduction ; traduire des textes généraux de l'anglais vers le français en respectant le sens, le registre et l'usage
teaching-fsl | M | ustboniface | B | 45 | 520 | language-teaching french-second-language | Teaching French as a Second Language ; plan communicative lessons for learners of French | Enseigner le français langue seconde ; planifier des leçons axées sur la communication pour des personnes qui apprennent le français
public-speaking | B | nait | I | 6 | 95 | oral-communication | Public Speaking ; structure a talk and deliver it with confidence | -
prise-de-parole | B | college-boreal | I | 6 | 90 | oral-communication | - | Prise de parole en public ; structurer une présentation et la livrer avec assurance
plain-language-writing | B | carleton | O | 6 | 120 | plain-language | Plain Language Writing ; rewrite complex documents so readers understand them the first time | Rédaction en langage clair ; réécrire des documents complexes pour que les lecteurs les comprennent du premier coup
intercultural-communication | M | glendon | O | 15 | 0 | intercultural-communication | Intercultural Communication ; work effectively with colleagues and clients from different cultures | Communication interculturelle ; travailler efficacement avec des collègues et des clients de cultures différentes
academic-professional-writing | M | mun | I | 20 | 280 | english-writing | Academic and Professional Writing ; write well-organized reports and essays in clear English | -
didactique-fls | C | usainteanne | B | 90 | 1100 | language-teaching french-second-language classroom-management intercultural-communication french-writing assessment-evaluation | - | Didactique du français langue seconde ; enseigner le français langue seconde en classe, évaluer les progrès et tenir compte de la diversité culturelle des élèves
## geomatics
introduction-gis | M | laurentian | B | 30 | 450 | gis qgis cartography | Introduction to GIS ; create thematic maps and run basic spatial queries in QGIS | Introduction aux SIG ; produire des cartes thématiques et effectuer des requêtes spatiales simples dans QGIS
sig-fondements | M | ulaval | O | 45 | 520 | gis spatial-analysis | - | Systèmes d'information géographique : fondements ; structurer des données géographiques et réaliser des analyses spatiales de base
gis-technician-certificate | C | nscc | B | 140 | 1950 | gis cartography spatial-analysis arcgis remote-sensing spatial-databases | GIS Technician Certificate ; manage spatial data, run analyses and produce professional maps with ArcGIS | -
technique-geomatique | C | ccnb | B | 120 | 1600 | gis qgis cartography spatial-analysis remote-sensing gnss-surveying | - | Technique de géomatique ; recueillir des données sur le terrain, les traiter dans un SIG et produire des cartes de qualité professionnelle
remote-sensing-imagery | M | uottawa | O | 30 | 560 | remote-sensing | Remote Sensing and Satellite Imagery ; classify land cover from satellite images and detect change over time | Télédétection et imagerie satellitaire ; classifier l'occupation du sol à partir d'images satellitaires et détecter les changements dans le temps
arcgis-pro-essentials | B | bcit | O | 12 | 250 | arcgis cartography | ArcGIS Pro Essentials ; build map layouts and manage layers in ArcGIS Pro | ArcGIS Pro : l'essentiel ; créer des mises en page cartographiques et gérer des couches dans ArcGIS Pro
qgis-debutants | D | apprentissage-nord | O | 6 | 0 | qgis | QGIS for Beginners ; open layers, change the symbology and export a first map | QGIS pour débutants ; ouvrir des couches, modifier la symbologie et exporter une première carte
postgis-spatial-databases | M | carleton | O | 20 | 420 | spatial-databases sql | Spatial Databases with PostGIS ; store, index and query geographic data in PostgreSQL | -
drone-mapping | M | sait | B | 24 | 890 | drone-mapping lidar | Drone Mapping and Photogrammetry ; plan drone flights and turn aerial images into orthomosaics and 3D models | -
traitement-lidar | B | umoncton | O | 10 | 190 | lidar | Lidar Data Processing ; classify point clouds and produce digital terrain models | Traitement de données lidar ; classifier des nuages de points et produire des modèles numériques de terrain
web-mapping-leaflet | D | maple-learning | O | 8 | 59U | web-mapping | Web Mapping with Leaflet ; publish interactive maps on the web | -
analyse-spatiale-arcgis | M | teluq | O | 30 | 450 | spatial-analysis arcgis | - | Analyse spatiale avec ArcGIS ; réaliser des analyses de proximité, de superposition et de densité
gnss-field-data | B | rrc | I | 12 | 260 | gnss-surveying | GNSS Field Data Collection ; collect accurate field data with GNSS receivers | -
## environment & sustainability
sustainability-fundamentals | B | trillium | O | 5 | 0 | sustainability | Sustainability Fundamentals ; explain the basics of sustainable development and apply them to your workplace | Notions de base en développement durable ; expliquer les principes du développement durable et les appliquer dans son milieu de travail
developpement-durable-organisations | M | teluq | O | 30 | 380 | sustainability climate-change | - | Développement durable en organisation ; élaborer un plan d'action en développement durable adapté à son organisation
climate-adaptation | M | atlantic-digital | O | 24 | 420 | climate-change | Climate Change Adaptation ; assess local climate risks and plan practical adaptation measures | Adaptation aux changements climatiques ; évaluer les risques climatiques locaux et planifier des mesures d'adaptation concrètes
environmental-technician | C | sait | B | 120 | 1750 | environmental-assessment water-quality environmental-regulations ecology-fieldwork waste-management | Environmental Technician Certificate ; sample water and soil, support impact assessments and keep projects compliant with environmental regulations | -
evaluation-environnementale | M | ulaval | O | 36 | 560 | environmental-assessment environmental-regulations | - | Évaluation environnementale ; analyser les impacts d'un projet et préparer les documents exigés par la réglementation
water-quality-monitoring | M | nait | I | 24 | 480 | water-quality ecology-fieldwork | Water Quality Monitoring ; collect and analyze water samples following standard field protocols | -
qualite-de-leau | M | usainteanne | B | 24 | 390 | water-quality | - | Surveillance de la qualité de l'eau ; prélever des échantillons et interpréter les résultats d'analyse
esg-reporting | M | concordia | O | 20 | 590 | esg-reporting ghg-inventory | ESG and Sustainability Reporting ; prepare an ESG report and measure an organization's carbon footprint | Reddition de comptes ESG ; préparer un rapport ESG et mesurer l'empreinte carbone d'une organisation
inventaire-ges | B | la-cite | O | 8 | 150 | ghg-inventory | Greenhouse Gas Inventory ; quantify an organization's emissions using recognized methods | Inventaire des gaz à effet de serre ; quantifier les émissions d'une organisation selon les méthodes reconnues
waste-circular-economy | B | humber | O | 6 | 0 | waste-management | Waste Reduction and the Circular Economy ; audit waste streams and propose reduction measures | Réduction des déchets et économie circulaire ; analyser les flux de matières résiduelles et proposer des mesures de réduction
energy-efficiency-renewables | M | conestoga | B | 30 | 540 | energy-efficiency renewable-energy | Energy Efficiency and Renewables ; perform a basic energy audit and size a small solar installation | -
ecological-field-methods | M | mun | I | 40 | 650 | ecology-fieldwork | Ecological Field Methods ; design and carry out biodiversity surveys | -
## construction & trades
blueprint-reading | B | nait | I | 16 | 240 | blueprint-reading | Blueprint Reading for Construction ; read plans, elevations and specifications on a construction project | -
lecture-plans-estimation | M | college-boreal | B | 30 | 320 | blueprint-reading construction-estimating | - | Lecture de plans et estimation ; interpréter des plans et devis et estimer les quantités de matériaux
construction-site-supervisor | C | sait | B | 100 | 1850 | construction-site-supervision blueprint-reading building-codes construction-estimating project-scheduling ohs-fundamentals | Construction Site Supervisor Certificate ; run a construction site safely, on schedule and in line with the building code | -
surveillance-chantier | C | ccnb | B | 100 | 1500 | construction-site-supervision building-codes construction-estimating working-at-heights ohs-fundamentals | - | Surveillance de chantier ; coordonner les travaux, faire respecter les codes et veiller à la sécurité sur le chantier
building-code-essentials | M | bcit | I | 24 | 460 | building-codes | National Building Code Essentials ; find and apply the code requirements that matter on residential projects | -
construction-estimating | M | rrc | B | 30 | 520 | construction-estimating | Construction Estimating ; prepare quantity takeoffs and cost estimates for building projects | -
carpentry-skills | M | conestoga | I | 60 | 950 | carpentry blueprint-reading | Carpentry Pre-Apprenticeship Skills ; frame walls and floors safely using hand and power tools | -
chauffage-climatisation | M | collegemathieu | I | 60 | 890 | hvac electrical-basics | - | Chauffage, ventilation et climatisation ; installer et entretenir des systèmes de CVAC résidentiels
welding-fundamentals | P | nait | I | 60 | 1150 | welding | Welding Fundamentals ; produce sound welds using common arc welding processes | -
bim-revit | M | concordia | O | 30 | 690 | bim autocad | BIM with Revit ; model a building in Revit and coordinate drawings with other trades | Modélisation BIM avec Revit ; modéliser un bâtiment dans Revit et coordonner les plans avec les autres corps de métier
autocad-bases | B | la-cite | O | 15 | 210 | autocad blueprint-reading | - | AutoCAD : les bases ; produire des dessins techniques en 2D avec AutoCAD
electrical-fundamentals | P | rrc | I | 45 | 750 | electrical-basics | Electrical Fundamentals ; apply basic electrical theory and wire simple residential circuits under supervision | -
plomberie-residentielle | P | ccnb | I | 45 | 650 | plumbing | - | Plomberie résidentielle ; installer et réparer des systèmes de plomberie résidentiels
## manufacturing
lean-manufacturing | M | conestoga | B | 24 | 450 | lean-manufacturing root-cause-analysis | Lean Manufacturing ; eliminate waste on the shop floor with 5S, value stream mapping and root cause analysis | -
production-allegee | M | ccnb | B | 24 | 380 | lean-manufacturing quality-control | - | Production allégée et amélioration continue ; mettre en œuvre les outils du lean et suivre la qualité en usine
quality-control-inspection | M | nait | I | 30 | 520 | quality-control metrology | Quality Control and Inspection ; inspect parts with precision instruments and record nonconformities | -
cnc-machining | M | sait | I | 60 | 1200 | cnc-machining blueprint-reading | CNC Machining ; set up and program CNC lathes and mills from technical drawings | -
automatisation-industrielle | M | college-boreal | I | 45 | 850 | industrial-automation | Industrial Automation and PLCs ; program and troubleshoot programmable logic controllers | Automatisation industrielle et automates programmables ; programmer et dépanner des automates programmables industriels
impression-3d | B | la-cite | I | 10 | 150 | additive-manufacturing | 3D Printing and Additive Manufacturing ; prepare a model and produce parts by 3D printing | Impression 3D et fabrication additive ; préparer un modèle et produire des pièces par impression 3D
industry-4-0 | M | humber | O | 20 | 0 | industry-4-0 | Industry 4.0 Essentials ; explain how sensors, data and automation are changing manufacturing | -
industrial-maintenance | P | nscc | I | 45 | 780 | industrial-maintenance | Industrial Maintenance Fundamentals ; plan and carry out preventive maintenance on industrial equipment | -
root-cause-analysis | B | trillium | O | 4 | 45 | root-cause-analysis | Root Cause Analysis ; get to the real cause of recurring problems with the five whys and fishbone diagrams | Analyse des causes profondes ; remonter à la véritable cause des problèmes récurrents avec les cinq pourquoi et le diagramme d'Ishikawa
planification-production | M | teluq | O | 30 | 420 | production-planning erp-systems | - | Planification de la production ; établir un plan de production et ordonnancer les commandes à l'aide d'un PGI
## logistics & supply chain
supply-chain-fundamentals | M | seneca | O | 30 | 495 | supply-chain-management logistics procurement | Supply Chain Fundamentals ; map a supply chain and improve how goods and information flow through it | -
logistique-gestion-stocks | M | cegep-a-distance | O | 30 | 310 | logistics inventory-management | - | Logistique et gestion des stocks ; planifier les réapprovisionnements et réduire les ruptures de stock
logistics-coordinator | C | sait | B | 110 | 1600 | logistics inventory-management transportation-management warehouse-operations erp-systems customs-trade-compliance | Logistics Coordinator Certificate ; coordinate shipments, inventory and customs paperwork using an ERP system | -
coordination-logistique | C | la-cite | B | 110 | 1450 | logistics inventory-management transportation-management warehouse-operations procurement | - | Coordination logistique ; coordonner les achats, les stocks, l'entreposage et le transport des marchandises
strategic-procurement | M | laurentian | O | 24 | 420 | procurement | Strategic Procurement ; run a competitive sourcing process and manage supplier performance | Approvisionnement stratégique ; mener un processus d'appel d'offres et gérer le rendement des fournisseurs
forklift-operator | B | rrc | I | 8 | 180 | forklift-operation warehouse-operations | Forklift Operator Training ; operate a counterbalance forklift safely in a warehouse | -
customs-trade-compliance | M | humber | O | 20 | 380 | customs-trade-compliance | Customs and Trade Compliance ; classify goods and prepare import and export documentation | -
erp-sap | M | concordia | O | 30 | 750 | erp-systems | ERP Systems with SAP ; process orders, purchases and inventory transactions in SAP | -
marchandises-dangereuses | B | ustboniface | O | 6 | 95 | dangerous-goods | Transportation of Dangerous Goods ; classify, document and ship dangerous goods in line with the regulations | Transport des marchandises dangereuses ; classer, documenter et expédier des marchandises dangereuses conformément à la réglementation
demand-planning | M | athabasca | O | 24 | 460 | demand-planning inventory-management | Demand Planning and Forecasting ; forecast demand and set inventory levels that balance cost and service | -
gestion-transport | M | umoncton | O | 20 | 320 | transportation-management | - | Gestion du transport ; choisir les modes de transport et optimiser les coûts d'expédition
## agriculture & agri-food
food-safety-basics | B | trillium | O | 8 | 0 | food-safety | Food Safety Basics ; handle, store and serve food safely | Salubrité alimentaire : notions de base ; manipuler, entreposer et servir les aliments de façon sécuritaire
haccp-transformation | M | college-boreal | B | 16 | 320 | food-safety food-processing | - | HACCP et salubrité en transformation alimentaire ; élaborer un plan HACCP et appliquer les bonnes pratiques en usine
precision-agriculture | M | collegemathieu | B | 30 | 450 | precision-agriculture crop-production | Precision Agriculture ; use GPS guidance, yield maps and sensors to manage field crops | Agriculture de précision ; utiliser le guidage GPS, les cartes de rendement et les capteurs pour gérer les grandes cultures
farm-business-management | P | dal | O | 36 | 590 | farm-management | Farm Business Management ; plan the finances and operations of a farm business | -
agriculture-durable-sols | M | ulaval | O | 30 | 420 | sustainable-agriculture soil-health | - | Agriculture durable et santé des sols ; appliquer des pratiques culturales qui préservent les sols et la biodiversité
greenhouse-production | P | nscc | I | 30 | 520 | greenhouse-production | Greenhouse Production ; manage climate, irrigation and crop health in a commercial greenhouse | -
livestock-management | P | dal | B | 30 | 560 | livestock-management | Livestock Health and Management ; monitor herd health and plan feeding and housing | -
initiation-apiculture | B | usainteanne | I | 12 | 180 | beekeeping | - | Initiation à l'apiculture ; installer une ruche, suivre la colonie et récolter le miel
food-processing-fundamentals | M | conestoga | I | 24 | 480 | food-processing food-safety | Food Processing Fundamentals ; operate food processing lines while meeting food safety requirements | -
soil-health-basics | B | athabasca | O | 6 | 0 | soil-health | Soil Health Basics ; assess soil health and choose practices that improve it | Santé des sols : notions de base ; évaluer la santé d'un sol et choisir des pratiques qui l'améliorent
## tourism & hospitality
event-planning | M | george-brown | B | 30 | 520 | event-planning budgeting | Event Planning ; plan, budget and run corporate and community events | -
organisation-evenements | M | la-cite | B | 30 | 450 | event-planning tourism-marketing | - | Organisation d'événements ; planifier, promouvoir et réaliser des événements culturels et d'affaires
hospitality-management | C | humber | B | 100 | 1750 | hospitality-management front-desk-operations food-beverage-service customer-service | Hospitality Management Certificate ; supervise front desk, food and beverage and guest service operations in a hotel | -
tourisme-durable | M | usainteanne | O | 20 | 0 | ecotourism tourism-marketing | Sustainable Tourism ; design tourism experiences that benefit local communities and protect the environment | Tourisme durable et écotourisme ; concevoir des expériences touristiques qui profitent aux communautés et protègent l'environnement
responsible-beverage-service | B | nscc | O | 4 | 35 | responsible-beverage-service | Responsible Beverage Service ; serve alcohol responsibly and handle intoxicated guests safely | -
culinary-skills-foundations | P | george-brown | I | 60 | 1200 | culinary-skills food-safety | Culinary Skills Foundations ; master knife skills, cooking methods and safe kitchen practices | -
accueil-reception-hoteliere | B | college-boreal | I | 10 | 150 | front-desk-operations customer-service | - | Accueil et réception hôtelière ; accueillir les clients, gérer les réservations et régler les problèmes à la réception
guide-touristique | M | ustboniface | B | 20 | 250 | tour-guiding | - | Guide touristique et interprétation du patrimoine ; animer des visites guidées vivantes et bien documentées
destination-marketing | M | atlantic-digital | O | 15 | 240 | tourism-marketing social-media-marketing | Destination Marketing ; promote a tourism destination across social media and travel platforms | Marketing de destination ; promouvoir une destination touristique sur les réseaux sociaux et les plateformes de voyage
event-coordinator | C | seneca | O | 80 | 1250 | event-planning hospitality-management budgeting tourism-marketing customer-service social-media-marketing | Event Coordinator Certificate ; coordinate events from the first budget to the final guest survey | -
## law & justice
legal-research-writing | M | carleton | I | 24 | 420 | legal-research | Legal Research and Writing ; find and summarize legislation and case law and draft a legal memo | -
recherche-redaction-juridiques | M | umoncton | O | 24 | 380 | legal-research contract-law | - | Recherche et rédaction juridiques ; trouver la législation et la jurisprudence pertinentes et rédiger un avis juridique simple
paralegal-foundations | C | algonquin | B | 120 | 1750 | paralegal-practice legal-research contract-law | Paralegal Practice Foundations ; prepare legal documents and manage files in a law office | -
techniques-juridiques | C | la-cite | B | 110 | 1400 | paralegal-practice legal-research contract-law | - | Techniques juridiques ; préparer des actes de procédure et gérer des dossiers dans un cabinet d'avocats
mediation-conflits | M | glendon | B | 30 | 480 | conflict-resolution negotiation | Mediation and Conflict Resolution ; guide parties through a structured mediation process | Médiation et résolution de conflits ; accompagner les parties dans un processus de médiation structuré
workplace-conflict | B | bow-valley | O | 6 | 0 | conflict-resolution | Resolving Workplace Conflict ; de-escalate tense situations and help colleagues reach agreement | Résoudre les conflits au travail ; désamorcer les situations tendues et aider des collègues à trouver un terrain d'entente
criminal-justice-intro | M | mun | I | 30 | 450 | criminal-justice investigation | Introduction to Criminal Justice ; explain how police, courts and corrections work together in Canada | -
droits-linguistiques | B | uottawa | O | 6 | 0 | official-languages-law | Official Language Rights in Canada ; explain the rights guaranteed by the Charter and the Official Languages Act | Les droits linguistiques au Canada ; expliquer les droits garantis par la Charte et la Loi sur les langues officielles
acces-information | M | ustboniface | O | 15 | 220 | access-to-information records-management | Access to Information and Records Management ; process access to information requests and classify the organization's records | Accès à l'information et gestion documentaire ; traiter les demandes d'accès à l'information et classer les documents de l'organisation
regulatory-compliance | M | tmu | O | 24 | 560 | corporate-compliance | Regulatory Compliance Essentials ; build a compliance program and monitor regulatory risk | -
immigration-law-basics | P | concordia | O | 30 | 620 | immigration-law | Immigration Law Basics ; explain Canada's main immigration and refugee programs | -
techniques-enquete | B | collegemathieu | O | 10 | 140 | investigation | - | Techniques d'enquête ; planifier une enquête administrative et mener des entrevues
## public administration
public-policy-analysis | M | carleton | B | 30 | 590 | public-policy briefing-note-writing | Public Policy Analysis ; analyze policy options and present recommendations to decision-makers | -
analyse-politiques-publiques | M | uof | O | 30 | 450 | public-policy program-evaluation | - | Analyse des politiques publiques ; analyser des options de politique et évaluer leurs effets
briefing-notes | B | uottawa | O | 6 | 150 | briefing-note-writing plain-language | Writing Briefing Notes ; write short, decision-ready briefing notes for senior officials | Rédiger des notes d'information ; rédiger des notes d'information courtes et prêtes pour la prise de décision
program-evaluation | M | athabasca | O | 30 | 520 | program-evaluation data-analysis | Program Evaluation ; design an evaluation framework and report on program results | -
gouvernance-municipale | M | usainteanne | O | 20 | 250 | municipal-governance public-finance | - | Gouvernance municipale ; expliquer le fonctionnement d'un conseil municipal et suivre le cycle budgétaire local
municipal-governance-finance | M | mun | I | 24 | 390 | municipal-governance public-finance | Municipal Governance and Finance ; support council decisions and prepare a municipal budget | -
public-consultation | M | glendon | O | 15 | 280 | community-consultation | Public Consultation ; plan consultations that reach diverse communities and report back clearly | Consultation publique et participation citoyenne ; planifier des consultations qui joignent des communautés diverses et en rendre compte clairement
emergency-management | M | rrc | B | 30 | 560 | emergency-management | Emergency Management ; prepare emergency plans and coordinate a response using the incident command system | Gestion des urgences ; préparer des plans d'urgence et coordonner une intervention selon le système de commandement des interventions
valeurs-ethique-fonction-publique | B | teluq | O | 4 | 0 | ethics-public-service | - | Valeurs et éthique dans la fonction publique ; reconnaître les conflits d'intérêts et agir avec intégrité
policy-analyst-certificate | C | uottawa | O | 90 | 1450 | public-policy briefing-note-writing program-evaluation plain-language data-analysis community-consultation | Policy Analyst Certificate ; research, analyze and communicate policy advice from consultation to briefing note | Certificat d'analyste des politiques ; rechercher, analyser et communiquer des conseils stratégiques, de la consultation à la note d'information
gestion-documentaire | M | cegep-a-distance | O | 30 | 290 | records-management | - | Gestion documentaire ; concevoir un plan de classification et un calendrier de conservation
public-sector-management | M | dal | O | 30 | 550 | public-sector-management | Public Sector Management ; manage programs and teams within government accountability rules | -
"""

CREDENTIALS += """
## social work & community
case-management | M | bow-valley | I | 24 | 350 | case-management | Case Management ; assess client needs, build service plans and coordinate referrals | -
intervention-crise | M | college-boreal | B | 20 | 290 | crisis-intervention | - | Intervention en situation de crise ; évaluer l'urgence d'une situation et intervenir auprès d'une personne en détresse
trauma-informed-practice | D | maple-learning | O | 5 | 0 | trauma-informed-care | Trauma-Informed Practice ; recognize the effects of trauma and adapt your services to avoid retraumatizing clients | Approche tenant compte des traumatismes ; reconnaître les effets des traumatismes et adapter ses services pour éviter de retraumatiser les personnes
community-support-worker | C | george-brown | B | 100 | 1500 | case-management crisis-intervention trauma-informed-care counselling-skills community-development addictions-support | Community Support Worker Certificate ; support individuals and communities through case management, crisis response and harm reduction | -
relation-aide | M | ustboniface | B | 30 | 390 | counselling-skills | - | Relation d'aide ; pratiquer l'écoute active et accompagner une personne dans la recherche de solutions
addictions-harm-reduction | M | mun | B | 24 | 380 | addictions-support | Addictions and Harm Reduction ; support people who use substances with a harm reduction approach | -
developpement-communautaire | M | uof | O | 24 | 300 | community-development | Community Development ; bring residents and organizations together around a shared project | Développement communautaire ; mobiliser les citoyens et les organismes autour d'un projet collectif
nonprofit-management | M | tmu | O | 30 | 590 | nonprofit-management grant-writing | Nonprofit Management ; govern and fund a nonprofit organization, from board relations to grant proposals | -
demande-subvention | B | apprentissage-nord | O | 6 | 0 | grant-writing | - | Rédiger une demande de subvention ; présenter un projet de façon convaincante aux bailleurs de fonds
volunteer-management | B | trillium | O | 4 | 0 | volunteer-management | Volunteer Management ; recruit, train and keep volunteers engaged | Gestion des bénévoles ; recruter, former et mobiliser des bénévoles
newcomer-settlement | M | campus-saint-jean | O | 24 | 290 | newcomer-settlement intercultural-communication | Newcomer Settlement Services ; help newcomers access housing, employment and community services | Services d'établissement des nouveaux arrivants ; aider les personnes nouvellement arrivées à accéder au logement, à l'emploi et aux services communautaires
intervention-jeunesse | M | la-cite | B | 30 | 420 | youth-work | - | Intervention jeunesse ; accompagner des jeunes en difficulté et bâtir avec eux une relation de confiance
intervention-communautaire | C | ccnb | B | 90 | 1300 | case-management crisis-intervention trauma-informed-care counselling-skills addictions-support | - | Intervention communautaire ; accompagner des personnes vulnérables, de l'évaluation des besoins à l'intervention de crise
## indigenous studies
indigenous-cultural-safety | M | nait | O | 15 | 0 | indigenous-cultural-competency truth-reconciliation | Indigenous Cultural Safety ; reflect on your own biases and provide culturally safe services to Indigenous people | Sécurisation culturelle autochtone ; réfléchir à ses propres biais et offrir des services culturellement sécuritaires aux personnes autochtones
verite-reconciliation | B | uof | O | 6 | 0 | truth-reconciliation indigenous-history | Truth and Reconciliation ; explain the legacy of residential schools and act on the TRC Calls to Action | Vérité et réconciliation ; expliquer les séquelles des pensionnats et agir à partir des appels à l'action de la CVR
indigenous-histories | P | athabasca | O | 30 | 390 | indigenous-history | Indigenous Histories in Canada ; describe the histories of First Nations, Métis and Inuit peoples and the treaties | -
langues-autochtones | M | teluq | O | 30 | 200 | indigenous-languages | Introduction to Indigenous Languages ; describe the diversity of Indigenous languages in Canada and the efforts to revitalize them | Introduction aux langues autochtones ; décrire la diversité des langues autochtones au Canada et les efforts de revitalisation
indigenous-governance | M | dal | O | 24 | 450 | indigenous-governance | Indigenous Governance ; explain self-government agreements and the administration of First Nations communities | -
engaging-indigenous-communities | M | mun | O | 15 | 250 | indigenous-community-engagement indigenous-cultural-competency | Engaging with Indigenous Communities ; build respectful, long-term relationships and understand the duty to consult | -
savoirs-autochtones | M | ulaval | B | 20 | 300 | indigenous-knowledge | Indigenous Knowledge ; recognize the value of traditional knowledge and bring it respectfully into your practice | Savoirs autochtones ; reconnaître la valeur des savoirs traditionnels et les intégrer avec respect à sa pratique
tourisme-autochtone | M | collegemathieu | O | 15 | 220 | indigenous-tourism | - | Tourisme autochtone ; développer des expériences touristiques authentiques en partenariat avec les communautés
indigenizing-education | M | rrc | O | 20 | 320 | indigenous-education | Indigenizing Education ; bring Indigenous perspectives and pedagogies into your courses | -
## arts & design
ux-design-fundamentals | M | bcit | O | 36 | 790 | ux-design ui-design | UX Design Fundamentals ; run user research, sketch flows and test prototypes with real users | -
experience-utilisateur | M | uof | O | 30 | 490 | ux-design market-research | - | Conception de l'expérience utilisateur ; mener des entrevues avec les utilisateurs et concevoir des parcours simples et utiles
figma-ui-design | B | maple-learning | O | 8 | 49U | ui-design | Figma for UI Design ; design and prototype app screens in Figma | -
web-accessibility-wcag | D | carleton | O | 6 | 0 | web-accessibility | Web Accessibility and WCAG ; check a website against WCAG and fix the most common barriers | Accessibilité web et WCAG ; vérifier la conformité d'un site web aux WCAG et corriger les obstacles les plus courants
accessibilite-web | M | la-cite | O | 15 | 220 | web-accessibility html-css | - | Accessibilité web ; coder des pages web accessibles aux personnes qui utilisent des technologies d'assistance
graphic-design-foundations | M | humber | B | 45 | 790 | graphic-design typography | Graphic Design Foundations ; create layouts, logos and visual identities using design principles | -
design-graphique | M | cegep-a-distance | O | 45 | 380 | graphic-design typography | - | Design graphique ; concevoir des mises en page, des logos et des identités visuelles selon les principes du design
digital-photography | B | nscc | I | 12 | 180 | photography | Digital Photography ; control exposure and composition and edit your photos | -
video-podcast-production | M | concordia | B | 30 | 650 | video-production audio-production | Video and Podcast Production ; plan, record and edit short videos and podcast episodes | Production vidéo et balado ; planifier, enregistrer et monter de courtes vidéos et des épisodes de balado
animation-2d | M | algonquin | I | 40 | 890 | animation digital-illustration | 2D Animation ; create animated sequences from sketches to final render | -
ux-ui-design-certificate | C | tmu | O | 100 | 1850 | ux-design ui-design web-accessibility market-research graphic-design html-css | UX/UI Design Certificate ; take a digital product from user research to an accessible, tested interface | -
creation-litteraire | M | umoncton | O | 20 | 250 | creative-writing | - | Atelier de création littéraire ; écrire des nouvelles et des récits en travaillant la voix, le rythme et la structure
lancer-balado | B | apprentissage-nord | O | 5 | 0 | audio-production | - | Lancer son balado ; enregistrer, monter et diffuser un premier épisode de balado
## occupational health & safety
whmis-awareness | D | trillium | O | 2 | 0 | whmis | WHMIS Awareness ; read hazard labels and safety data sheets for the products you use at work | SIMDUT : sensibilisation ; lire les étiquettes de danger et les fiches de données de sécurité des produits utilisés au travail
simdut-formation-generale | B | college-boreal | O | 3 | 25 | whmis | - | SIMDUT : formation générale ; reconnaître les pictogrammes de danger et manipuler les produits dangereux de façon sécuritaire
ohs-fundamentals | M | nait | I | 20 | 290 | ohs-fundamentals hazard-identification | Occupational Health and Safety Fundamentals ; identify hazards and apply the basic rights and duties under OHS legislation | -
sst-fondements | M | cegep-a-distance | O | 20 | 240 | ohs-fundamentals hazard-identification | - | Santé et sécurité au travail : fondements ; repérer les dangers et appliquer les droits et obligations prévus par la loi
working-at-heights | B | sait | I | 8 | 190 | working-at-heights | Working at Heights ; inspect fall protection equipment and use it correctly | -
travail-en-hauteur | B | ccnb | I | 8 | 175 | working-at-heights | - | Travail en hauteur ; inspecter et utiliser correctement les équipements de protection contre les chutes
health-safety-coordinator | C | mun | B | 90 | 1450 | ohs-fundamentals whmis hazard-identification incident-investigation joint-health-safety-committee safety-management-systems | Health and Safety Coordinator Certificate ; build and run a workplace health and safety program, from hazard assessments to incident investigations | -
incident-investigation | M | athabasca | O | 15 | 290 | incident-investigation | Incident Investigation ; investigate workplace incidents and recommend corrective actions | -
enquete-analyse-accidents | M | umoncton | O | 15 | 260 | incident-investigation hazard-identification | - | Enquête et analyse d'accidents ; mener une enquête après un accident de travail et proposer des mesures correctives
jhsc-training | M | algonquin | B | 24 | 390 | joint-health-safety-committee ohs-fundamentals | Joint Health and Safety Committee Training ; take an active role on a health and safety committee, from inspections to recommendations | Formation des membres du comité de santé et de sécurité ; jouer un rôle actif au sein du comité de santé et de sécurité, des inspections aux recommandations
ergonomics-at-work | B | humber | O | 6 | 120 | ergonomics | Ergonomics at Work ; adjust workstations and tasks to prevent musculoskeletal injuries | -
ergonomie-au-travail | B | la-cite | O | 6 | 0 | ergonomics | - | Ergonomie au travail ; aménager les postes de travail pour prévenir les troubles musculosquelettiques
safety-management-systems | M | dal | O | 24 | 490 | safety-management-systems | Safety Management Systems ; design a safety management system aligned with ISO 45001 | -
cadenassage | B | collegemathieu | I | 6 | 140 | lockout-tagout | - | Cadenassage ; appliquer une procédure de cadenassage avant d'intervenir sur une machine
confined-space-entry | B | nait | I | 8 | 210 | confined-spaces | Confined Space Entry ; assess confined space hazards and follow safe entry procedures | -
sante-psychologique | M | uof | O | 15 | 190 | psychological-safety | Psychological Health and Safety ; identify psychosocial risks and prevent harassment at work | Santé psychologique au travail ; repérer les risques psychosociaux et prévenir le harcèlement au travail
## digital literacy
computer-basics | D | trillium | O | 4 | 0 | computer-basics | Computer Basics ; use a computer, manage files and browse the web with confidence | Premiers pas en informatique ; utiliser un ordinateur, gérer ses fichiers et naviguer sur le Web en toute confiance
bases-informatique | B | apprentissage-nord | O | 6 | 0 | computer-basics online-collaboration | - | Bases de l'informatique ; utiliser un ordinateur, gérer ses fichiers et participer à une visioconférence
microsoft-office-work | M | bow-valley | I | 24 | 190 | office-productivity cloud-storage | Microsoft Office for Work ; produce documents, spreadsheets and presentations and share them through the cloud | -
bureautique-travail | M | cegep-a-distance | O | 30 | 210 | office-productivity | - | Bureautique en milieu de travail ; produire des documents, des chiffriers et des présentations de qualité professionnelle
working-remotely | D | maple-learning | O | 3 | 0 | remote-work online-collaboration | Working Remotely ; stay productive and connected with your team when working from home | Réussir en télétravail ; rester productif et en lien avec son équipe en travaillant à domicile
citoyennete-numerique | D | ustboniface | O | 4 | 0 | digital-citizenship information-literacy | Digital Citizenship ; protect your privacy online and evaluate the information you find | Citoyenneté numérique ; protéger sa vie privée en ligne et évaluer l'information trouvée sur le web
information-literacy | M | mcgill | O | 12 | 150 | information-literacy | Information Literacy and Fact-Checking ; find reliable sources and verify claims before sharing them | -
canva-content | B | trillium | O | 5 | 39U | digital-content-creation | Creating Content with Canva ; design social media posts, flyers and short videos in Canva | -
transformation-numerique | M | teluq | O | 30 | 450 | digital-transformation low-code | Digital Transformation of Organizations ; plan an organization's digital shift and automate simple processes | Transformation numérique des organisations ; planifier le virage numérique d'une organisation et automatiser des processus simples
no-code-power-apps | D | atlantic-digital | O | 6 | 95 | low-code | No-Code Apps with Power Apps ; build a simple business app without writing code | Applications sans code avec Power Apps ; créer une application d'affaires simple sans écrire de code
collaboration-en-ligne | B | college-boreal | O | 5 | 0 | online-collaboration cloud-storage | Online Collaboration Tools ; work as a team with Teams, OneDrive and shared documents | Outils de collaboration en ligne ; travailler en équipe avec Teams, OneDrive et les documents partagés
## leadership & management
leadership-foundations | M | nait | B | 24 | 490 | leadership team-management | Leadership Foundations ; lead a team with clear expectations, feedback and trust | -
leadership-mobilisateur | M | ulaval | B | 24 | 450 | leadership emotional-intelligence | - | Leadership mobilisateur ; mobiliser son équipe en s'appuyant sur l'intelligence émotionnelle
new-supervisor-essentials | M | rrc | B | 30 | 520 | team-management coaching-mentoring decision-making | New Supervisor Essentials ; make the move from colleague to supervisor and coach your team | -
gestion-equipe | M | college-boreal | I | 24 | 350 | team-management time-management | - | Gestion d'équipe pour nouveaux gestionnaires ; organiser le travail de l'équipe et gérer les priorités
strategic-planning | M | mcgill | I | 30 | 1100 | strategic-planning decision-making | Strategic Planning ; lead a strategic planning process and turn it into measurable objectives | -
coaching-leaders | M | concordia | I | 20 | 420 | coaching-mentoring emotional-intelligence | Coaching for Leaders ; hold coaching conversations that help employees grow | Coaching pour gestionnaires ; mener des conversations de coaching qui aident les employés à progresser
time-management | D | trillium | O | 2 | 0 | time-management | Time Management ; plan your week and protect time for priority work | Gestion du temps ; planifier sa semaine et réserver du temps au travail prioritaire
leading-hybrid-teams | M | atlantic-digital | O | 10 | 180 | remote-team-leadership online-collaboration | Leading Remote and Hybrid Teams ; keep a distributed team aligned, engaged and productive | Gérer des équipes hybrides et à distance ; garder une équipe répartie alignée, mobilisée et productive
inclusive-leadership | B | uottawa | O | 8 | 150 | inclusive-leadership diversity-inclusion | Inclusive Leadership ; lead diverse teams in a way that gives everyone a voice | Leadership inclusif ; diriger des équipes diversifiées en donnant une voix à chacun
operations-management | M | athabasca | O | 36 | 690 | operations-management | Operations Management ; improve processes, capacity and quality in service and manufacturing operations | -
leadership-changement | M | umoncton | O | 20 | 300 | leadership change-management | - | Leadership et gestion du changement ; diriger une équipe à travers un changement organisationnel
travail-equipe | B | ccnb | O | 4 | 0 | teamwork-collaboration | - | Travail d'équipe efficace ; collaborer, partager l'information et résoudre les désaccords au sein d'une équipe
management-leadership-certificate | C | carleton | B | 90 | 1700 | leadership team-management strategic-planning decision-making coaching-mentoring operations-management | Management and Leadership Certificate ; manage people and operations and contribute to your organization's strategy | -
"""


# ---------------------------------------------------------------------------
# Parsing of the tables above
# ---------------------------------------------------------------------------
def _rows(text, ncols_min):
    """Yield (group, [cells]) for each non-empty, non-comment line."""
    group = None
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("##"):
            group = line[2:].strip()
            continue
        cells = [c.strip() for c in line.split(" | ")]
        if len(cells) < ncols_min:
            raise ValueError("bad row: %r" % line)
        yield group, cells


def _label_syn(cell):
    label, _, syn = cell.partition(" ; ")
    syns = [s.strip() for s in syn.split(",") if s.strip()] if syn else []
    return label.strip(), syns


def _abbrevs(cell):
    """'GIS@en, SIG@fr, SQL' -> [('GIS', 'en'), ('SIG', 'fr'), ('SQL', None)]"""
    out = []
    for part in cell.split(","):
        part = part.strip()
        if not part:
            continue
        text, _, lang = part.partition("@")
        out.append((text, lang or None))
    return out


# Skill and occupation names are written in lower case in the tables above, as running text;
# acronyms and product or proper names keep the casing their owners give them (PMP, QuickBooks,
# QGIS, GST/HST, RCR, Python), applied here so that the tables stay easy to type. Not "AI": "ai" is
# a French stop word, and a stop word in capitals changes how a vocabulary phrase is matched.
CASED_WORDS = {
    word.lower(): word
    for word in """2D 3D 5S API APIs Android Apache ArcGIS ASPE AutoCAD AWS Azure Bash Brightspace C# .NET
    Canva CAPM CNC CPR CRM CSS CVR DMAIC Docker EdTech ERP ESG Excel Figma GIS Git GitHub GNSS Google
    GPS GRC GST HST GST/HST HACCP HR HTML IA IAM IFRS iOS IoT Ishikawa ISO Java JavaScript Jira JS
    Kubernetes LiDAR Linux LPRPDE Microsoft MLOps Moodle NCECF OBNL OneDrive OOP PGI PIPEDA PLC PMBOK
    PME PMP POO PostGIS Python QBO QGIS QuickBooks RCR React Revit RStudio Salesforce SAP Scrum Shopify
    SIEM SIG SIMDUT SME SOC Spark SQL Terraform TESL TPS TRC TVH TVQ UAV UI UX WCAG WHMIS Zoom
    Inuit Métis""".split()
}
CASED_WORDS_BY_LANG = {
    "en": {w.lower(): w for w in "English French Canadian Indigenous Tableau Leaflet".split()},
    "fr": {"teams": "Teams"},
}
CASED_PHRASES = {
    "power bi": "Power BI", "power apps": "Power Apps", "ms project": "MS Project",
    "six sigma": "Six Sigma", "sage 50": "Sage 50", "logiciel comptable sage": "logiciel comptable Sage",
    "sage accounting software": "Sage accounting software", "first nations": "First Nations",
    "premières nations": "Premières Nations", "loi 25": "Loi 25",
    "loi sur les langues officielles": "Loi sur les langues officielles",
    "r programming": "R programming", "r language": "R language", "programmation r": "programmation R",
    "langage r": "langage R", "rest apis": "REST APIs", "api rest": "API REST",
    "google sheets": "Google Sheets", "google analytics": "Google Analytics", "google ads": "Google Ads",
    "google workspace": "Google Workspace", "google drive": "Google Drive",
    "microsoft teams": "Microsoft Teams", "microsoft office": "Microsoft Office",
    "arcgis pro": "ArcGIS Pro", "quickbooks online": "QuickBooks Online",
}


def cased(text, lang):
    """`text` with its acronyms and names in their own casing: 'pmp exam preparation' -> 'PMP exam
    preparation', 'programmation r' -> 'programmation R'."""
    for phrase, form in CASED_PHRASES.items():
        text = re.sub(r"(?<![\w.])" + re.escape(phrase) + r"(?![\w])", form, text)
    words = {**CASED_WORDS, **CASED_WORDS_BY_LANG.get(lang, {})}
    return re.sub(r"[\w#./]+", lambda m: words.get(m.group(0), m.group(0)), text)


def _cased_names(item):
    for lang in ("en", "fr"):
        item["label"][lang] = cased(item["label"][lang], lang)
        item["synonyms"][lang] = [cased(syn, lang) for syn in item["synonyms"][lang]]
    return item


def parse_subjects():
    return [{"id": c[0], "label": {"en": c[1], "fr": c[2]}}
            for _, c in _rows(SUBJECTS, 3)]


def parse_skills():
    skills = []
    for subject, c in _rows(SKILLS, 3):
        en, en_syn = _label_syn(c[1])
        fr, fr_syn = _label_syn(c[2])
        abbr = _abbrevs(c[3]) if len(c) > 3 else []
        skills.append({
            "id": c[0], "subject": subject,
            "label": {"en": en, "fr": fr},
            "synonyms": {"en": en_syn, "fr": fr_syn},
            "abbreviations": [a for a, _ in abbr],
            "_abbr": abbr,
        })
    return [_cased_names(skill) for skill in skills]


def parse_providers():
    return [{"id": c[0], "lang": c[1], "url": c[2],
             "name": {"en": c[3], "fr": c[4]},
             "description": {"en": c[5], "fr": c[6]}}
            for _, c in _rows(PROVIDERS, 7)]


def parse_occupations():
    occ = []
    for _, c in _rows(OCCUPATIONS, 4):
        en, en_syn = _label_syn(c[1])
        fr, fr_syn = _label_syn(c[2])
        occ.append({"id": c[0], "label": {"en": en, "fr": fr},
                    "synonyms": {"en": en_syn, "fr": fr_syn},
                    "skills": c[3].split()})
    return [_cased_names(item) for item in occ]


def _text_part(cell):
    if cell == "-":
        return None
    parts = [p.strip() for p in cell.split(" ; ")]
    if len(parts) not in (2, 3):
        raise ValueError("bad text cell: %r" % cell)
    return {"title": parts[0], "outcome": parts[1],
            "extra": parts[2] if len(parts) == 3 else None}


def parse_credentials():
    creds = []
    for group, c in _rows(CREDENTIALS, 9):
        price = c[5]
        currency = "CAD"
        if price.endswith("U"):
            currency, price = "USD", price[:-1]
        creds.append({
            "slug": c[0], "cls": c[1], "provider": c[2], "delivery": c[3],
            "hours": int(c[4]), "price": int(price), "currency": currency,
            "skills": c[6].split(), "en": _text_part(c[7]),
            "fr": _text_part(c[8]), "group": group,
        })
    return creds


# ---------------------------------------------------------------------------
# CTDL building
# ---------------------------------------------------------------------------
GRAPH_ID = "https://sandbox.credentialengineregistry.org/graph/credbot-sample"
CONTEXT = "https://credreg.net/ctdl/schema/context/json"
SKILL_URN = "urn:credbot:skill:"

CLASSES = {"M": "ceterms:MicroCredential", "B": "ceterms:Badge",
           "D": "ceterms:DigitalBadge", "C": "ceterms:Certificate",
           "P": "ceterms:CertificateOfCompletion"}
KIND_EN = {"M": "micro-credential", "B": "badge", "D": "digital badge",
           "C": "certificate program", "P": "course"}
# noun, demonstrative
KIND_FR = {"M": ("microcertification", "cette"), "B": ("badge", "ce"),
           "D": ("badge numérique", "ce"), "C": ("programme", "ce"),
           "P": ("formation", "cette")}
DELIVERY = {
    "O": ("deliveryType:OnlineOnly", "Online Only"),
    "I": ("deliveryType:InPerson", "In Person Only"),
    "B": ("deliveryType:BlendedDelivery", "Blended Delivery"),
}

OPENERS_EN = [
    "In this {k}, you will learn to {o}.",
    "By the end of this {k}, you will be able to {o}.",
    "This {h}-hour {k} prepares you to {o}.",
    "Learn to {o}.",
    "Participants learn to {o}.",
    "Through hands-on exercises, you will learn to {o}.",
    "Build the skills to {o}.",
    "A practical {k} for anyone who needs to {o}.",
]
OPENERS_FR = [
    "Dans {dk}, vous apprendrez à {o}.",
    "À la fin de {dk}, vous serez en mesure {de_o}.",
    "{Dk} de {h} heures vous prépare à {o}.",
    "Apprenez à {o}.",
    "Vous y apprendrez à {o}.",
    "Les personnes inscrites apprennent à {o}.",
    "Développez les compétences nécessaires pour {o}.",
    "Une formation concrète pour {o}.",
]
FORMAT_EN = {
    "O": ["Fully online and self-paced.",
          "All activities take place online, with feedback from an instructor each week.",
          "Delivered online, so you can study around your work schedule."],
    "I": ["Classes are held on campus and focus on hands-on practice.",
          "Taught in person in small groups."],
    "B": ["Combines online modules with in-person workshops.",
          "Blended format: theory online, practice on campus."],
}
FORMAT_FR = {
    "O": ["Formation entièrement en ligne, à votre rythme.",
          "Toutes les activités se déroulent en ligne, avec une rétroaction hebdomadaire de la personne formatrice.",
          "Offert à distance, le parcours s'adapte à votre horaire de travail."],
    "I": ["Les cours ont lieu sur le campus et misent sur la pratique.",
          "Formation en présentiel, en petits groupes."],
    "B": ["Le parcours combine des modules en ligne et des ateliers en présentiel.",
          "Formule hybride : théorie en ligne, pratique sur le campus."],
}
FREE_EN = ["There is no fee to enrol.", "Free of charge."]
FREE_FR = ["L'inscription est gratuite.", "Offert gratuitement."]
CONDITION_EN = [
    "Complete all modules and the final project.",
    "Pass the final assessment with a grade of 70% or higher.",
    "Attend all sessions and complete the practical evaluation.",
    "Complete the online quizzes and a short reflective assignment.",
]
CONDITION_FR = [
    "Réussir tous les modules et le projet final.",
    "Obtenir une note d'au moins 70 % à l'évaluation finale.",
    "Assister à toutes les séances et réussir l'évaluation pratique.",
    "Réussir les questionnaires en ligne et un court travail de réflexion.",
]
# Language-map keys, mixed the way registry data mixes them.
KEYS_EN = ["en", "en-US", "en", "en-us", "en-US"]
KEYS_FR = ["fr", "fr-CA", "fr"]
KEYS_BI = [("en", "fr"), ("en-US", "fr"), ("en", "fr-CA"),
           ("en-us", "fr"), ("en-US", "fr-CA")]
VOWELS = tuple("aeiouhéèêàâîôûAEIOUHÉÈÊÀ")


def h(*parts):
    """Stable integer hash (independent of PYTHONHASHSEED)."""
    return int(hashlib.md5("/".join(parts).encode("utf-8")).hexdigest()[:12], 16)


def ctid(slug):
    return "ce-" + str(uuid.uuid5(uuid.NAMESPACE_URL, "credbot-sample/" + slug))


def org_iri(provider_id):
    return "https://credbot.invalid/org/" + ctid("org/" + provider_id)


def describe_en(c):
    t = c["en"]
    o = OPENERS_EN[h(c["slug"], "open-en") % len(OPENERS_EN)]
    sentences = [o.format(k=KIND_EN[c["cls"]], o=t["outcome"], h=c["hours"])]
    if t["extra"]:
        sentences.append(t["extra"])
    if c["price"] == 0:
        sentences.append(FREE_EN[h(c["slug"], "free") % 2])
    elif len(sentences) == 1 or h(c["slug"], "fmt") % 3:
        pool = FORMAT_EN[c["delivery"]]
        sentences.append(pool[h(c["slug"], "fmt-en") % len(pool)])
    return " ".join(sentences)


def describe_fr(c):
    t = c["fr"]
    noun, dem = KIND_FR[c["cls"]]
    o = t["outcome"]
    de_o = ("d'" if o.startswith(VOWELS) else "de ") + o
    dk = dem + " " + noun
    opener = OPENERS_FR[h(c["slug"], "open-fr") % len(OPENERS_FR)]
    sentences = [opener.format(dk=dk, Dk=dk[0].upper() + dk[1:], o=o,
                               de_o=de_o, h=c["hours"])]
    if t["extra"]:
        sentences.append(t["extra"])
    if c["price"] == 0:
        sentences.append(FREE_FR[h(c["slug"], "free") % 2])
    elif len(sentences) == 1 or h(c["slug"], "fmt") % 3:
        pool = FORMAT_FR[c["delivery"]]
        sentences.append(pool[h(c["slug"], "fmt-fr") % len(pool)])
    return " ".join(sentences)


def keywords(c, skills_by_id, lang):
    out = []
    for sid in c["skills"]:
        s = skills_by_id[sid]
        for text, alang in s["_abbr"]:
            if alang in (None, lang):
                out.append(text)
        out.append(s["label"][lang])
    first = skills_by_id[c["skills"][0]]
    if first["synonyms"][lang]:
        out.append(first["synonyms"][lang][0])
    seen, kw = set(), []
    for k in out:
        if k.lower() not in seen:
            seen.add(k.lower())
            kw.append(k)
    return kw[:8]


def language_of(c):
    if c["en"] and c["fr"]:
        return "bi"
    return "en" if c["en"] else "fr"


def build_credential(i, c, skills_by_id, subjects_by_id):
    lang = language_of(c)
    if lang == "en":
        ken, kfr = KEYS_EN[i % len(KEYS_EN)], None
    elif lang == "fr":
        ken, kfr = None, KEYS_FR[i % len(KEYS_FR)]
    else:
        ken, kfr = KEYS_BI[i % len(KEYS_BI)]

    def lmap(en_value, fr_value):
        m = {}
        if ken:
            m[ken] = en_value
        if kfr:
            m[kfr] = fr_value
        return m

    name = lmap(c["en"] and c["en"]["title"], c["fr"] and c["fr"]["title"])
    desc = lmap(c["en"] and describe_en(c), c["fr"] and describe_fr(c))
    kw = lmap(c["en"] and keywords(c, skills_by_id, "en"),
              c["fr"] and keywords(c, skills_by_id, "fr"))
    cond_i = h(c["slug"], "cond") % len(CONDITION_EN)
    cond = lmap(CONDITION_EN[cond_i], CONDITION_FR[cond_i])

    subjects = []
    for sid in c["skills"]:
        subj = skills_by_id[sid]["subject"]
        if subj not in subjects:
            subjects.append(subj)

    dur_key = ("ceterms:timeRequired" if h(c["slug"], "dur") % 10 == 0
               else "ceterms:exactDuration")
    node, node_name = DELIVERY[c["delivery"]]
    org = org_iri(c["provider"])
    the_ctid = ctid(c["slug"])
    record = {
        "@type": CLASSES[c["cls"]],
        "@id": "https://credbot.invalid/resources/" + the_ctid,
        "ceterms:ctid": the_ctid,
        "ceterms:name": name,
        "ceterms:description": desc,
        "ceterms:ownedBy": [org],
        "ceterms:offeredBy": [org],
        "ceterms:inLanguage": {"en": ["en"], "fr": ["fr"], "bi": ["en", "fr"]}[lang],
        "ceterms:estimatedDuration": [{"@type": "ceterms:DurationProfile",
                                       dur_key: "PT%dH" % c["hours"]}],
        "ceterms:estimatedCost": [{"@type": "ceterms:CostProfile",
                                   "ceterms:price": c["price"],
                                   "ceterms:currency": c["currency"],
                                   "ceterms:directCostType": "costType:Tuition"}],
        "ceterms:learningDeliveryType": [{
            "@type": "ceterms:CredentialAlignmentObject",
            "ceterms:framework": "https://credreg.net/ctdl/terms/Delivery",
            "ceterms:targetNode": node,
            "ceterms:targetNodeName": {"en-US": node_name}}],
        "ceterms:credentialStatusType": {
            "@type": "ceterms:CredentialAlignmentObject",
            "ceterms:framework": "https://credreg.net/ctdl/terms/CredentialStatus",
            "ceterms:targetNode": "credentialStat:Active",
            "ceterms:targetNodeName": {"en-US": "Active"}},
        "ceterms:subjectWebpage": "https://credbot.invalid/sample/" + c["slug"],
        "ceterms:keyword": kw,
        "ceterms:subject": [{
            "@type": "ceterms:CredentialAlignmentObject",
            "ceterms:targetNodeName": dict(subjects_by_id[s]["label"])}
            for s in subjects],
        "ceterms:requires": [{
            "@type": "ceterms:ConditionProfile",
            "ceterms:description": cond,
            "ceterms:targetCompetency": [{
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:targetNode": SKILL_URN + sid,
                "ceterms:targetNodeName": dict(skills_by_id[sid]["label"])}
                for sid in c["skills"]]}],
    }
    return record


def build_org(p):
    return {
        "@type": "ceterms:CredentialOrganization",
        "@id": org_iri(p["id"]),
        "ceterms:ctid": ctid("org/" + p["id"]),
        "ceterms:name": dict(p["name"]),
        "ceterms:subjectWebpage": p["url"],
        "ceterms:description": dict(p["description"]),
    }


def build():
    subjects = parse_subjects()
    skills = parse_skills()
    providers = parse_providers()
    occupations = parse_occupations()
    creds = parse_credentials()
    skills_by_id = {s["id"]: s for s in skills}
    subjects_by_id = {s["id"]: s for s in subjects}

    vocab = {
        "version": 1,
        "subjects": subjects,
        "skills": [{k: v for k, v in s.items() if not k.startswith("_")}
                   for s in skills],
        "occupations": occupations,
    }
    graph = [build_org(p) for p in providers]
    graph += [build_credential(i, c, skills_by_id, subjects_by_id)
              for i, c in enumerate(creds)]
    catalogue = {"@context": CONTEXT, "@id": GRAPH_ID, "@graph": graph}
    return vocab, catalogue, creds, providers


def dump(obj, name):
    path = os.path.join(HERE, name)
    text = json.dumps(obj, ensure_ascii=False, indent=1) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return path, len(text.encode("utf-8"))


# ---------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------
import re  # noqa: E402

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Words that must carry accents in French; an unaccented occurrence is a typo.
UNACCENTED_FR = re.compile(
    r"\b(donnees?|securite|securitaires?|systemes?|reseaux?|comptabilite|"
    r"electri\w*|evaluations?|etudes?|education|developpement|strategi\w*|"
    r"qualite|societe|sante|numerique|geograph\w*|teledetection|energies?|"
    r"activites?|prevention|creation|methodes?|reglement\w*|ecoles?|eleves?|"
    r"medic\w*|therap\w*|periode|equipes?|ethique|experiences?|procedures?|"
    r"specialis\w*|general\w*|francais|competences?|cybersecurite|"
    r"entrepot|etats?|controle|precis\w*|bureautique\w+|elabor\w*|"
    r"mediation|deuil\w+|aines|eveil|tres|deja|a distance)\b")
# Deliberate unaccented variant kept as a search synonym (typed without accents).
ALLOWED_UNACCENTED = {"analyste de donnees"}

TARGET_MIX = {"en": 0.40, "fr": 0.30, "bi": 0.30}


def french_strings(vocab, catalogue):
    for s in vocab["subjects"]:
        yield s["label"]["fr"]
    for s in vocab["skills"] + vocab["occupations"]:
        yield s["label"]["fr"]
        yield from s["synonyms"]["fr"]
    for node in catalogue["@graph"]:
        for prop in ("ceterms:name", "ceterms:description", "ceterms:keyword"):
            for key, value in node.get(prop, {}).items():
                if key.lower().startswith("fr"):
                    yield from (value if isinstance(value, list) else [value])


def self_check(vocab, catalogue, creds, providers):
    errors = []

    def check(cond, msg):
        if not cond:
            errors.append(msg)

    subjects = {s["id"]: s for s in vocab["subjects"]}
    skills = {s["id"]: s for s in vocab["skills"]}
    graph = catalogue["@graph"]
    orgs = [n for n in graph if n["@type"] == "ceterms:CredentialOrganization"]
    records = [n for n in graph if n["@type"] != "ceterms:CredentialOrganization"]
    org_ids = {o["@id"] for o in orgs}

    # counts
    check(len(vocab["skills"]) >= 300, "fewer than 300 skills")
    check(len(records) >= 250, "fewer than 250 credentials")
    check(len(vocab["subjects"]) >= 25, "fewer than 25 subjects")
    check(len(orgs) >= 30, "fewer than 30 providers")
    check(len(vocab["occupations"]) >= 20, "fewer than 20 occupations")

    # unique, well-formed ids
    for kind, ids in (("subject", [s["id"] for s in vocab["subjects"]]),
                      ("skill", [s["id"] for s in vocab["skills"]]),
                      ("occupation", [o["id"] for o in vocab["occupations"]]),
                      ("credential slug", [c["slug"] for c in creds]),
                      ("provider", [p["id"] for p in providers])):
        dup = [k for k, n in Counter(ids).items() if n > 1]
        check(not dup, "duplicate %s ids: %s" % (kind, dup))
        bad = [i for i in ids if not ID_RE.match(i)]
        check(not bad, "malformed %s ids: %s" % (kind, bad))
    all_ctids = [n["ceterms:ctid"] for n in graph]
    check(len(set(all_ctids)) == len(all_ctids), "duplicate ctids")
    check(len({n["@id"] for n in graph}) == len(graph), "duplicate @id")
    for n in graph:
        check(n["@id"].endswith(n["ceterms:ctid"]), "@id/ctid mismatch " + n["@id"])

    # vocabulary shape
    for s in vocab["skills"]:
        check(s["subject"] in subjects, "skill %s: unknown subject" % s["id"])
        for lang in ("en", "fr"):
            lab = s["label"][lang]
            check(lab == cased(lab.lower(), lang),
                  "skill %s: %s label not in running-text case" % (s["id"], lang))
            check(len(s["synonyms"][lang]) <= 4, "skill %s: too many synonyms" % s["id"])
    for o in vocab["occupations"]:
        check(4 <= len(o["skills"]) <= 8, "occupation %s: %d skills" % (o["id"], len(o["skills"])))
        for sid in o["skills"]:
            check(sid in skills, "occupation %s: unknown skill %s" % (o["id"], sid))
    for lang in ("en", "fr"):
        owners = defaultdict(set)
        for s in vocab["skills"]:
            for term in [s["label"][lang]] + s["synonyms"][lang]:
                owners[term].add(s["id"])
        shared = {t: sorted(ids) for t, ids in owners.items() if len(ids) > 1}
        check(not shared, "%s terms shared by several skills: %s" % (lang, shared))
    skills_per_subject = Counter(s["subject"] for s in vocab["skills"])
    for sid in subjects:
        check(skills_per_subject[sid] > 0, "subject %s has no skills" % sid)

    # credentials
    cred_per_subject = Counter()
    cred_per_skill = Counter()
    langs = Counter()
    delivery = Counter()
    classes = Counter()
    free = usd = time_required = 0
    hours = []
    provider_use = Counter()
    subject_names = {(s["label"]["en"], s["label"]["fr"]): s["id"] for s in vocab["subjects"]}
    for r in records:
        name = r["ceterms:ctid"]
        for o in r["ceterms:ownedBy"] + r["ceterms:offeredBy"]:
            check(o in org_ids, "%s: unknown organization %s" % (name, o))
        provider_use[r["ceterms:ownedBy"][0]] += 1
        comps = r["ceterms:requires"][0]["ceterms:targetCompetency"]
        check(1 <= len(comps) <= 6, "%s: %d skills" % (name, len(comps)))
        for comp in comps:
            sid = comp["ceterms:targetNode"][len(SKILL_URN):]
            check(sid in skills, "%s: unknown skill %s" % (name, sid))
            if sid in skills:
                check(comp["ceterms:targetNodeName"] == skills[sid]["label"],
                      "%s: label mismatch for %s" % (name, sid))
                cred_per_skill[sid] += 1
        for subj in r["ceterms:subject"]:
            nm = subj["ceterms:targetNodeName"]
            key = (nm.get("en"), nm.get("fr"))
            check(key in subject_names, "%s: unknown subject %s" % (name, key))
            cred_per_subject[subject_names.get(key)] += 1
        inl = r["ceterms:inLanguage"]
        lang = "bi" if len(inl) == 2 else inl[0]
        langs[lang] += 1
        for prop in ("ceterms:name", "ceterms:description", "ceterms:keyword"):
            keys = {k.lower()[:2] for k in r[prop]}
            expect = {"en", "fr"} if lang == "bi" else {lang}
            check(keys == expect, "%s: %s languages %s vs %s" % (name, prop, keys, expect))
        desc_sentences = [len(re.findall(r"[.!?](\s|$)", d)) for d in r["ceterms:description"].values()]
        check(all(1 <= n <= 3 for n in desc_sentences), "%s: description sentence count %s" % (name, desc_sentences))
        delivery[r["ceterms:learningDeliveryType"][0]["ceterms:targetNode"].split(":")[1]] += 1
        classes[r["@type"].split(":")[1]] += 1
        cost = r["ceterms:estimatedCost"][0]
        check(0 <= cost["ceterms:price"] <= 2000, "%s: price out of range" % name)
        free += cost["ceterms:price"] == 0
        usd += cost["ceterms:currency"] == "USD"
        dur = r["ceterms:estimatedDuration"][0]
        time_required += "ceterms:timeRequired" in dur
        value = dur.get("ceterms:exactDuration") or dur.get("ceterms:timeRequired")
        m = re.fullmatch(r"PT(\d+)H", value)
        check(m is not None and 2 <= int(m.group(1)) <= 150, "%s: bad duration %s" % (name, value))
        if m:
            hours.append(int(m.group(1)))

    for sid in subjects:
        check(cred_per_subject[sid] >= 5, "subject %s: only %d credentials" % (sid, cred_per_subject[sid]))
    for o in vocab["occupations"]:
        for sid in o["skills"]:
            check(cred_per_skill[sid] >= 2, "occupation %s: skill %s taught by %d credential(s)"
                  % (o["id"], sid, cred_per_skill[sid]))
    for o in orgs:
        check(provider_use[o["@id"]] > 0, "provider %s offers nothing" % o["ceterms:name"])
    n = len(records)
    for lang, target in TARGET_MIX.items():
        share = langs[lang] / n
        check(abs(share - target) <= 0.08, "language %s: %.1f%% (target %d%%)" % (lang, 100 * share, 100 * target))

    bad_fr = sorted({s for s in french_strings(vocab, catalogue)
                     if s not in ALLOWED_UNACCENTED and UNACCENTED_FR.search(s.lower())})
    check(not bad_fr, "French text missing accents: %s" % bad_fr[:20])

    # summary
    print("skills: %d  subjects: %d  occupations: %d  providers: %d  credentials: %d"
          % (len(vocab["skills"]), len(subjects), len(vocab["occupations"]), len(orgs), n))
    print("languages: " + ", ".join("%s %d (%.0f%%)" % (k, langs[k], 100 * langs[k] / n) for k in ("en", "fr", "bi")))
    print("delivery:  " + ", ".join("%s %d (%.0f%%)" % (k, v, 100 * v / n) for k, v in delivery.most_common()))
    print("classes:   " + ", ".join("%s %d" % kv for kv in classes.most_common()))
    print("free: %d (%.0f%%)  USD: %d  timeRequired: %d (%.0f%%)  hours: %d-%d (median %d)"
          % (free, 100 * free / n, usd, time_required, 100 * time_required / n,
             min(hours), max(hours), sorted(hours)[len(hours) // 2]))
    print("credentials per subject:")
    for sid in subjects:
        print("  %-28s %3d   (%d skills)" % (sid, cred_per_subject[sid], skills_per_subject[sid]))
    used = sum(1 for s in skills if cred_per_skill[s])
    print("skills taught by at least one credential: %d / %d" % (used, len(skills)))
    if errors:
        print("\nSELF-CHECK FAILED (%d problems):" % len(errors), file=sys.stderr)
        for e in errors:
            print("  - " + e, file=sys.stderr)
        return False
    print("self-check: OK")
    return True


def main():
    vocab, catalogue, creds, providers = build()
    for obj, name in ((vocab, "skills.json"), (catalogue, "catalogue.ctdl.json")):
        path, size = dump(obj, name)
        print("wrote %s (%d bytes)" % (os.path.relpath(path), size))
    ok = self_check(vocab, catalogue, creds, providers)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
