import type { PackWriter } from './pack-writer.js';

/** Draws what the snapshots cannot show, so that a gap is not read as evidence of absence. */
export function drawNotCaptured(writer: PackWriter): void {
  writer.bullets([
    'Atlassian-side state: Jira issues, Confluence pages, Bitbucket repositories, JSM tickets, and product roles or permissions set inside Atlassian admin.',
    'Who signed in, when and from where: Okta\'s System Log is not captured. The policies show what sign-in required, not what each sign-in did.',
    'Secrets: the SCIM bearer token and private signing keys are write-only in Okta and never read. Attached snapshot files redact any secret-named field a body still carries.',
    'Users\' own Okta profiles beyond what group membership, assignments and mappings need to tell who holds which product.',
    'Changes between two snapshots: a change made and undone between captures leaves no trace, and the time of a change is known only to lie between the two snapshots that show it.',
    'Approval of configuration changes made in the Okta console: the pack shows what changed, not who approved it. Only restores made through Butterfly carry an approver.',
    'Product access that depends on expressions outside the supported subset, or on groups whose members were not captured, is counted as undetermined and never guessed.',
    'How the organisation protects health or other regulated data inside Atlassian products, including encryption at rest; the pack covers the access configuration only.',
  ], { size: 9 });
}
