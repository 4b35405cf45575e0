// Types of bench/generate.js, for the smoke test in test/bench/ (bench/ itself is plain JS).

/** Element counts of one named size (quality.md "Scale the tool must hold"). */
export interface SizeCounts {
  apps: number;
  centers: number;
  services: number;
  entities: number;
  databases: number;
  clusters: number;
  datacenters: number;
}

export type SizeName = 'tiny' | 'S' | 'M' | 'L';

export const SIZES: Record<SizeName, SizeCounts>;

/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence in [0, 1). */
export function rng(seed: number): () => number;

/** A generated model: the manifest and the section files (relative path → parsed content). */
export interface GeneratedModel {
  manifest: Record<string, unknown>;
  files: Record<string, Record<string, unknown>>;
}

/** Builds the model sections for a size, deterministic from `seed` (default 42). */
export function buildModel(size: SizeName, seed?: number): GeneratedModel;

/**
 * Changes every (1/fraction)-th application (renamed), entity (one more attribute) and cluster
 * (capacity.current + 2) in place; returns how many elements were changed.
 */
export function changeModel(model: GeneratedModel, fraction: number): number;

/**
 * Writes a generated model to `dir` (replacing it); returns the number of files and bytes, and
 * how many elements `change` (a fraction, default 0) changed.
 */
export function writeModel(
  size: SizeName,
  dir: string,
  seed?: number,
  change?: number,
): Promise<{ files: number; bytes: number; changed: number }>;
