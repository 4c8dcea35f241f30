/**
 * The analysts' table (analyst-table.ts) for R, as LimeSurvey offers it: a ZIP of `responses.csv`
 * (codes, as in the SPSS file), `labels.R` (base R only: reads the CSV, turns coded answers into
 * factors whose levels are the choice texts and gives every column its question as the "label"
 * attribute) and `README.txt` saying how to use them.
 */
import { csvRow } from '../formats/csv.js';
import { writeZip } from '../formats/zip.js';
import type { AnalystTable, AnalystVariable } from './analyst-table.js';

export function responsesRZip(table: AnalystTable): Buffer {
  return writeZip([
    { name: 'README.txt', data: readme(table) },
    { name: 'labels.R', data: labelsScript(table) },
    { name: 'responses.csv', data: responsesCsv(table) },
  ]);
}

/** The coded table as CSV: a header of variable names, then a row per response. */
export function responsesCsv(table: AnalystTable): string {
  return `${[table.variables.map((v) => v.name), ...table.rows].map((row) => csvRow(row)).join('\n')}\n`;
}

/** An R string literal: ASCII only (other characters as \u escapes), so the script reads the same in any locale. */
export function rString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x80) out += ch;
    else if (code <= 0xffff) out += `\\u{${code.toString(16)}}`;
    else out += `\\U{${code.toString(16)}}`;
  }
  return `${out}"`;
}

const column = (v: AnalystVariable) => `responses[[${rString(v.name)}]]`;
const list = (items: string[]) => `c(${items.join(', ')})`;

export function labelsScript(table: AnalystTable): string {
  const { variables } = table;
  const texts = variables.filter((v) => v.type === 'string');
  const lines = [
    '# Reads responses.csv (beside this script) into the data frame `responses` with the questionnaire',
    '# wording applied: each coded answer becomes a factor whose levels are the choice texts, and each',
    '# column has its question as its "label" attribute (RStudio shows it; haven and labelled use it).',
    '# Base R only. In the unzipped folder:  source("labels.R")',
    ...(table.notice ? [`# ${table.notice}`] : []),
    '',
    'responses <- utils::read.csv("responses.csv", na.strings = "", fileEncoding = "UTF-8", check.names = FALSE,',
    `  colClasses = ${list(variables.map((v) => `${rString(v.name)} = ${rString(v.type === 'numeric' ? 'numeric' : 'character')}`))})`,
    '',
  ];
  if (texts.length) {
    lines.push(
      "# The CSV puts ' before text a spreadsheet would run as a formula (=, +, -, @ first): taken off here.",
      `for (v in ${list(texts.map((v) => rString(v.name)))}) {`,
      `  responses[[v]] <- sub("^'(?=[-=+@\\t\\r])", "", responses[[v]], perl = TRUE)`,
      '}',
      '',
    );
  }
  for (const v of variables.filter((v) => v.type === 'datetime')) {
    lines.push(`${column(v)} <- as.POSIXct(${column(v)}, tz = "UTC", format = "%Y-%m-%dT%H:%M:%OS")`);
  }
  lines.push('');
  for (const v of variables.filter((v) => v.valueLabels?.length)) {
    const labels = v.valueLabels!;
    lines.push(
      `${column(v)} <- factor(${column(v)},`,
      `  levels = ${list(labels.map(([code]) => String(code)))},`,
      `  labels = ${list(labels.map(([, text]) => rString(text)))})`,
    );
  }
  lines.push('', 'variable_labels <- c(');
  variables.forEach((v, i) => {
    lines.push(`  ${rString(v.name)} = ${rString(v.label)}${i < variables.length - 1 ? ',' : ''}`);
  });
  lines.push(')', 'for (v in names(variable_labels)) attr(responses[[v]], "label") <- variable_labels[[v]]', 'rm(v, variable_labels)', '');
  return lines.join('\n');
}

function readme(table: AnalystTable): string {
  return [
    'Anonymised survey responses for R',
    '',
    ...(table.notice ? [table.notice, ''] : []),
    'responses.csv  one row per response (UTF-8). Answers chosen from a list are numeric codes;',
    '               a multiple-choice question has a 0/1 column per option (<question>_<option>).',
    'labels.R       reads responses.csv into the data frame `responses`, turning the codes into',
    '               factors whose levels are the choice texts and giving each column its question',
    '               as its "label" attribute. Base R only; the codes and their texts are listed in it.',
    '',
    'In R, with this folder as the working directory:',
    '  source("labels.R")',
    '  table(responses$synthetic)',
    '',
    'Codes: the options of a question are numbered 1, 2, ... in questionnaire order, then the extra items',
    "(other, none, don't know), then values the questionnaire no longer lists; a rating keeps its numbers.",
    'Yes/no questions: 1 = yes, 0 = no. A blank cell is a question not answered (NA in R).',
    'created_at is UTC. weight is the analysis weight (blank until the wave is weighted).',
    "Text starting with =, +, - or @ has a ' in front in the CSV so spreadsheets do not run it;",
    'labels.R takes it off.',
    '',
    `${table.rows.length} responses, ${table.variables.length} columns.`,
    '',
  ].join('\r\n');
}
