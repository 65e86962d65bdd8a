import Papa from 'papaparse';
import { parseCsvRows, parseInput, type Parsed } from './parse-locations';

/**
 * Reads an uploaded file. CSVs are parsed by papaparse in a web worker, so a 5 MB file never
 * freezes the page; GeoJSON and text go through the same parsers as pasted input.
 */
export async function readLocationsFile(file: File): Promise<Parsed> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') && typeof Worker !== 'undefined') {
    const rows = await new Promise<{ data: string[][]; errors: Papa.ParseError[] }>(
      (resolve, reject) => {
        Papa.parse<string[]>(file, {
          worker: true,
          skipEmptyLines: false,
          complete: (r) => resolve({ data: r.data, errors: r.errors }),
          error: (e) => reject(e),
        });
      },
    );
    return parseCsvRows(rows.data, rows.errors);
  }
  return parseInput(await file.text(), file.name);
}
