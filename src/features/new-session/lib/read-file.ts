import Papa from 'papaparse';
import { parseCsvRows, parseInput, type Parsed } from './parse-locations';

/** Small enough that a 5 MB file is parsed in ~20 steps, each followed by a return to the event loop. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Reads an uploaded file. CSVs are streamed by papaparse in chunks read asynchronously from the
 * File, so a 5 MB file never freezes the page. (Its worker mode builds the worker from its own
 * source text, which does not survive bundling.) GeoJSON and text go through the same parsers
 * as pasted input.
 */
export async function readLocationsFile(file: File): Promise<Parsed> {
  if (!file.name.toLowerCase().endsWith('.csv')) return parseInput(await file.text(), file.name);
  const rows: string[][] = [];
  const errors: Papa.ParseError[] = [];
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(file, {
      skipEmptyLines: false,
      chunkSize: CHUNK_BYTES,
      chunk: (result) => {
        // Row numbers in errors are per chunk: shift them to the file's rows.
        for (const e of result.errors)
          errors.push({ ...e, row: e.row === undefined ? undefined : e.row + rows.length });
        rows.push(...result.data);
      },
      complete: () => resolve(),
      error: (e) => reject(e),
    });
  });
  return parseCsvRows(rows, errors);
}
