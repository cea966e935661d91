import type { JsonValue } from '../../json/json-types.js';
import type { ChangeType, ResourceChange, Severity } from '../diff-types.js';
import type { ResourceLabels } from './resource-labels.js';

/** App user attribute that decides which Atlassian products a user gets, unless the caller names another. */
export const DEFAULT_PRODUCT_ATTRIBUTE = 'atlassianProducts';

/** Settings of the findings pass. */
export interface FindingOptions {
  /** App user attribute whose profile mapping decides Atlassian product access; `atlassianProducts` by default. */
  productAttribute?: string;
}

/** Input of a rule: one resource change, with the labels and settings its sentence needs. */
export interface RuleInput {
  change: ResourceChange;
  before: JsonValue | undefined;
  after: JsonValue | undefined;
  /** For `changed`, the changed paths that the rule's `paths` matched; empty for `added` and `removed`. */
  paths: string[];
  /** The resource as sentences name it, such as "App 'Atlassian Cloud'". */
  subject: string;
  labels: ResourceLabels;
  productAttribute: string;
}

/** A finding before the code, severity and kind of its rule are added. */
export interface FindingDraft {
  sentence: string;
  /** Ids of the other resources the sentence names (groups, apps, zones), as snapshots key them; the changed resource's own id always comes first. */
  relatedIds?: string[];
  /** The changed paths this finding accounts for; every path the rule matched when absent. */
  claims?: string[];
}

/**
 * One entry of a kind's rule table. For `changed`, a rule runs only when a changed path equals
 * one of its `paths`, lies under one, or lies above one (a whole object added or removed). The
 * rule returns nothing when the change does not meet its condition, such as a status that
 * changed to something other than the one it reports.
 */
export interface FindingRule {
  code: string;
  severity: Severity;
  on: ChangeType;
  /** JSON pointers the rule reports on; `''` matches every path. Only read for `changed`. */
  paths?: readonly string[];
  /**
   * Runs after the other rules of its kind and receives only the changed paths they left
   * unaccounted for, so it can cover the rest of a section without repeating them.
   */
  catchAll?: boolean;
  describe(input: RuleInput): FindingDraft | FindingDraft[] | undefined;
}

/** The findings of one resource kind: how sentences name a resource, and the rule table. */
export interface KindFindings {
  subject(change: ResourceChange, labels: ResourceLabels): string;
  /** Ids of the other captured resources the subject names, such as the app that owns a signing key. */
  subjectIds?(change: ResourceChange): string[];
  rules: readonly FindingRule[];
}
