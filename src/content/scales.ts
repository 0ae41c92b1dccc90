/**
 * The fixed vocabularies of tradecraft fields, in a module of their own (the
 * content schema and the modules that read the fields both need them): the
 * ICD 203 confidence levels and likelihood scale, and what a source id may be.
 */

export const CONFIDENCE_LEVELS = ['high', 'moderate', 'low'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** The ICD 203 likelihood scale, least to most likely. */
export const LIKELIHOODS = [
  'almost no chance',
  'very unlikely',
  'unlikely',
  'roughly even chance',
  'likely',
  'very likely',
  'almost certain',
] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

/** A source id: letters, digits and _ - . : (pandoc's citation keys, simplified), not only digits (those are numbers). */
export const SOURCE_KEY = /^(?!\d+$)[\p{L}\p{N}_](?:[\p{L}\p{N}_.:-]*[\p{L}\p{N}_])?$/u;
