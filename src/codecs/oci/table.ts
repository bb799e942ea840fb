// OCI tables (oci-p.md §3, FACT): <xxxTable> holds colHeading elements, then row elements of col
// cells; an empty cell is <col/>. Columns are looked up by heading, never by position.
import { CodecError } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { xmlElement, xmlTextElement, type XmlElement } from '../xml/index.ts';

export interface OciTable {
  readonly headings: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * Reads a table element; INVALID_FIELD when a row is wider than the headings.
 *
 * @example
 * const table = readOciTable(child(command, 'userTable')!);
 */
export function readOciTable(table: XmlElement): Result<OciTable> {
  return attempt(() => readTable(table), 'INVALID_FIELD');
}

function readTable(table: XmlElement): OciTable {
  const headings: string[] = [];
  const rows: string[][] = [];
  for (const c of table.children) {
    if (c.name === 'colHeading') headings.push(c.text);
    else if (c.name === 'row') {
      const row: string[] = [];
      for (const col of c.children) if (col.name === 'col') row.push(col.text);
      if (row.length > headings.length) {
        throw new CodecError('INVALID_FIELD', `table row ${rows.length + 1} has more cells than headings`, { element: table.name, position: rows.length });
      }
      rows.push(row);
    }
  }
  return { headings, rows };
}

/**
 * Rows as heading → value records (missing trailing cells read as '').
 *
 * @example
 * ociTableRecords(table); // [{ 'User Id': 'ann@example.com', 'Last Name': 'Lee', … }]
 */
export function ociTableRecords(table: OciTable): Array<Record<string, string>> {
  return table.rows.map((row) => {
    const rec: Record<string, string> = {};
    table.headings.forEach((h, k) => (rec[h] = row[k] ?? ''));
    return rec;
  });
}

/**
 * One column by heading; undefined when the table has no such heading.
 *
 * @example
 * ociTableColumn(table, 'User Id'); // ['ann@example.com', 'bob@example.com']
 */
export function ociTableColumn(table: OciTable, heading: string): string[] | undefined {
  const k = table.headings.indexOf(heading);
  return k === -1 ? undefined : table.rows.map((r) => r[k] ?? '');
}

/**
 * Writes a table element in the real form (the lab's list responses).
 *
 * @example
 * ociTableXml('userTable', { headings: ['User Id'], rows: [['ann@example.com']] });
 */
export function ociTableXml(name: string, table: OciTable): string {
  const head = table.headings.map((h) => xmlTextElement('colHeading', h)).join('');
  const rows = table.rows.map((r) => xmlElement('row', null, r.map((v) => xmlTextElement('col', v)).join(''))).join('');
  return xmlElement(name, null, head + rows);
}
