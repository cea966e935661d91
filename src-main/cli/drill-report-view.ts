import type { Drill, DrillReport, TouchedObject } from '../sandbox/drills/drill-types.js';
import type { CommandIo } from './command-io.js';
import { textTable } from './text-table.js';

/** Prints the drill names and titles, or their names, titles and descriptions as JSON. */
export function printDrillList(io: CommandIo, drills: readonly Drill[], json: boolean): void {
  if (json) {
    io.out(JSON.stringify(drills.map(({ name, title, description }) => ({ name, title, description })), null, 2));
    return;
  }
  for (const line of textTable(['DRILL', 'WHAT IT DOES'], drills.map((drill) => [drill.name, drill.title]))) io.out(line);
  io.out('');
  io.out("Run 'butterfly drill NAME --org-url URL --token-stdin' to apply one; 'butterfly drill --help' explains the options.");
}

/** Prints what a drill changed and the write requests it sent. */
export function printDrillReport(io: CommandIo, drill: Drill, report: DrillReport): void {
  io.out(`Applied drill '${drill.name}' to ${report.orgUrl}: ${drill.title}.`);
  printTouched(io, 'Changed by the drill:', report.touched.filter((object) => object.cause === 'request'));
  printTouched(io, 'Changed by Okta as a consequence:', report.touched.filter((object) => object.cause === 'side-effect'));

  const writes = report.requests.filter((request) => request.method !== 'GET');
  io.out(`Requests sent: ${report.requests.length}, of which ${writes.length} changed the org:`);
  for (const request of writes) io.out(`  ${request.method} ${request.path} → ${request.status}`);
}

function printTouched(io: CommandIo, heading: string, objects: TouchedObject[]): void {
  if (objects.length === 0) return;
  io.out(heading);
  for (const object of objects) io.out(`  ${object.change} ${object.kind} ${object.id} '${object.name}': ${object.detail}`);
}
