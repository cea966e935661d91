import type { JsonValue } from '../../../src-shared/json/json-types.js';
import { RESOURCE_KINDS, type ResourceKind, type SectionState, type SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import type { Logger } from '../../logging/logger.js';
import type { CaptureListener } from '../capture-progress.js';

/**
 * Collects the resources of a capture and the state of each section. A section fails on its
 * first error and keeps the error's message; a section that never starts stays
 * `not-configured` only when a caller says so, and otherwise ends complete with what it holds.
 */
export class SectionRecorder {
  private readonly resources = new Map<string, SnapshotResource>();
  private readonly failures = new Map<ResourceKind, string>();
  private readonly notConfigured = new Map<ResourceKind, string>();
  private readonly configured = new Set<ResourceKind>();

  constructor(
    private readonly listener: CaptureListener | undefined,
    private readonly logger: Logger | undefined,
  ) {}

  add(kind: ResourceKind, id: string, name: string, body: JsonValue): void {
    this.resources.set(`${kind}\u0000${id}`, { kind, id, name, body });
  }

  /** Marks a section failed with the error; the first failure of a section is the one kept. */
  fail(kind: ResourceKind, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (!this.failures.has(kind)) this.failures.set(kind, message);
    this.logger?.warn({ section: kind, err: message }, 'capture section failed');
  }

  /** Marks a section as not configured in the org, unless something in it was captured. */
  markNotConfigured(kind: ResourceKind, reason: string): void {
    if (!this.notConfigured.has(kind)) this.notConfigured.set(kind, reason);
  }

  /** Records that at least one owner has this section configured (one app with provisioning, say). */
  markConfigured(kind: ResourceKind): void {
    this.configured.add(kind);
  }

  hasFailed(kind: ResourceKind): boolean {
    return this.failures.has(kind);
  }

  /**
   * Runs one step of a section, recording a failure instead of throwing, and reports the section's
   * start. Returns the step's result, or undefined when it failed.
   */
  async run<T>(kind: ResourceKind, step: () => Promise<T>): Promise<T | undefined> {
    this.listener?.({ type: 'section-started', section: kind });
    try {
      return await step();
    } catch (error) {
      this.fail(kind, error);
      return undefined;
    }
  }

  countOf(kind: ResourceKind): number {
    let count = 0;
    for (const resource of this.resources.values()) if (resource.kind === kind) count++;
    return count;
  }

  /** Returns the resources in a stable order (kind, then id) and the final state of every section. */
  finish(): { resources: SnapshotResource[]; sections: Record<ResourceKind, SectionState> } {
    const sections = {} as Record<ResourceKind, SectionState>;
    for (const kind of RESOURCE_KINDS) {
      sections[kind] = this.stateOf(kind);
      this.listener?.({ type: 'section-finished', section: kind, state: sections[kind] });
    }
    const resources = [...this.resources.values()].sort((a, b) => compare(a.kind, b.kind) || compare(a.id, b.id));
    return { resources, sections };
  }

  private stateOf(kind: ResourceKind): SectionState {
    const count = this.countOf(kind);
    const failure = this.failures.get(kind);
    if (failure !== undefined) return { status: 'failed', count, error: failure };
    const reason = this.notConfigured.get(kind);
    if (reason !== undefined && count === 0 && !this.configured.has(kind)) return { status: 'not-configured', reason };
    return { status: 'complete', count };
  }
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
