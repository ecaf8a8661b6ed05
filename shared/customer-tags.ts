/**
 * Tags on a customer (issue 12, "a customer profile: … notes, tags"): kept per platform and author
 * handle, so they follow the customer into every conversation. Agents and up only: never the wall.
 */
export interface CustomerTags {
  platform: string;
  /** Normalized: lower case, no leading @. */
  handle: string;
  tags: CustomerTag[];
}

export interface CustomerTag {
  tag: string;
  addedBy: string;
  addedAt: string;
}

/** At most this many tags on one customer: a profile, not a notebook. */
export const MAX_CUSTOMER_TAGS = 30;
