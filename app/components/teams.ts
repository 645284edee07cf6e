/**
 * The line that names a candidate's or workshop's team: "Kompetenzteam: <name>", or the name alone
 * when it already begins with the term (as "Kompetenzteam Finanzen & Steuern" does), so that the
 * word does not stand twice.
 */
export function teamLine(name: string, term: string, labelled: string): string {
  return name.toLocaleLowerCase().startsWith(term.toLocaleLowerCase()) ? name : labelled;
}
