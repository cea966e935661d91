import type { JsonValue } from '../../json/json-types.js';
import type { ResourceChange } from '../diff-types.js';
import { APP_SIGN_ON_RULES } from './app-sign-on-findings.js';
import type { FindingRule, KindFindings } from './finding-rule.js';
import { stringAt, stringsAt } from './json-pointer.js';
import { describeChange, listChanges, missingFrom, nameList, quoted } from './phrases.js';
import { fieldRule, lifecycleRule, renameRule, statusRule } from './rule-builders.js';

/** The entry of an app's `features` list that makes Okta deactivate users in the app ("Deactivate Users"). */
const DEPROVISIONING_FEATURE = 'PUSH_USER_DEACTIVATION';

/** Returns the id of the app's active signing key as `key <kid>`, the form sentences use. */
function signingKeyOf(body: JsonValue | undefined): string | undefined {
  const kid = stringAt(body, '/credentials/signing/kid');
  return kid === undefined ? undefined : `key ${kid}`;
}

const signingKeyChanged: FindingRule = {
  code: 'app-signing-key-changed',
  severity: 'critical',
  on: 'changed',
  paths: ['/credentials/signing/kid'],
  describe: ({ subject, before, after }) => {
    const was = signingKeyOf(before);
    const now = signingKeyOf(after);
    if (was === now) return undefined;
    return { sentence: `${subject}: ${describeChange('signing certificate', was, now)}.` };
  },
};

const deprovisioningChanged: FindingRule = {
  code: 'app-deprovisioning-changed',
  severity: 'critical',
  on: 'changed',
  paths: ['/features'],
  describe: ({ subject, before, after }) => {
    const was = stringsAt(before, '/features').includes(DEPROVISIONING_FEATURE);
    const now = stringsAt(after, '/features').includes(DEPROVISIONING_FEATURE);
    if (was === now) return undefined;
    return { sentence: `${subject}: Deactivate Users (${DEPROVISIONING_FEATURE}) was turned ${now ? 'on' : 'off'}.` };
  },
};

const featuresChanged: FindingRule = {
  code: 'app-features-changed',
  severity: 'medium',
  on: 'changed',
  paths: ['/features'],
  describe: ({ subject, before, after }) => {
    const was = stringsAt(before, '/features').filter((name) => name !== DEPROVISIONING_FEATURE);
    const now = stringsAt(after, '/features').filter((name) => name !== DEPROVISIONING_FEATURE);
    const changes = listChanges({ removed: missingFrom(was, now), added: missingFrom(now, was) });
    if (changes === '') return undefined;
    return { sentence: `${subject}: provisioning features changed: ${changes}.` };
  },
};

const visibilityChanged: FindingRule = {
  code: 'app-visibility-changed',
  severity: 'low',
  on: 'changed',
  paths: ['/visibility'],
  describe: ({ subject, paths }) => ({ sentence: `${subject}: visibility settings changed: ${nameList(paths, paths.length)}.` }),
};

/** Findings for the app integration itself: sign-on, signing certificate, status, features and display settings. */
export const APP_FINDINGS: KindFindings = {
  subject: (change: ResourceChange) => `App ${quoted(change.name)}`,
  rules: [
    lifecycleRule('app-removed', 'critical', 'removed', 'was deleted'),
    lifecycleRule('app-added', 'medium', 'added', 'was added'),
    statusRule('app-deactivated', 'critical', '/status', ['INACTIVE'], 'was deactivated'),
    statusRule('app-activated', 'medium', '/status', ['ACTIVE'], 'was activated'),
    signingKeyChanged,
    fieldRule('app-sign-on-mode-changed', 'critical', '/signOnMode', 'sign-on method'),
    ...APP_SIGN_ON_RULES,
    fieldRule('app-username-format-changed', 'high', '/credentials/userNameTemplate/template', 'application username format', 'code'),
    deprovisioningChanged,
    featuresChanged,
    renameRule('app-renamed', '/label', (label) => `App ${quoted(label)}`),
    fieldRule('app-notes-changed', 'low', '/settings/notes/admin', 'admin notes', 'text'),
    fieldRule('app-notes-changed', 'low', '/settings/notes/enduser', 'end-user support notes', 'text'),
    visibilityChanged,
  ],
};
