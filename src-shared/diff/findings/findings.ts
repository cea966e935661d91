import { SEVERITY_ORDER, type Finding, type ResourceChange } from '../diff-types.js';
import { applyRules } from './apply-rules.js';
import { DEFAULT_PRODUCT_ATTRIBUTE, type FindingOptions, type KindFindings } from './finding-rule.js';
import { genericFinding, unknownKindSubject } from './generic-finding.js';
import { KIND_FINDINGS } from './kind-findings.js';
import { ResourceLabels, type FindingContext } from './resource-labels.js';

export type { FindingContext } from './resource-labels.js';
export type { FindingOptions } from './finding-rule.js';

/**
 * Describes resource changes as findings: one plain sentence per meaningful change, naming the
 * resource by its label and the field in Okta's terms, with a severity and a stable code. Every
 * change gives at least one finding, because changed fields that no rule covers, and kinds that
 * have no rules, get a low-severity generic finding. The context (both sides, whole) supplies
 * the names of groups, apps and policies that a changed resource refers to by id.
 * Findings come sorted by severity (critical first), then kind, then resource name.
 */
export function findingsFor(changes: ResourceChange[], context: FindingContext, options: FindingOptions = {}): Finding[] {
  const labels = new ResourceLabels(context);
  const productAttribute = options.productAttribute ?? DEFAULT_PRODUCT_ATTRIBUTE;
  const named: NamedFinding[] = [];

  for (const change of changes) {
    for (const finding of findingsOfChange(change, labels, productAttribute)) named.push({ finding, name: change.name });
  }

  return named.sort(compareNamed).map(({ finding }) => finding);
}

interface NamedFinding {
  finding: Finding;
  name: string;
}

function findingsOfChange(change: ResourceChange, labels: ResourceLabels, productAttribute: string): Finding[] {
  const kind: KindFindings | undefined = KIND_FINDINGS.get(change.kind);
  if (kind === undefined) return [genericFinding(change, unknownKindSubject(change), [], change.changedPaths)];

  const { findings, unaccounted } = applyRules(kind, change, labels, productAttribute);
  if (findings.length === 0 || unaccounted.length > 0) {
    findings.push(genericFinding(change, kind.subject(change, labels), kind.subjectIds?.(change) ?? [], unaccounted));
  }
  return findings;
}

/** Orders by severity, kind and resource name, then code and sentence so that the order never depends on input order. */
function compareNamed(a: NamedFinding, b: NamedFinding): number {
  return (
    SEVERITY_ORDER.indexOf(a.finding.severity) - SEVERITY_ORDER.indexOf(b.finding.severity)
    || compareText(a.finding.kind, b.finding.kind)
    || compareText(a.name, b.name)
    || compareText(a.finding.code, b.finding.code)
    || compareText(a.finding.sentence, b.finding.sentence)
    || compareText(a.finding.resourceIds.join(' '), b.finding.resourceIds.join(' '))
  );
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
