import { z } from 'zod';

/**
 * The kinds of evidence an Audit Pack can hold. Each is one section of the pack; a control
 * names the sections that support it, and a section is drawn only when a chosen control names it.
 */
export const EVIDENCE_KINDS = [
  'access-policies',
  'provisioning',
  'group-rules',
  'product-access',
  'changes',
  'restores',
  'snapshot-inventory',
  'vault-integrity',
  'not-captured',
] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const FRAMEWORK_IDS = ['soc2', 'iso27001', 'hipaa'] as const;

export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

const controlSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  summary: z.string().min(1),
  evidence: z.array(z.enum(EVIDENCE_KINDS)).min(1),
});

const frameworkSchema = z.object({
  id: z.enum(FRAMEWORK_IDS),
  name: z.string().min(1),
  controls: z.array(controlSchema).min(1),
});

const catalogSchema = z.object({
  format: z.literal('butterfly-audit-frameworks/v1'),
  note: z.string(),
  frameworks: z.array(frameworkSchema),
});

/** One control of a framework, with Butterfly's own short description and the evidence behind it. */
export type AuditControl = z.infer<typeof controlSchema>;

export type AuditFramework = z.infer<typeof frameworkSchema>;

/** The framework catalog as stored in resources/audit/frameworks.json. */
export type FrameworkCatalog = z.infer<typeof catalogSchema>;

/**
 * Checks a parsed catalog file and returns it typed. Throws an Error naming the first invalid
 * field, or a framework id that appears twice, so a bad edit of the data file fails loudly.
 */
export function parseFrameworkCatalog(value: unknown): FrameworkCatalog {
  const parsed = catalogSchema.safeParse(value);
  if (!parsed.success) throw new Error(`Invalid framework catalog: ${z.prettifyError(parsed.error)}`);

  const seen = new Set<string>();
  for (const framework of parsed.data.frameworks) {
    if (seen.has(framework.id)) throw new Error(`Invalid framework catalog: framework '${framework.id}' appears twice.`);
    seen.add(framework.id);
  }
  return parsed.data;
}

/**
 * Returns the chosen frameworks in the order given. Throws when the catalog lacks one, which
 * means the data file and FRAMEWORK_IDS disagree.
 */
export function selectFrameworks(catalog: FrameworkCatalog, ids: readonly FrameworkId[]): AuditFramework[] {
  return ids.map((id) => {
    const framework = catalog.frameworks.find((candidate) => candidate.id === id);
    if (framework === undefined) throw new Error(`The framework catalog has no framework '${id}'; add it to resources/audit/frameworks.json.`);
    return framework;
  });
}

/** Returns the evidence kinds the chosen frameworks' controls name, in EVIDENCE_KINDS order. */
export function evidenceNeeded(frameworks: readonly AuditFramework[]): EvidenceKind[] {
  const named = new Set(frameworks.flatMap((framework) => framework.controls.flatMap((control) => control.evidence)));
  return EVIDENCE_KINDS.filter((kind) => named.has(kind));
}

/** Tells whether a string is a framework id. */
export function isFrameworkId(value: string): value is FrameworkId {
  return (FRAMEWORK_IDS as readonly string[]).includes(value);
}
