import type { ResourceKind } from '../../snapshot/snapshot-model.js';
import type { ResourceChange } from '../diff-types.js';
import { APP_SAML_METADATA_FINDINGS, APP_SIGNING_KEY_FINDINGS } from './app-credential-findings.js';
import { APP_FINDINGS } from './app-findings.js';
import { APP_USER_SCHEMA_FINDINGS } from './app-user-schema-findings.js';
import { APP_GROUP_ASSIGNMENT_FINDINGS, APP_USER_ASSIGNMENT_FINDINGS } from './assignment-findings.js';
import { DEVICE_ASSURANCE_FINDINGS } from './device-assurance-findings.js';
import type { KindFindings } from './finding-rule.js';
import { GROUP_FINDINGS } from './group-findings.js';
import { GROUP_MEMBERS_FINDINGS } from './group-members-findings.js';
import { GROUP_PUSH_MAPPING_FINDINGS } from './group-push-findings.js';
import { GROUP_RULE_FINDINGS } from './group-rule-findings.js';
import { NETWORK_ZONE_FINDINGS } from './network-zone-findings.js';
import { quoted } from './phrases.js';
import { POLICY_FINDINGS } from './policy-findings.js';
import { POLICY_RULE_FINDINGS } from './policy-rule-findings.js';
import { PROFILE_MAPPING_FINDINGS } from './profile-mapping-findings.js';
import { APP_FEATURE_FINDINGS, APP_PROVISIONING_FINDINGS } from './provisioning-findings.js';

/** User types have no rules of their own: every change to one gets the generic finding. */
const USER_TYPE_FINDINGS: KindFindings = {
  subject: (change: ResourceChange) => `User type ${quoted(change.name)}`,
  rules: [],
};

/** The rule table of each resource kind; typed by ResourceKind so that a new kind cannot be left out. */
const TABLES: Record<ResourceKind, KindFindings> = {
  app: APP_FINDINGS,
  'app-signing-key': APP_SIGNING_KEY_FINDINGS,
  'app-saml-metadata': APP_SAML_METADATA_FINDINGS,
  'app-provisioning': APP_PROVISIONING_FINDINGS,
  'app-feature': APP_FEATURE_FINDINGS,
  'app-user-schema': APP_USER_SCHEMA_FINDINGS,
  'profile-mapping': PROFILE_MAPPING_FINDINGS,
  'app-group-assignment': APP_GROUP_ASSIGNMENT_FINDINGS,
  'app-user-assignment': APP_USER_ASSIGNMENT_FINDINGS,
  'group-push-mapping': GROUP_PUSH_MAPPING_FINDINGS,
  group: GROUP_FINDINGS,
  'group-members': GROUP_MEMBERS_FINDINGS,
  'group-rule': GROUP_RULE_FINDINGS,
  policy: POLICY_FINDINGS,
  'policy-rule': POLICY_RULE_FINDINGS,
  'network-zone': NETWORK_ZONE_FINDINGS,
  'device-assurance': DEVICE_ASSURANCE_FINDINGS,
  'user-type': USER_TYPE_FINDINGS,
};

/** Rule tables by kind name. A kind this build does not know is missing, and gets only generic findings. */
export const KIND_FINDINGS: ReadonlyMap<string, KindFindings> = new Map(Object.entries(TABLES));
