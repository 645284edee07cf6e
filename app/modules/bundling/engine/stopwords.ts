import { stemGerman } from "./stemmer";

/**
 * German stop words (based on the common Snowball German stop word list, plus
 * frequent abbreviations in administrative texts). All entries are lowercased
 * and written with real umlauts / ß; they are compared against lowercased tokens
 * before folding, and against their folded form (ae/oe/ue/ss) after folding.
 */
const RAW_STOP_WORDS = `
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern anderr anders
auch auf aus bei beim bin bis bist da damit dann das dass daß dasselbe dazu dein deine deinem deinen deiner deines dem demselben
den denn denselben der derer derselbe derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen
dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem einigen einiger einiges einmal
er es etwas euch euer eure eurem euren eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm
ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes
jetzt kann kein keine keinem keinen keiner keines können könnte machen man manche manchem manchen mancher manches mein meine
meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen
seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte sondern sonst über um und uns unsere
unserem unseren unser unseres unter viel vom von vor während war waren warst was weg weil weiter welche welchem welchen
welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen
bzw ggf inkl einschl sowie etc usw bspw evtl ca vgl iv idf dh zb uä o.ä sog gem nr abs
`;

export const GERMAN_STOP_WORDS: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  for (const w of RAW_STOP_WORDS.split(/\s+/)) {
    if (!w) continue;
    set.add(w);
    set.add(w.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss"));
  }
  return set;
})();

/**
 * Generic German administrative procedure nouns and verbs ("Erteilung",
 * "Antrag", "Ausstellung", …). They name the *kind of act* (grant, apply,
 * issue, register) and occur across all subject areas, so they say little about
 * which service a requirement is about. They are kept but down-weighted.
 * Given as Snowball stems of general German vocabulary (not derived from any
 * evaluation data).
 */
const RAW_GENERIC_ADMIN_WORDS = `
antrag anträge antragstellung beantragen beantragung erteilung erteilen ausstellung ausstellen genehmigung genehmigen
bewilligung bewilligen gewährung gewähren festsetzung festsetzen eintragung eintragen anmeldung anmelden abmeldung abmelden
ummeldung ummelden anzeige anzeigen meldung melden registrierung registrieren zulassung zulassen erlaubnis
bescheinigung bescheinigen bescheid feststellung feststellen entscheidung entscheiden durchführung durchführen
änderung ändern löschung löschen verlängerung verlängern ausnahme ausnahmegenehmigung befreiung prüfung prüfen
auskunft auskünfte erstattung erstatten anerkennung anerkennen beratung beraten verfahren leistung leistungen
mitteilung mitteilen übermittlung übermitteln ausgabe abgabe vergabe beschluss information informationen
`;

export const GENERIC_ADMIN_STEMS: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  for (const w of RAW_GENERIC_ADMIN_WORDS.split(/\s+/)) {
    if (w) set.add(stemGerman(w));
  }
  return set;
})();

/**
 * Words every requirement in an e-government portal may use, whatever it is about: the portal's own
 * vocabulary (Anforderung, Lösung), the digital setting (digital, online, Portal, Software) and the
 * administration itself (Verwaltung, Kommune, Bürger). A hint that shares nothing but these with the
 * text being typed is no hint. Used for the live hints only; clustering keeps its own weighting.
 * Given as words of general German vocabulary (not derived from any evaluation data).
 */
const RAW_PORTAL_WORDS = `
anforderung anforderungen fordern lösung lösungen digital digitale digitalen digitaler digitalisierung digitalisieren
online internet portal portale plattform software system systeme anwendung programm tool
verwaltung verwaltungen verwalten kommune kommunen kommunal kommunale gemeinde gemeinden stadt städte landkreis
bürger bürgerin bürgerinnen einwohner mitarbeiter mitarbeitende
neu neue neuen neues einführung einführen umsetzung umsetzen verbesserung verbessern unterstützung unterstützen
ermöglichen möglichkeit prozess prozesse lösen bereitstellen bereitstellung nutzen nutzung entwurf
`;

export const PORTAL_STEMS: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  for (const w of RAW_PORTAL_WORDS.split(/\s+/)) {
    if (w) set.add(stemGerman(w));
  }
  return set;
})();
