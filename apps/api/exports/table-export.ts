import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { z } from 'zod';

/** One column of an exported list: its Chinese header, width, and whether it holds money (fen, shown in yuan). */
export interface ExportColumn<T> {
  header: string;
  width?: number;
  money?: boolean;
  /** An Excel number format for a non-money column (e.g. '0.0%'). */
  numFmt?: string;
  /** A header over several adjacent columns (merged in Excel); a column without one spans both header rows. */
  group?: string;
  value: (row: T) => string | number | null;
}

export interface TableExport<T> {
  /** The sheet's title row, merged across every column (e.g. 团山社区 低保长期公示). */
  title: string;
  fileName: string;
  columns: ExportColumn<T>[];
  /** Pages of rows, read from the database one page at a time: the export never holds the whole list. */
  pages: AsyncIterable<T[]>;
  /** Adds a 合计 row summing the money columns. */
  totals?: boolean;
  /** A 合计 row given by the caller (a summary whose lines nest has its total already), instead of summing. */
  totalsRow?: T;
  /** Columns kept in view when scrolling sideways (e.g. the region names). */
  frozenColumns?: number;
}

export const exportFormatSchema = z.object({ format: z.enum(['xlsx', 'csv'], { error: 'must be xlsx or csv' }).default('xlsx') }).passthrough();
export type ExportFormat = 'xlsx' | 'csv';

const MONEY_FORMAT = '#,##0.00';

/**
 * Streams a list as an Excel workbook (title row merged across the columns, bold Chinese headers, frozen panes, money
 * in yuan with two decimals, a totals row) or as UTF-8 CSV with a byte-order mark, so Excel opens it in Chinese.
 * Rows are committed to the response page by page (exceljs's streaming writer), so a province's list runs in flat
 * memory. Call only after every check that can answer 4xx: from here on the answer is a file.
 */
export async function streamTable<T>(res: Response, format: ExportFormat, table: TableExport<T>): Promise<void> {
  const name = encodeURIComponent(`${table.fileName}.${format}`);
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${name}`);
  res.setHeader('Cache-Control', 'no-store');
  const sums = table.columns.map(() => 0);
  const add = (row: T) =>
    table.columns.map((c, i) => {
      const v = c.value(row);
      if (c.money && typeof v === 'number') {
        sums[i] += v;
        return v / 100;
      }
      return v;
    });
  if (format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.write('\ufeff' + csvLine(table.columns.map((c) => (c.group ? `${c.group}-${c.header}` : c.header))));
    const yuan = (v: string | number | null, i: number) => (table.columns[i]!.money && typeof v === 'number' ? v.toFixed(2) : v);
    for await (const page of table.pages) for (const row of page) res.write(csvLine(add(row).map(yuan)));
    if (table.totalsRow) res.write(csvLine(['合计', ...add(table.totalsRow).slice(1)].map(yuan)));
    else if (table.totals) res.write(csvLine(table.columns.map((c, i) => (i === 0 ? '合计' : c.money ? (sums[i]! / 100).toFixed(2) : null))));
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const grouped = table.columns.some((c) => c.group);
  const sheet = workbook.addWorksheet('Sheet1', { views: [{ state: 'frozen', ySplit: grouped ? 3 : 2, xSplit: table.frozenColumns ?? 0 }] });
  sheet.columns = table.columns.map((c) => ({ width: c.width ?? 16, style: c.money ? { numFmt: MONEY_FORMAT } : c.numFmt ? { numFmt: c.numFmt } : {} }));
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, table.columns.length);
  title.commit();
  // With groups, the merges have already made the second header row: fill it rather than add another.
  const header = grouped ? sheet.getRow(headerGroups(sheet, table.columns) + 1) : sheet.addRow([]);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    if (!c.group && grouped) return;
    cell.value = c.header;
  });
  header.font = { bold: true };
  header.commit();
  for await (const page of table.pages) for (const row of page) sheet.addRow(add(row)).commit();
  if (table.totalsRow) {
    const totals = sheet.addRow(['合计', ...add(table.totalsRow).slice(1)]);
    totals.font = { bold: true };
    totals.commit();
  } else if (table.totals) {
    const totals = sheet.addRow(table.columns.map((c, i) => (i === 0 ? '合计' : c.money ? sums[i] / 100 : null)));
    totals.font = { bold: true };
    totals.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * The row above the column headers: each group's name merged across its columns; a column without a group is merged
 * down over both header rows (the streaming writer takes merges before the rows are committed). Returns its number.
 */
function headerGroups<T>(sheet: ExcelJS.Worksheet, columns: ExportColumn<T>[]): number {
  const row = sheet.addRow(columns.map((c) => c.group ?? c.header));
  row.font = { bold: true };
  row.alignment = { horizontal: 'center', vertical: 'middle' };
  const at = row.number;
  for (let i = 0; i < columns.length; ) {
    const group = columns[i]!.group;
    let end = i;
    while (group && end + 1 < columns.length && columns[end + 1]!.group === group) end++;
    if (!group) sheet.mergeCells(at, i + 1, at + 1, i + 1);
    else if (end > i) sheet.mergeCells(at, i + 1, at, end + 1);
    i = end + 1;
  }
  row.commit();
  return at;
}

function csvLine(values: (string | number | null)[]): string {
  return values.map((v) => (v == null ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',') + '\r\n';
}
