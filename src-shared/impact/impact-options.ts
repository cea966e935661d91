import type { AtlassianProduct } from '../diff/diff-types.js';

/** Settings of the impact model that differ between Okta orgs; each connection can pass its own. */
export interface ImpactOptions {
  /**
   * App group names (compared ignoring case) mapped to the product the group grants, or to null
   * for a group that grants none. They take precedence over Atlassian's default group names.
   */
  productOverrides?: Record<string, AtlassianProduct | null>;
  /** App user profile attribute that lists product keys; `atlassianProducts` when not set. */
  productAttribute?: string;
}

export const DEFAULT_PRODUCT_ATTRIBUTE = 'atlassianProducts';
