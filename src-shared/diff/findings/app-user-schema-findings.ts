import { isJsonObject, type JsonValue } from '../../json/json-types.js';
import type { Severity } from '../diff-types.js';
import type { FindingRule, KindFindings } from './finding-rule.js';
import { isUnder, objectAt, pointerOf } from './json-pointer.js';
import { code, nameList, quoted } from './phrases.js';
import type { ResourceLabels } from './resource-labels.js';
import { sameValue } from './rule-builders.js';

/** The parts of an app user schema that hold attribute definitions. */
const SECTIONS = ['base', 'custom'] as const;

type Direction = 'added' | 'removed' | 'changed';

interface AttributeChange {
  name: string;
  pointer: string;
  direction: Direction;
}

function attributeChanges(before: JsonValue | undefined, after: JsonValue | undefined): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const section of SECTIONS) {
    const base = pointerOf('definitions', section, 'properties');
    const was = objectAt(before, base);
    const now = objectAt(after, base);
    for (const name of new Set([...Object.keys(was), ...Object.keys(now)])) {
      const pointer = `${base}${pointerOf(name)}`;
      if (!isJsonObject(now[name])) changes.push({ name, pointer, direction: 'removed' });
      else if (!isJsonObject(was[name])) changes.push({ name, pointer, direction: 'added' });
      else if (!sameValue(was[name], now[name])) changes.push({ name, pointer, direction: 'changed' });
    }
  }
  return changes;
}

/** Builds a rule for the attribute definitions that changed in one direction: "attribute `department` was removed". */
function attributeRule(ruleCode: string, severity: Severity, direction: Direction): FindingRule {
  return {
    code: ruleCode,
    severity,
    on: 'changed',
    paths: SECTIONS.map((section) => pointerOf('definitions', section, 'properties')),
    describe: ({ subject, before, after, paths }) => {
      const changes = attributeChanges(before, after).filter((change) => change.direction === direction);
      if (changes.length === 0) return undefined;
      const names = changes.map((change) => code(change.name));
      const noun = changes.length === 1 ? 'attribute' : 'attributes';
      const verb = changes.length === 1 ? 'was' : 'were';
      return {
        sentence: `${subject}: ${noun} ${nameList(names, names.length)} ${verb} ${direction}.`,
        claims: paths.filter((path) => changes.some((change) => isUnder(path, change.pointer) || isUnder(change.pointer, path))),
      };
    },
  };
}

/** Findings for an app's user schema (id is the app id): the attributes that mappings and assignments fill. */
export const APP_USER_SCHEMA_FINDINGS: KindFindings = {
  subject: (change, labels: ResourceLabels) => `User schema of app ${quoted(labels.appLabel(change.id))}`,
  rules: [
    attributeRule('app-schema-attribute-removed', 'high', 'removed'),
    attributeRule('app-schema-attribute-added', 'medium', 'added'),
    attributeRule('app-schema-attribute-changed', 'low', 'changed'),
  ],
};
