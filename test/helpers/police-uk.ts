/**
 * The bundled real police.uk file (Kent Police, January 2019, Maidstone rows and neighbours) and
 * what importing it must give, as server/demo/police-uk/README.md states them. The counts come from
 * that README (read off the file by hand), not from our importer.
 */
import { fileURLToPath } from 'node:url';

export const POLICE_UK_NAME = 'police-uk-2019-01-kent-street-maidstone.csv';
export const POLICE_UK_FILE = fileURLToPath(new URL(`../../server/demo/police-uk/${POLICE_UK_NAME}`, import.meta.url));

/** Maidstone rows by crime type. */
export const MAIDSTONE_BY_TYPE: Record<string, number> = {
  'Violence and sexual offences': 647,
  'Anti-social behaviour': 198,
  'Criminal damage and arson': 137,
  Burglary: 110,
  'Public order': 102,
  'Other theft': 99,
  Shoplifting: 94,
  'Vehicle crime': 82,
  'Other crime': 44,
  Drugs: 32,
  'Possession of weapons': 15,
  'Theft from the person': 11,
  Robbery: 10,
  'Bicycle theft': 7,
};

/** Rows counted in a Maidstone ward (all types, anti-social behaviour included). */
export const MAIDSTONE_ROWS = 1588;
