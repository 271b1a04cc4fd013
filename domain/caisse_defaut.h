// The embedded default caisse referential: one caisse per département, code =
// département + "1" (overseas: the département code). See caisse.h for the
// format; operators load the official list with `mediationd --caisses=FILE`.
#ifndef MEDIATION_DOMAIN_CAISSE_DEFAUT_H_
#define MEDIATION_DOMAIN_CAISSE_DEFAUT_H_

namespace mediation {

inline constexpr char kCaisseReferentielParDefaut[] =
    R"tsv(# code	nom	departement	region	calendrier	fuseau
011	CPAM Ain	01	Auvergne-Rhône-Alpes	metropole	Europe/Paris
021	CPAM Aisne	02	Hauts-de-France	metropole	Europe/Paris
031	CPAM Allier	03	Auvergne-Rhône-Alpes	metropole	Europe/Paris
041	CPAM Alpes-de-Haute-Provence	04	Provence-Alpes-Côte d'Azur	metropole	Europe/Paris
051	CPAM Hautes-Alpes	05	Provence-Alpes-Côte d'Azur	metropole	Europe/Paris
061	CPAM Alpes-Maritimes	06	Provence-Alpes-Côte d'Azur	metropole	Europe/Paris
071	CPAM Ardèche	07	Auvergne-Rhône-Alpes	metropole	Europe/Paris
081	CPAM Ardennes	08	Grand Est	metropole	Europe/Paris
091	CPAM Ariège	09	Occitanie	metropole	Europe/Paris
101	CPAM Aube	10	Grand Est	metropole	Europe/Paris
111	CPAM Aude	11	Occitanie	metropole	Europe/Paris
121	CPAM Aveyron	12	Occitanie	metropole	Europe/Paris
131	CPAM Bouches-du-Rhône	13	Provence-Alpes-Côte d'Azur	metropole	Europe/Paris
141	CPAM Calvados	14	Normandie	metropole	Europe/Paris
151	CPAM Cantal	15	Auvergne-Rhône-Alpes	metropole	Europe/Paris
161	CPAM Charente	16	Nouvelle-Aquitaine	metropole	Europe/Paris
171	CPAM Charente-Maritime	17	Nouvelle-Aquitaine	metropole	Europe/Paris
181	CPAM Cher	18	Centre-Val de Loire	metropole	Europe/Paris
191	CPAM Corrèze	19	Nouvelle-Aquitaine	metropole	Europe/Paris
2A1	CPAM Corse-du-Sud	2A	Corse	metropole	Europe/Paris
2B1	CPAM Haute-Corse	2B	Corse	metropole	Europe/Paris
211	CPAM Côte-d'Or	21	Bourgogne-Franche-Comté	metropole	Europe/Paris
221	CPAM Côtes-d'Armor	22	Bretagne	metropole	Europe/Paris
231	CPAM Creuse	23	Nouvelle-Aquitaine	metropole	Europe/Paris
241	CPAM Dordogne	24	Nouvelle-Aquitaine	metropole	Europe/Paris
251	CPAM Doubs	25	Bourgogne-Franche-Comté	metropole	Europe/Paris
261	CPAM Drôme	26	Auvergne-Rhône-Alpes	metropole	Europe/Paris
271	CPAM Eure	27	Normandie	metropole	Europe/Paris
281	CPAM Eure-et-Loir	28	Centre-Val de Loire	metropole	Europe/Paris
291	CPAM Finistère	29	Bretagne	metropole	Europe/Paris
301	CPAM Gard	30	Occitanie	metropole	Europe/Paris
311	CPAM Haute-Garonne	31	Occitanie	metropole	Europe/Paris
321	CPAM Gers	32	Occitanie	metropole	Europe/Paris
331	CPAM Gironde	33	Nouvelle-Aquitaine	metropole	Europe/Paris
341	CPAM Hérault	34	Occitanie	metropole	Europe/Paris
351	CPAM Ille-et-Vilaine	35	Bretagne	metropole	Europe/Paris
361	CPAM Indre	36	Centre-Val de Loire	metropole	Europe/Paris
371	CPAM Indre-et-Loire	37	Centre-Val de Loire	metropole	Europe/Paris
381	CPAM Isère	38	Auvergne-Rhône-Alpes	metropole	Europe/Paris
391	CPAM Jura	39	Bourgogne-Franche-Comté	metropole	Europe/Paris
401	CPAM Landes	40	Nouvelle-Aquitaine	metropole	Europe/Paris
411	CPAM Loir-et-Cher	41	Centre-Val de Loire	metropole	Europe/Paris
421	CPAM Loire	42	Auvergne-Rhône-Alpes	metropole	Europe/Paris
431	CPAM Haute-Loire	43	Auvergne-Rhône-Alpes	metropole	Europe/Paris
441	CPAM Loire-Atlantique	44	Pays de la Loire	metropole	Europe/Paris
451	CPAM Loiret	45	Centre-Val de Loire	metropole	Europe/Paris
461	CPAM Lot	46	Occitanie	metropole	Europe/Paris
471	CPAM Lot-et-Garonne	47	Nouvelle-Aquitaine	metropole	Europe/Paris
481	CPAM Lozère	48	Occitanie	metropole	Europe/Paris
491	CPAM Maine-et-Loire	49	Pays de la Loire	metropole	Europe/Paris
501	CPAM Manche	50	Normandie	metropole	Europe/Paris
511	CPAM Marne	51	Grand Est	metropole	Europe/Paris
521	CPAM Haute-Marne	52	Grand Est	metropole	Europe/Paris
531	CPAM Mayenne	53	Pays de la Loire	metropole	Europe/Paris
541	CPAM Meurthe-et-Moselle	54	Grand Est	metropole	Europe/Paris
551	CPAM Meuse	55	Grand Est	metropole	Europe/Paris
561	CPAM Morbihan	56	Bretagne	metropole	Europe/Paris
571	CPAM Moselle	57	Grand Est	alsace-moselle	Europe/Paris
581	CPAM Nièvre	58	Bourgogne-Franche-Comté	metropole	Europe/Paris
591	CPAM Nord	59	Hauts-de-France	metropole	Europe/Paris
601	CPAM Oise	60	Hauts-de-France	metropole	Europe/Paris
611	CPAM Orne	61	Normandie	metropole	Europe/Paris
621	CPAM Pas-de-Calais	62	Hauts-de-France	metropole	Europe/Paris
631	CPAM Puy-de-Dôme	63	Auvergne-Rhône-Alpes	metropole	Europe/Paris
641	CPAM Pyrénées-Atlantiques	64	Nouvelle-Aquitaine	metropole	Europe/Paris
651	CPAM Hautes-Pyrénées	65	Occitanie	metropole	Europe/Paris
661	CPAM Pyrénées-Orientales	66	Occitanie	metropole	Europe/Paris
671	CPAM Bas-Rhin	67	Grand Est	alsace-moselle	Europe/Paris
681	CPAM Haut-Rhin	68	Grand Est	alsace-moselle	Europe/Paris
691	CPAM Rhône	69	Auvergne-Rhône-Alpes	metropole	Europe/Paris
701	CPAM Haute-Saône	70	Bourgogne-Franche-Comté	metropole	Europe/Paris
711	CPAM Saône-et-Loire	71	Bourgogne-Franche-Comté	metropole	Europe/Paris
721	CPAM Sarthe	72	Pays de la Loire	metropole	Europe/Paris
731	CPAM Savoie	73	Auvergne-Rhône-Alpes	metropole	Europe/Paris
741	CPAM Haute-Savoie	74	Auvergne-Rhône-Alpes	metropole	Europe/Paris
751	CPAM Paris	75	Île-de-France	metropole	Europe/Paris
761	CPAM Seine-Maritime	76	Normandie	metropole	Europe/Paris
771	CPAM Seine-et-Marne	77	Île-de-France	metropole	Europe/Paris
781	CPAM Yvelines	78	Île-de-France	metropole	Europe/Paris
791	CPAM Deux-Sèvres	79	Nouvelle-Aquitaine	metropole	Europe/Paris
801	CPAM Somme	80	Hauts-de-France	metropole	Europe/Paris
811	CPAM Tarn	81	Occitanie	metropole	Europe/Paris
821	CPAM Tarn-et-Garonne	82	Occitanie	metropole	Europe/Paris
831	CPAM Var	83	Provence-Alpes-Côte d'Azur	metropole	Europe/Paris
841	CPAM Vaucluse	84	Provence-Alpes-Côte d'Azur	metropole	Europe/Paris
851	CPAM Vendée	85	Pays de la Loire	metropole	Europe/Paris
861	CPAM Vienne	86	Nouvelle-Aquitaine	metropole	Europe/Paris
871	CPAM Haute-Vienne	87	Nouvelle-Aquitaine	metropole	Europe/Paris
881	CPAM Vosges	88	Grand Est	metropole	Europe/Paris
891	CPAM Yonne	89	Bourgogne-Franche-Comté	metropole	Europe/Paris
901	CPAM Territoire-de-Belfort	90	Bourgogne-Franche-Comté	metropole	Europe/Paris
911	CPAM Essonne	91	Île-de-France	metropole	Europe/Paris
921	CPAM Hauts-de-Seine	92	Île-de-France	metropole	Europe/Paris
931	CPAM Seine-Saint-Denis	93	Île-de-France	metropole	Europe/Paris
941	CPAM Val-de-Marne	94	Île-de-France	metropole	Europe/Paris
951	CPAM Val-d'Oise	95	Île-de-France	metropole	Europe/Paris
971	CGSS Guadeloupe	971	Guadeloupe	guadeloupe	America/Guadeloupe
972	CGSS Martinique	972	Martinique	martinique	America/Martinique
973	CGSS Guyane	973	Guyane	guyane	America/Cayenne
974	CGSS La Réunion	974	La Réunion	reunion	Indian/Reunion
976	CSS Mayotte	976	Mayotte	mayotte	Indian/Mayotte)tsv";

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_CAISSE_DEFAUT_H_
