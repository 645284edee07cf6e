// Member bodies of the Saarland e-government association (public facts: name, kind, district).
// Population is not part of the public list; an admin may fill it in.
export type OrganisationKind = "gemeinde" | "stadt" | "landkreis" | "regionalverband" | "spitzenverband" | "geschaeftsstelle";

export interface MemberSeed {
  name: string;
  kind: OrganisationKind;
  district: string | null;
}

export const ASSOCIATION_OFFICE_NAME = "eGo-Saar Geschäftsstelle";

export const saarlandMembers: MemberSeed[] = [
  { name: "Regionalverband Saarbrücken", kind: "regionalverband", district: null },
  { name: "Saarbrücken", kind: "stadt", district: "Regionalverband Saarbrücken" },
  { name: "Völklingen", kind: "stadt", district: "Regionalverband Saarbrücken" },
  { name: "Püttlingen", kind: "stadt", district: "Regionalverband Saarbrücken" },
  { name: "Sulzbach/Saar", kind: "stadt", district: "Regionalverband Saarbrücken" },
  { name: "Friedrichsthal", kind: "stadt", district: "Regionalverband Saarbrücken" },
  { name: "Heusweiler", kind: "gemeinde", district: "Regionalverband Saarbrücken" },
  { name: "Kleinblittersdorf", kind: "gemeinde", district: "Regionalverband Saarbrücken" },
  { name: "Quierschied", kind: "gemeinde", district: "Regionalverband Saarbrücken" },
  { name: "Riegelsberg", kind: "gemeinde", district: "Regionalverband Saarbrücken" },
  { name: "Großrosseln", kind: "gemeinde", district: "Regionalverband Saarbrücken" },
  { name: "Landkreis Merzig-Wadern", kind: "landkreis", district: null },
  { name: "Merzig", kind: "stadt", district: "Landkreis Merzig-Wadern" },
  { name: "Wadern", kind: "stadt", district: "Landkreis Merzig-Wadern" },
  { name: "Beckingen", kind: "gemeinde", district: "Landkreis Merzig-Wadern" },
  { name: "Losheim am See", kind: "gemeinde", district: "Landkreis Merzig-Wadern" },
  { name: "Mettlach", kind: "gemeinde", district: "Landkreis Merzig-Wadern" },
  { name: "Perl", kind: "gemeinde", district: "Landkreis Merzig-Wadern" },
  { name: "Weiskirchen", kind: "gemeinde", district: "Landkreis Merzig-Wadern" },
  { name: "Landkreis Neunkirchen", kind: "landkreis", district: null },
  { name: "Neunkirchen", kind: "stadt", district: "Landkreis Neunkirchen" },
  { name: "Ottweiler", kind: "stadt", district: "Landkreis Neunkirchen" },
  { name: "Eppelborn", kind: "gemeinde", district: "Landkreis Neunkirchen" },
  { name: "Illingen", kind: "gemeinde", district: "Landkreis Neunkirchen" },
  { name: "Merchweiler", kind: "gemeinde", district: "Landkreis Neunkirchen" },
  { name: "Schiffweiler", kind: "gemeinde", district: "Landkreis Neunkirchen" },
  { name: "Spiesen-Elversberg", kind: "gemeinde", district: "Landkreis Neunkirchen" },
  { name: "Landkreis Saarlouis", kind: "landkreis", district: null },
  { name: "Saarlouis", kind: "stadt", district: "Landkreis Saarlouis" },
  { name: "Dillingen/Saar", kind: "stadt", district: "Landkreis Saarlouis" },
  { name: "Lebach", kind: "stadt", district: "Landkreis Saarlouis" },
  { name: "Bous", kind: "gemeinde", district: "Landkreis Saarlouis" },
  { name: "Ensdorf", kind: "gemeinde", district: "Landkreis Saarlouis" },
  { name: "Nalbach", kind: "gemeinde", district: "Landkreis Saarlouis" },
  { name: "Rehlingen-Siersburg", kind: "gemeinde", district: "Landkreis Saarlouis" },
  { name: "Saarwellingen", kind: "gemeinde", district: "Landkreis Saarlouis" },
  { name: "Schmelz", kind: "gemeinde", district: "Landkreis Saarlouis" },
  { name: "Schwalbach", kind: "gemeinde", district: "Landkreis Saarlouis" },
  { name: "Überherrn", kind: "gemeinde", district: "Landkreis Saarlouis" },
  { name: "Wadgassen", kind: "gemeinde", district: "Landkreis Saarlouis" },
  { name: "Wallerfangen", kind: "gemeinde", district: "Landkreis Saarlouis" },
  { name: "Saarpfalz-Kreis", kind: "landkreis", district: null },
  { name: "Homburg", kind: "stadt", district: "Saarpfalz-Kreis" },
  { name: "St. Ingbert", kind: "stadt", district: "Saarpfalz-Kreis" },
  { name: "Bexbach", kind: "stadt", district: "Saarpfalz-Kreis" },
  { name: "Blieskastel", kind: "stadt", district: "Saarpfalz-Kreis" },
  { name: "Gersheim", kind: "gemeinde", district: "Saarpfalz-Kreis" },
  { name: "Kirkel", kind: "gemeinde", district: "Saarpfalz-Kreis" },
  { name: "Mandelbachtal", kind: "gemeinde", district: "Saarpfalz-Kreis" },
  { name: "Landkreis St. Wendel", kind: "landkreis", district: null },
  { name: "St. Wendel", kind: "stadt", district: "Landkreis St. Wendel" },
  { name: "Freisen", kind: "gemeinde", district: "Landkreis St. Wendel" },
  { name: "Marpingen", kind: "gemeinde", district: "Landkreis St. Wendel" },
  { name: "Namborn", kind: "gemeinde", district: "Landkreis St. Wendel" },
  { name: "Nohfelden", kind: "gemeinde", district: "Landkreis St. Wendel" },
  { name: "Nonnweiler", kind: "gemeinde", district: "Landkreis St. Wendel" },
  { name: "Oberthal", kind: "gemeinde", district: "Landkreis St. Wendel" },
  { name: "Tholey", kind: "gemeinde", district: "Landkreis St. Wendel" },
  { name: "Saarländischer Städte- und Gemeindetag (SSGT)", kind: "spitzenverband", district: null },
  { name: "Landkreistag Saarland (LKT)", kind: "spitzenverband", district: null },
];
