import type { Basis, EntityKind, OverlapDimension, RelationshipType } from './generated/graphql';

/** Plain-language names for the API's enums: what a council member reads, not what a developer types. */
export const kindLabels: Record<EntityKind, string> = {
  DELIVERABLE: 'Work',
  DOCUMENT: 'Source document',
  INDICATOR: 'Results indicator',
  ORGANIZATION: 'Organization',
  OUTCOME: 'Outcome',
  PLACE: 'Place',
  RESULTS_FRAMEWORK: 'Results framework',
  SDG_GOAL: 'SDG goal',
  SDG_INDICATOR: 'SDG indicator',
  SDG_TARGET: 'SDG target',
  THEME: 'Theme',
};

export const dimensionLabels: Record<OverlapDimension, { plural: string; singular: string }> = {
  TARGET: { plural: 'SDG targets', singular: 'SDG target' },
  GOAL: { plural: 'SDG goals', singular: 'SDG goal' },
  THEME: { plural: 'themes', singular: 'theme' },
  OUTCOME: { plural: 'outcomes', singular: 'outcome' },
  COUNTERPART: { plural: 'national counterparts', singular: 'national counterpart' },
  REGION: { plural: 'regions', singular: 'region' },
};

export const basisLabels: Record<'ALL' | Basis, string> = {
  ALL: 'Every basis',
  STATED: 'Stated by the sources only',
  DERIVED: 'Derived from codes only',
  INFERRED: 'Inferred only',
};

/** How a relationship reads from its start to its end ("WHO delivers …"). */
export const relationshipLabels: Record<RelationshipType, string> = {
  ACCOUNTABLE_FOR: 'is accountable for',
  ALIGNS_WITH: 'aligns with',
  CONTRIBUTES_TO: 'contributes to',
  DELIVERS: 'delivers',
  EXTENDS: 'extends',
  FUNDS: 'funds',
  HAS_INDICATOR: 'has indicator',
  HAS_TARGET: 'has target',
  HAS_THEME: 'has theme',
  IN_FRAMEWORK: 'is in framework',
  LOCATED_IN: 'takes place in',
  MANAGED_BY: 'is managed by',
  MEASURED_BY: 'is measured by',
  PART_OF: 'is part of',
  PUBLISHED_BY: 'is published by',
  REPORTS: 'reports',
  SAME_ACTIVITY_AS: 'is the same activity as',
  SERVES: 'serves',
  SUPPORTS: 'supports',
};

/** A basis from the address (`stated`, `derived`, `inferred`), or null for every basis. */
export function basisParam(value: string | null): Basis | null {
  return value === 'stated' ? 'STATED' : value === 'derived' ? 'DERIVED' : value === 'inferred' ? 'INFERRED' : null;
}
