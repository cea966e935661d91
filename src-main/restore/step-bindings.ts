import type { JsonValue } from '../../src-shared/json/json-types.js';
import { fillPlaceholders } from '../../src-shared/restore/placeholders.js';
import type { CreateLookup, PlannedRequest, StepCheck } from '../../src-shared/restore/restore-plan.js';
import type { CreatedId } from './restore-journal.js';

/**
 * The ids that create steps got from Okta, keyed like placeholders (`kind:desiredId`). For an
 * owned kind (a policy rule) the id is the raw one Okta returns, not `<ownerId>/<id>`:
 * placeholders stand in request paths and bodies, where Okta expects the raw id.
 */
export class StepBindings {
  private readonly ids = new Map<string, string>();

  bind(created: CreatedId): void {
    this.ids.set(`${created.kind}:${created.desiredId}`, created.id);
  }

  /** Returns every binding as `kind:desiredId` → new id. */
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.ids);
  }

  /** Returns the request with its placeholders filled; throws naming the first placeholder no create step has bound yet. */
  fillRequest(request: PlannedRequest): PlannedRequest {
    const filled: PlannedRequest = { method: request.method, path: this.fill(request.path) };
    if (request.body !== undefined) filled.body = this.fill(request.body);
    return filled;
  }

  fillCheck(check: StepCheck): StepCheck {
    return {
      path: this.fill(check.path),
      fields: check.fields.map((field) => ({ pointer: field.pointer, value: field.value === undefined ? undefined : this.fill(field.value) })),
      ...(check.absent === undefined ? {} : { absent: check.absent }),
    };
  }

  fillLookup(lookup: CreateLookup): CreateLookup {
    return { path: this.fill(lookup.path), pointer: lookup.pointer, value: this.fill(lookup.value) };
  }

  private fill<T extends JsonValue | string>(value: T): T {
    return fillPlaceholders(value, (key) => this.ids.get(key));
  }
}
