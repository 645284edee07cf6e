import type { Role } from "#app/modules/auth/permissions";
import { ASSOCIATION_OFFICE_NAME } from "./members";

export const DEMO_PASSWORD = "Buendel-Demo-2026";

export const demoTeams = [
  { name: "Kompetenzteam Bürgerservice & Ordnung", description: "Meldewesen, Ordnungsamt, Bürgerbüros, Standesamt und Gewerbe." },
  { name: "Kompetenzteam Bauen, Umwelt & Geodaten", description: "Bauantrag, Bauleitplanung, Geoinformation, Umwelt und Friedhöfe." },
  { name: "Kompetenzteam Finanzen & Steuern", description: "Haushalt, Kasse, E-Rechnung, Realsteuern und kommunale Abgaben." },
  { name: "Kompetenzteam Bildung, Familie & Soziales", description: "Kitas, Schulen, Jugend, Soziales und Wohngeld." },
  { name: "Kompetenzteam IT-Infrastruktur & Sicherheit", description: "Netze, Arbeitsplätze, Informationssicherheit, E-Akte und Basisdienste." },
] as const;

export interface DemoUser {
  email: string;
  name: string;
  organisation: string;
  roles: { role: Role; team?: string }[];
  /** What the README says this account is for. */
  purpose: string;
}

export const demoUsers: DemoUser[] = [
  {
    email: "anna.schmidt@saarbruecken.example",
    name: "Anna Schmidt",
    organisation: "Saarbrücken",
    roles: [{ role: "member_staff" }],
    purpose: "Sachbearbeitung Landeshauptstadt Saarbrücken",
  },
  {
    email: "jonas.becker@homburg.example",
    name: "Jonas Becker",
    organisation: "Homburg",
    roles: [{ role: "member_staff" }],
    purpose: "Sachbearbeitung Kreisstadt Homburg",
  },
  {
    email: "petra.klein@saarbruecken.example",
    name: "Petra Klein",
    organisation: "Saarbrücken",
    roles: [{ role: "member_lead" }],
    purpose: "Leitung (Freigabe) Saarbrücken",
  },
  {
    email: "markus.weber@ego-saar.example",
    name: "Markus Weber",
    organisation: ASSOCIATION_OFFICE_NAME,
    roles: [{ role: "requirements_manager" }],
    purpose: "Anforderungsmanagement der Geschäftsstelle",
  },
  {
    email: "sabine.mueller@neunkirchen.example",
    name: "Sabine Müller",
    organisation: "Neunkirchen",
    roles: [{ role: "team_lead", team: demoTeams[0].name }, { role: "member_staff" }],
    purpose: "Leitung Kompetenzteam Bürgerservice & Ordnung",
  },
  {
    email: "thomas.wagner@voelklingen.example",
    name: "Thomas Wagner",
    organisation: "Völklingen",
    roles: [{ role: "team_member", team: demoTeams[0].name }, { role: "member_staff" }],
    purpose: "Mitglied Kompetenzteam Bürgerservice & Ordnung",
  },
  {
    email: "lena.fischer@st-ingbert.example",
    name: "Lena Fischer",
    organisation: "St. Ingbert",
    roles: [{ role: "team_member", team: demoTeams[0].name }, { role: "member_staff" }],
    purpose: "Mitglied Kompetenzteam Bürgerservice & Ordnung",
  },
  // Every Kompetenzteam has a lead from a member town, so each can run its workshops. They come from
  // towns that already have a demo clerk above, so who filed those towns' demo requirements stays the same.
  {
    email: "michael.schneider@homburg.example",
    name: "Michael Schneider",
    organisation: "Homburg",
    roles: [{ role: "team_lead", team: demoTeams[1].name }, { role: "member_staff" }],
    purpose: "Leitung Kompetenzteam Bauen, Umwelt & Geodaten",
  },
  {
    email: "claudia.braun@saarbruecken.example",
    name: "Claudia Braun",
    organisation: "Saarbrücken",
    roles: [{ role: "team_lead", team: demoTeams[2].name }, { role: "member_staff" }],
    purpose: "Leitung Kompetenzteam Finanzen & Steuern",
  },
  {
    email: "tobias.richter@neunkirchen.example",
    name: "Tobias Richter",
    organisation: "Neunkirchen",
    roles: [{ role: "team_member", team: demoTeams[2].name }, { role: "member_staff" }],
    purpose: "Mitglied Kompetenzteam Finanzen & Steuern",
  },
  {
    email: "sandra.koch@voelklingen.example",
    name: "Sandra Koch",
    organisation: "Völklingen",
    roles: [{ role: "team_lead", team: demoTeams[3].name }, { role: "member_staff" }],
    purpose: "Leitung Kompetenzteam Bildung, Familie & Soziales",
  },
  {
    email: "daniel.wolf@st-ingbert.example",
    name: "Daniel Wolf",
    organisation: "St. Ingbert",
    roles: [{ role: "team_lead", team: demoTeams[4].name }, { role: "member_staff" }],
    purpose: "Leitung Kompetenzteam IT-Infrastruktur & Sicherheit",
  },
  {
    email: "nicole.schwarz@homburg.example",
    name: "Nicole Schwarz",
    organisation: "Homburg",
    roles: [{ role: "team_member", team: demoTeams[4].name }, { role: "member_staff" }],
    purpose: "Mitglied Kompetenzteam IT-Infrastruktur & Sicherheit",
  },
  {
    email: "julia.hoffmann@ego-saar.example",
    name: "Julia Hoffmann",
    organisation: ASSOCIATION_OFFICE_NAME,
    roles: [{ role: "management" }],
    purpose: "Geschäftsführung (1)",
  },
  {
    email: "stefan.schaefer@ego-saar.example",
    name: "Stefan Schäfer",
    organisation: ASSOCIATION_OFFICE_NAME,
    roles: [{ role: "management" }],
    purpose: "Geschäftsführung (2)",
  },
  {
    email: "klaus.zimmermann@saarlouis.example",
    name: "Klaus Zimmermann",
    organisation: "Landkreis Saarlouis",
    roles: [{ role: "board" }],
    purpose: "Aufsichtsrat (stimmberechtigt)",
  },
  {
    email: "maria.lang@saarpfalz-kreis.example",
    name: "Maria Lang",
    organisation: "Saarpfalz-Kreis",
    roles: [{ role: "board" }],
    purpose: "Aufsichtsrat (stimmberechtigt)",
  },
  {
    email: "peter.schmitt@ssgt.example",
    name: "Peter Schmitt",
    organisation: "Saarländischer Städte- und Gemeindetag (SSGT)",
    roles: [{ role: "board" }],
    purpose: "Aufsichtsrat (SSGT, beratend ohne Stimmrecht)",
  },
  // St. Wendel requires release: its clerk's submissions wait for its lead (Freigabe).
  {
    email: "katharina.jung@st-wendel.example",
    name: "Katharina Jung",
    organisation: "St. Wendel",
    roles: [{ role: "member_staff" }],
    purpose: "Sachbearbeitung Kreisstadt St. Wendel (Organisation mit Freigabe)",
  },
  {
    email: "rainer.theis@st-wendel.example",
    name: "Rainer Theis",
    organisation: "St. Wendel",
    roles: [{ role: "member_lead" }],
    purpose: "Leitung (Freigabe) St. Wendel",
  },
  {
    email: "admin@ego-saar.example",
    name: "Andrea Admin",
    organisation: ASSOCIATION_OFFICE_NAME,
    roles: [{ role: "admin" }],
    purpose: "Administration",
  },
];
