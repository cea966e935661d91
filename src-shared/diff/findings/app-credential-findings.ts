import type { ResourceChange } from '../diff-types.js';
import type { KindFindings } from './finding-rule.js';
import { quoted } from './phrases.js';
import { childId, ownerId, type ResourceLabels } from './resource-labels.js';
import { lifecycleRule } from './rule-builders.js';

/** Ids of an app-owned resource's app: the owner part of `<appId>/<id>`, or the id itself for one-per-app kinds. */
function owningApp(change: ResourceChange): string[] {
  return [ownerId(change.id)];
}

/** Findings for an app's SAML signing keys (`<appId>/<kid>`), whose public part the snapshot holds. */
export const APP_SIGNING_KEY_FINDINGS: KindFindings = {
  subject: (change: ResourceChange, labels: ResourceLabels) => `Signing key ${childId(change.id)} of app ${quoted(labels.appLabel(ownerId(change.id)))}`,
  subjectIds: owningApp,
  rules: [
    lifecycleRule('signing-key-removed', 'critical', 'removed', 'was deleted'),
    lifecycleRule('signing-key-added', 'medium', 'added', 'was added'),
    {
      code: 'signing-key-certificate-changed',
      severity: 'critical',
      on: 'changed',
      paths: ['/x5c', '/x5t#S256', '/n', '/e', '/kty', '/alg'],
      describe: ({ subject }) => ({ sentence: `${subject}: certificate changed.` }),
    },
  ],
};

/** Findings for the SAML metadata document Okta publishes for an app (XML text, id is the app id). */
export const APP_SAML_METADATA_FINDINGS: KindFindings = {
  subject: (change: ResourceChange, labels: ResourceLabels) => `SAML metadata of app ${quoted(labels.appLabel(change.id))}`,
  rules: [
    lifecycleRule('saml-metadata-removed', 'critical', 'removed', 'is no longer published'),
    lifecycleRule('saml-metadata-added', 'medium', 'added', 'is now published'),
    {
      code: 'saml-metadata-changed',
      severity: 'critical',
      on: 'changed',
      paths: [''],
      describe: ({ subject }) => ({ sentence: `${subject} changed.` }),
    },
  ],
};
