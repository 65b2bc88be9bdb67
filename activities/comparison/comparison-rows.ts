import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** One row of a department list: the person's ID number and what the list says of them (the other columns). */
export interface ListRow {
  idNumber: string;
  detail: string;
}

/** Header names accepted for the ID-number column. */
const ID_HEADERS = new Set(['身份证号', '身份证号码', '公民身份号码', 'idnumber', 'id_number']);

/** A list without an ID-number column cannot be compared; the caller answers 422 naming the rule. */
export class ListFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListFormatError';
  }
}

function idColumn(headers: string[]): number {
  const index = headers.findIndex((h) => ID_HEADERS.has(h.trim().toLowerCase()));
  if (index < 0) throw new ListFormatError(`the first row must name an ID-number column (${[...ID_HEADERS].join(' / ')})`);
  return index;
}

function toRow(headers: string[], id: number, cells: string[]): ListRow {
  const detail = headers
    .map((h, i) => (i === id || cells[i] === undefined || cells[i] === '' ? '' : `${h.trim()}：${cells[i].trim()}`))
    .filter(Boolean)
    .join('；');
  return { idNumber: (cells[id] ?? '').trim().toUpperCase(), detail };
}

/** Streams a CSV list (UTF-8, header row first) row by row; memory stays flat however long the list. */
export async function* csvRows(input: Readable): AsyncGenerator<ListRow> {
  const parser = input.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }));
  let headers: string[] | undefined;
  let id = -1;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!headers) {
      headers = record;
      id = idColumn(headers);
      continue;
    }
    yield toRow(headers, id, record);
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    return '';
  }
  return String(value);
}

/** Streams the first worksheet of an .xlsx list row by row (ExcelJS's streaming reader; shared strings cached). */
export async function* xlsxRows(input: Readable): AsyncGenerator<ListRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  for await (const sheet of reader) {
    let headers: string[] | undefined;
    let id = -1;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (!headers) {
        headers = values;
        id = idColumn(headers);
        continue;
      }
      yield toRow(headers, id, values);
    }
    return;
  }
}
